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

const LABELS: [string, string, string][] = [
  ['total-liquidated', 'Total liquidated', 'USD'],
  ['bad-debt', 'Bad debt', 'USD'],
  ['defaults', 'Defaults', 'nodes'],
  ['total-loss', 'Total loss', 'USD'],
  ['amplification', 'Amplification', '×'],
  ['steps-run', 'Steps run', 'steps'],
];

function cardsOf(summary: RunSummary, defaults: number): Card[] {
  return [
    { id: 'total-liquidated', label: 'Total liquidated', unit: 'USD', value: formatUsd(summary.total_liquidated_usd), exact: formatUsdFull(summary.total_liquidated_usd), note: 'debt repaid by liquidations' },
    { id: 'bad-debt', label: 'Bad debt', unit: 'USD', value: formatUsd(summary.total_bad_debt_usd), exact: formatUsdFull(summary.total_bad_debt_usd), note: 'left with venues' },
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

/** The run's key figures, each with its unit; placeholders of the same size while there is no result. */
export function KpiCards({ summary, defaults, dimmed = false }: { summary: RunSummary | null; defaults: number; dimmed?: boolean }) {
  const cards = summary === null ? LABELS.map(([id, label, unit]) => ({ id, label, unit, value: '—', note: '\u00a0' }) as Card) : cardsOf(summary, defaults);
  return (
    <section className={`kpis${dimmed ? ' dimmed' : ''}`} aria-label="Key figures" aria-busy={dimmed}>
      {cards.map((card) => (
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
