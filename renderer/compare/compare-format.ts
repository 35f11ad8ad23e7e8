import type { CompareKpi, CompareRun } from '../../engine/view/compare-types';
import { formatCount, formatMultiple, formatPercent, formatPrice, formatUsd, formatUsdFull } from '../format';
import type { RunEntry } from '../store/run-slice';

/** A KPI value in its unit (the unit itself is shown beside it). */
export function formatKpi(unit: string, value: number | null): string {
  if (value === null) return 'n/a';
  if (unit === 'USD') return formatUsd(value);
  if (unit === '×') return formatMultiple(value);
  if (unit === 'USD per unit') return formatPrice(value);
  return formatCount(value);
}

/** The exact figure, for a tooltip. */
export function formatKpiExact(unit: string, value: number | null): string {
  if (value === null) return 'n/a';
  if (unit === 'USD') return formatUsdFull(value);
  if (unit === '×') return `${value.toFixed(4)}×`;
  return unit === 'USD per unit' ? `${value} USD per unit` : formatCount(value);
}

/** A signed delta in the KPI's unit: `+$500`, `−$1.2M`, `+2`, `0` (a real minus sign). */
export function formatDelta(unit: string, delta: number | null): string {
  if (delta === null) return 'n/a';
  if (delta === 0) return '0';
  const text = unit === '×' ? `${Math.abs(delta).toFixed(2)}×` : formatKpi(unit, Math.abs(delta));
  return `${delta > 0 ? '+' : '−'}${text}`;
}

/** `(+50.0%)`, or nothing when the baseline was zero. */
export function formatRelative(relative: number | null): string {
  if (relative === null || relative === 0) return '';
  return `(${relative > 0 ? '+' : ''}${formatPercent(relative)})`;
}

/** Whether a delta is a worse or better outcome than the baseline, by the KPI's direction. */
export function deltaTone(kpi: Pick<CompareKpi, 'direction'>, delta: number | null): 'worse' | 'better' | 'same' {
  if (delta === null || delta === 0 || kpi.direction === 'neutral') return 'same';
  return delta > 0 === (kpi.direction === 'higher-is-worse') ? 'worse' : 'better';
}

/** A, B, …, H: the runs' letters in the compare charts and tables. */
export const runLetter = (i: number): string => String.fromCharCode(65 + i);

/**
 * A run's name in legends and headers: its letter, scenario, the quick shock when there was one,
 * and — when the runs are of different workspaces — a short workspace hash.
 */
export function runLabel(run: CompareRun, i: number, entry: RunEntry | undefined, sameWorkspace: boolean): string {
  const quick = entry?.quick ? ` · ${entry.quick.asset} ${formatPercent(entry.quick.change, 0)}` : '';
  const ws = sameWorkspace ? '' : ` · ws ${run.workspaceHash.slice(0, 6)}`;
  return `${runLetter(i)} · ${run.scenario}${quick}${ws}`;
}
