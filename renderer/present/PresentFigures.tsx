import type { RunSteps } from '../../engine/view/compare-types';
import type { RunCharts } from '../../engine/view/view-types';
import { formatCount, formatPercent, formatPrice, formatUsd, formatUsdFull } from '../format';
import type { ScenarioDoc } from '../scenario/draft';
import { figuresAt } from './storyboard';

const MAX_PRICES = 2;
const MAX_NAMED = 4;

/** The assets to show: those the scenario shocks, else those that moved most in the run. */
function priceAssets(charts: RunCharts, doc: ScenarioDoc | null): string[] {
  const shocked = (doc?.events ?? []).flatMap((e) => (e.type === 'price_shock' && typeof e.asset === 'string' ? [e.asset] : []));
  const have = new Set(charts.prices.map((p) => p.asset));
  const chosen = [...new Set(shocked)].filter((a) => have.has(a));
  if (chosen.length > 0) return chosen.slice(0, MAX_PRICES);
  const move = (m: number[]) => Math.max(0, ...m.map((x) => (m[0] ? Math.abs(x / m[0] - 1) : 0)));
  return [...charts.prices]
    .sort((a, b) => move(b.marketPrice) - move(a.marketPrice))
    .slice(0, MAX_PRICES)
    .map((p) => p.asset);
}

interface Props {
  steps: RunSteps | null;
  step: number;
  charts: RunCharts | null;
  doc: ScenarioDoc | null;
  /** Workspace prices before any event (USD per unit), when the run is of the workspace open now. */
  startPrices: ReadonlyMap<string, number> | null;
}

/** The run's key figures as of the step, large, each with its unit; prices of the shocked assets and who defaulted in this step. */
export function PresentFigures({ steps, step, charts, doc, startPrices }: Props) {
  const f = steps === null ? null : figuresAt(steps, step);
  const cards: [string, string, string, string, string | undefined][] = [
    ['liquidated', 'Liquidated so far', 'USD of debt repaid', f === null ? '—' : formatUsd(f.liquidatedUsd), f === null ? undefined : formatUsdFull(f.liquidatedUsd)],
    ['bad-debt', 'Bad debt so far', 'USD', f === null ? '—' : formatUsd(f.badDebtUsd), f === null ? undefined : formatUsdFull(f.badDebtUsd)],
    ['defaults', 'In default', f !== null && f.newDefaults > 0 ? `nodes (+${formatCount(f.newDefaults)} this step)` : 'nodes', f === null ? '—' : formatCount(f.defaults), undefined],
    ['loss', 'Loss so far', 'USD of equity', f === null ? '—' : formatUsd(f.lossUsd), f === null ? undefined : formatUsdFull(f.lossUsd)],
  ];
  const assets = charts === null ? [] : priceAssets(charts, doc);
  const defaultedNow = charts === null ? [] : charts.defaults.filter((d) => d.step === step);
  return (
    <section className="present-figures" aria-label={`Key figures as of step ${step}`} data-testid="present-figures">
      {cards.map(([id, label, unit, value, exact]) => (
        <article key={id} className="present-kpi" data-testid={`present-kpi-${id}`} title={exact}>
          <h2>{label}</h2>
          <p className="present-kpi-value">{value}</p>
          <p className="present-kpi-unit">{unit}</p>
        </article>
      ))}
      {assets.map((a) => {
        const m = charts?.prices.find((p) => p.asset === a)?.marketPrice ?? [];
        const now = m[Math.min(step, m.length - 1)] ?? NaN;
        const before = startPrices?.get(a);
        const start = before ?? m[0] ?? NaN;
        return (
          <article key={a} className="present-kpi price" data-testid={`present-price-${a}`}>
            <h2>{a} market price</h2>
            <p className="present-kpi-value">{formatPrice(now)}</p>
            <p className="present-kpi-unit">USD per unit · {formatPercent(now / start - 1)} {before === undefined ? 'since step 0' : 'since the start'}</p>
          </article>
        );
      })}
      {defaultedNow.length === 0 ? null : (
        <p className="present-defaults" data-testid="present-defaults">
          Defaulted in this step: {defaultedNow.slice(0, MAX_NAMED).map((d) => d.node).join(', ')}
          {defaultedNow.length > MAX_NAMED ? ` and ${formatCount(defaultedNow.length - MAX_NAMED)} more` : ''}
        </p>
      )}
    </section>
  );
}
