import type { CompareView } from '../../engine/view/compare-types';
import { deltaTone, formatDelta, formatKpi, formatKpiExact, formatRelative, runLetter } from './compare-format';

const TONE_MARK = { worse: '▲ ', better: '▼ ', same: '' } as const;

/** Each KPI per run with its unit, and each run's delta from the baseline (A), worse or better marked in words and colour. */
export function CompareKpiTable({ view, labels, colors }: { view: CompareView; labels: string[]; colors: string[] }) {
  const others = view.runs.slice(1);
  return (
    <section className="card compare-kpis" aria-label="Key figures compared">
      <header className="card-head">
        <div className="card-title">
          <h2>Key figures</h2>
          <p className="card-unit">Δ = run − baseline A, in the unit shown; ▲ worse, ▼ better for losses</p>
        </div>
      </header>
      <div className="compare-table-wrap">
        <table className="data-table compact compare-table" data-testid="compare-kpis">
          <thead>
            <tr>
              <th>Figure</th>
              <th>Unit</th>
              {view.runs.map((r, i) => (
                <th key={r.runId} className="num run-head" title={labels[i]}>
                  <span className="run-swatch" style={{ background: colors[i] }} aria-hidden="true" />
                  {labels[i]}
                </th>
              ))}
              {others.map((r, j) => (
                <th key={r.runId} className="num">
                  Δ {runLetter(j + 1)} − A<span className="th-unit">vs baseline</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.kpis.map((k) => (
              <tr key={k.key} data-testid={`compare-kpi-${k.key}`}>
                <th scope="row">{k.label}</th>
                <td className="unit-cell">{k.unit}</td>
                {k.values.map((v, i) => (
                  <td key={i} className="num" title={formatKpiExact(k.unit, v)} data-value={v ?? ''} data-testid={`compare-value-${k.key}-${i}`}>
                    {formatKpi(k.unit, v)}
                  </td>
                ))}
                {k.deltas.slice(1).map((d, j) => {
                  const tone = deltaTone(k, d);
                  return (
                    <td key={j} className={`num delta ${tone}`} title={`${tone === 'same' ? '' : `${tone} than A: `}${formatKpiExact(k.unit, d)}`} data-value={d ?? ''} data-testid={`compare-delta-${k.key}-${j + 1}`}>
                      {TONE_MARK[tone]}
                      {formatDelta(k.unit, d)} <span className="rel">{formatRelative(k.relative[j + 1] ?? null)}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
