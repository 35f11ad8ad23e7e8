import { useMemo, useState } from 'react';
import type { SweepResult } from '../../engine/analysis/analysis-types';
import { useApp } from '../app-context';
import { SCALAR_KPIS, type ScalarKpi } from '../engine-client';
import { KPI_INFO, kpiText, parameterValueText } from '../charts/options/analysis-format';
import { sweepCurveOption, sweepHeatmapOption } from '../charts/options/analysis-sweep';
import { CHART_THEMES } from '../charts/palette';
import { ChartCard } from '../components/ChartCard';
import { selectTheme } from '../store/selectors';
import { useAppStore } from '../store/store';
import { StampText } from './JobBar';
import { openSweepPoint } from './sweep-flow';
import { runsText } from '../format';

const KPI_OPTIONS = SCALAR_KPIS.map((k) => [k, KPI_INFO[k].label] as const);
const TABLE_KPIS: ScalarKpi[] = ['total_liquidated_usd', 'total_bad_debt_usd', 'total_loss_usd', 'direct_loss_usd', 'amplification', 'defaults', 'liquidations', 'steps_run'];

/** The point's parameter values, as the tooltip and Results show them. */
export function pointLabel(r: SweepResult, k: number): string {
  const out: string[] = [];
  let rest = k;
  const idx = r.axes.map(() => 0);
  for (let d = r.axes.length - 1; d >= 0; d--) {
    const len = r.axes[d]?.values.length ?? 1;
    idx[d] = rest % len;
    rest = Math.floor(rest / len);
  }
  r.axes.forEach((a, d) => out.push(`${a.parameter} = ${parameterValueText(a.parameter, a.values[idx[d] as number] as number)}`));
  return out.join(', ');
}

/** A sweep's result: the curve (1-D) or heatmap (2-D) of a KPI, every KPI per point, each point openable as a run. */
export function SweepResultView({ result, kpi, onKpi, workspaceHash }: { result: SweepResult; kpi: ScalarKpi; onKpi(k: ScalarKpi): void; workspaceHash: string | null }) {
  const ctx = useApp();
  const theme = CHART_THEMES[useAppStore(selectTheme)];
  const [selected, setSelected] = useState<number | null>(null);
  const stamp = result.stamp;
  const canOpen = stamp !== undefined && stamp.workspace_hash === workspaceHash;
  const asOf = stamp === undefined ? '' : `${runsText(result.runs)} · engine ${stamp.engine_version} · workspace ${stamp.workspace_hash.slice(0, 8)} · spec ${stamp.spec_hash.slice(0, 8)}`;
  const twoD = result.axes.length === 2;
  const option = useMemo(() => (twoD ? sweepHeatmapOption(result, kpi, theme, asOf) : sweepCurveOption(result, kpi, theme, asOf, selected)), [twoD, result, kpi, theme, asOf, selected]);
  const open = (k: number) => {
    if (!canOpen || k < 0 || k >= result.runs) return;
    setSelected(k);
    void openSweepPoint(ctx, k, pointLabel(result, k));
  };
  const axis = result.axes[0];
  return (
    <div className="an-results" data-testid="sweep-result">
      <ChartCard
        id="sweep"
        title={twoD ? `${KPI_INFO[kpi].label} over ${result.axes[0]?.parameter} × ${result.axes[1]?.parameter}` : `${KPI_INFO[kpi].label} as ${axis?.parameter} varies`}
        unit={`${KPI_INFO[kpi].unit} · ${runsText(result.runs)} · click a ${twoD ? 'cell' : 'point'} to open its run in Results`}
        option={option}
        height={twoD ? 420 : 360}
        onClick={(item) => (item.seriesName === KPI_INFO[kpi].label || twoD) && open(item.dataIndex)}
        controls={
          <select aria-label="KPI" value={kpi} onChange={(e) => onKpi(e.target.value as ScalarKpi)} data-testid="sweep-chart-kpi">
            {KPI_OPTIONS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        }
      />
      {twoD || axis === undefined ? null : (
        <section className="card an-table-card" aria-label="Every KPI per point">
          <h2>Every KPI per point</h2>
          <div className="an-scroll">
            <table className="data-table compact" data-testid="sweep-table">
              <thead>
                <tr>
                  <th>{axis.parameter}</th>
                  {TABLE_KPIS.map((k) => (
                    <th key={k} className="num">
                      {KPI_INFO[k].label}
                      <span className="th-unit">{KPI_INFO[k].unit}</span>
                    </th>
                  ))}
                  <th />
                </tr>
              </thead>
              <tbody>
                {axis.values.map((v, k) => (
                  <tr key={k} className={selected === k ? 'selected' : undefined}>
                    <td>{parameterValueText(axis.parameter, v)}</td>
                    {TABLE_KPIS.map((m) => (
                      <td key={m} className="num">
                        {kpiText(m, result.kpis[m]?.[k] ?? null)}
                      </td>
                    ))}
                    <td>
                      <button type="button" className="small-button" disabled={!canOpen} onClick={() => open(k)} data-testid={`sweep-open-${k}`}>
                        Open run
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <StampText stamp={stamp} current={workspaceHash} />
    </div>
  );
}
