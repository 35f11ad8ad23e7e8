import type { RunSummary } from '../../engine/results/summary-types';
import { formatCount, formatMultiple, formatUsd, formatUsdFull } from '../format';

interface Card {
  id: string;
  label: string;
  unit: string;
  value: string;
  exact?: string;
  note?: string;
}

function cardsOf(summary: RunSummary, defaults: number): Card[] {
  return [
    { id: 'total-liquidated', label: 'Total liquidated', unit: 'USD', value: formatUsd(summary.total_liquidated_usd), exact: formatUsdFull(summary.total_liquidated_usd) },
    { id: 'bad-debt', label: 'Bad debt', unit: 'USD', value: formatUsd(summary.total_bad_debt_usd), exact: formatUsdFull(summary.total_bad_debt_usd) },
    { id: 'defaults', label: 'Defaults', unit: 'nodes', value: formatCount(defaults), note: `of ${formatCount(Object.keys(summary.nodes).length)} nodes` },
    { id: 'total-loss', label: 'Total loss', unit: 'USD', value: formatUsd(summary.total_loss_usd), exact: formatUsdFull(summary.total_loss_usd), note: `direct ${formatUsd(summary.direct_loss_usd)}` },
    {
      id: 'amplification',
      label: 'Amplification',
      unit: '×',
      value: formatMultiple(summary.amplification),
      note: summary.amplification === null ? 'no direct loss' : 'total ÷ direct loss',
    },
    { id: 'steps-run', label: 'Steps run', unit: 'steps', value: formatCount(summary.steps_run), note: summary.converged ? 'converged' : 'stopped at the horizon' },
  ];
}

export function KpiCards({ summary, defaults }: { summary: RunSummary; defaults: number }) {
  return (
    <section className="kpis" aria-label="Key figures">
      {cardsOf(summary, defaults).map((card) => (
        <article key={card.id} className="kpi" data-testid={`kpi-${card.id}`} title={card.exact}>
          <h3 className="kpi-label">{card.label}</h3>
          <p className="kpi-unit">{card.unit}</p>
          <p className="kpi-value">{card.value}</p>
          <p className="kpi-note">{card.note ?? '\u00a0'}</p>
        </article>
      ))}
    </section>
  );
}
