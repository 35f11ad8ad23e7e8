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

/** The step the figures are as of, when the timeline shows one before the end: `last` is the run's last step, `stepsRun` its length. */
export interface KpiAsOf {
  step: number;
  last: number;
  stepsRun: number;
}

function cardsOf(summary: RunSummary, defaults: number, asOf: KpiAsOf | null): Card[] {
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
    asOf === null
      ? { id: 'steps-run', label: 'Steps run', unit: 'steps', value: formatCount(summary.steps_run), note: summary.converged ? 'converged' : 'stopped at the horizon' }
      : { id: 'steps-run', label: 'Steps run', unit: 'steps', value: formatCount(asOf.step + 1), note: `of ${formatCount(asOf.stepsRun)} in the run` },
  ];
}

/**
 * The run's key figures, each with its unit; placeholders of the same size while there is no
 * result. `asOf`: the timeline's step the figures are as of; before the run's last step the cards
 * say so ("as of step t of T") and count the steps so far.
 */
export function KpiCards({ summary, defaults, dimmed = false, asOf = null }: { summary: RunSummary | null; defaults: number; dimmed?: boolean; asOf?: KpiAsOf | null }) {
  const partial = asOf !== null && asOf.step < asOf.last ? asOf : null;
  const cards = summary === null ? LABELS.map(([id, label, unit]) => ({ id, label, unit, value: '—', note: '\u00a0' }) as Card) : cardsOf(summary, defaults, partial);
  return (
    <section className={`kpis${dimmed ? ' dimmed' : ''}${partial !== null ? ' as-of' : ''}`} aria-label={partial === null ? 'Key figures' : `Key figures as of step ${partial.step} of ${partial.last}`} aria-busy={dimmed}>
      {partial !== null ? (
        <p className="kpis-as-of" data-testid="kpi-as-of">
          as of step <b>{partial.step}</b> of {partial.last}
        </p>
      ) : null}
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
