import type { ScalarKpi } from '../../../engine/analysis/run-kpis';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });
const plain = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const pct = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** What each scalar KPI is called and measured in (MODEL §6). */
export const KPI_INFO: Readonly<Record<ScalarKpi, { label: string; unit: string }>> = {
  total_liquidated_usd: { label: 'Total liquidated', unit: 'USD' },
  total_bad_debt_usd: { label: 'Total bad debt', unit: 'USD' },
  total_loss_usd: { label: 'Total loss', unit: 'USD' },
  direct_loss_usd: { label: 'Direct loss', unit: 'USD' },
  amplification: { label: 'Amplification', unit: '×' },
  defaults: { label: 'Defaults', unit: 'nodes' },
  liquidations: { label: 'Liquidations', unit: 'liquidation rows' },
  steps_run: { label: 'Steps run', unit: 'steps' },
  converged: { label: 'Converged', unit: '1 = yes' },
};

const minus = (t: string): string => (t.startsWith('-') ? `−${t.slice(1)}` : t);

/** A KPI's value with its unit: `$12.3M`, `2.41×`, `3 nodes`; `n/a` where undefined. */
export function kpiText(kpi: ScalarKpi, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  const { unit } = KPI_INFO[kpi];
  if (unit === 'USD') return `${minus(v < 0 ? `-$${compact.format(-v)}` : `$${compact.format(v)}`)}`;
  if (unit === '×') return `${v.toFixed(2)}×`;
  if (kpi === 'converged') return v === 1 ? 'yes' : 'no';
  return plain.format(v);
}

/** The field a sweep parameter sets (`event[0,1].change` → `change`). */
export function parameterField(parameter: string): string {
  const dot = parameter.lastIndexOf('.');
  return dot < 0 ? parameter : parameter.slice(dot + 1);
}

/** A parameter value as people read it: a price change as a percentage, USD compact, steps whole. */
export function parameterValueText(parameter: string, v: number): string {
  const f = parameterField(parameter);
  if (f === 'change' || f === 'fraction' || f === 'deviation') return minus(`${pct.format(v * 100)}%`);
  if (f === 'factor') return `×${plain.format(v)}`;
  if (f === 'amount_usd' || f === 'external_assets_usd' || f === 'depth_usd' || f === 'price') return `$${compact.format(v)}`;
  return minus(plain.format(v));
}

/** A USD amount, compact: `$1.2M`. */
export function usdCompactText(v: number): string {
  if (!Number.isFinite(v)) return '—';
  return v < 0 ? `−$${compact.format(-v)}` : `$${compact.format(v)}`;
}
