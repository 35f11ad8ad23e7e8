import type { EChartsCoreOption } from 'echarts/core';
import type { ReportData } from '../../engine/report/report-types';
import { badDebtOption } from '../charts/options/bad-debt';
import { defaultsOption } from '../charts/options/defaults';
import { liquidationsOption } from '../charts/options/liquidations';
import { pricesOption } from '../charts/options/prices';
import type { ChartTheme } from '../charts/palette';
import { formatCount } from '../format';
import { networkOption } from './network-option';

/** One chart of a report: where it goes, what it is, its option at the size it is drawn. */
export interface ReportChart {
  id: 'network' | 'prices' | 'liquidations' | 'bad-debt' | 'defaults';
  title: string;
  unit: string;
  width: number;
  height: number;
  option: EChartsCoreOption;
}

/** Width of a chart on an A4 page at 96 dpi, inside 14 mm margins (px). */
export const PAGE_CHART_WIDTH = 700;

/** The asset to plot: the first one a scenario event shocks, else the one whose price fell most. */
export function headlineAsset(data: ReportData): string | null {
  const shocked = data.assumptions.events.find((e) => e.type === 'price_shock' && data.charts.prices.some((p) => p.asset === e.subject));
  if (shocked !== undefined) return shocked.subject;
  let best: string | null = null;
  let worst = Infinity;
  for (const p of data.charts.prices) {
    const first = p.marketPrice.find((v) => Number.isFinite(v));
    const last = [...p.marketPrice].reverse().find((v) => Number.isFinite(v));
    if (first === undefined || last === undefined || first <= 0) continue;
    if (last / first < worst) {
      worst = last / first;
      best = p.asset;
    }
  }
  return best ?? data.charts.prices[0]?.asset ?? null;
}

export function asOfLine(data: ReportData): string {
  return `${data.scenario.name} · ${data.runId} · ${data.charts.stepsRun} steps · engine ${data.stamp.engine_version} · workspace ${data.stamp.workspace_hash.slice(0, 8)}`;
}

/** The report's charts, in reading order, built with the same option builders as the app's views. */
export function reportCharts(data: ReportData, theme: ChartTheme, width = PAGE_CHART_WIDTH): ReportChart[] {
  const asOf = asOfLine(data);
  const c = data.charts;
  const asset = headlineAsset(data);
  const series = c.prices.find((p) => p.asset === asset) ?? null;
  const networkHeight = Math.min(620, Math.max(260, 60 + 34 * Math.max(1, ...columnSizes(data))));
  const charts: ReportChart[] = [
    {
      id: 'network',
      title: 'Contagion network at the final step',
      unit: `every node on a path shown below · colour: state at step ${Math.max(0, c.stepsRun - 1)} (stressed = equity down more than ${Math.round(data.network.stressedShare * 100)}%) · edge width: loss that flowed (USD)`,
      width,
      height: networkHeight,
      option: networkOption(data.network, theme, asOf, width, networkHeight),
    },
  ];
  if (series !== null) charts.push({ id: 'prices', title: `Market vs oracle price: ${series.asset}`, unit: 'USD per unit, by step', width, height: 300, option: pricesOption(series, theme, asOf) });
  charts.push(
    { id: 'liquidations', title: 'Liquidations per step', unit: 'USD of debt repaid, stacked by venue', width, height: 300, option: liquidationsOption(c.liquidations, c.stepsRun, theme, asOf) },
    { id: 'bad-debt', title: 'Bad debt by venue', unit: `USD over the run · total ${formatCount(Math.round(data.kpis.total_bad_debt_usd))} USD`, width, height: 280, option: badDebtOption(c.badDebt, theme, asOf) },
    { id: 'defaults', title: 'Defaults timeline', unit: 'in the order they failed · mark size: what each node owed (USD)', width, height: Math.min(560, 140 + 22 * Math.min(30, c.defaults.length)), option: defaultsOption(c.defaults, c.stepsRun, theme, asOf) },
  );
  return charts;
}

function columnSizes(data: ReportData): number[] {
  const counts = new Map<number, number>();
  const depth = new Map<string, number>();
  for (const p of [...data.defaults, ...data.losers]) p.path.forEach((id, i) => depth.set(id, Math.max(depth.get(id) ?? 0, i)));
  for (const d of depth.values()) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts.values()];
}
