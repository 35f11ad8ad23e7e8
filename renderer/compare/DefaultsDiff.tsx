import type { CompareView, DefaultDifference } from '../../engine/view/compare-types';
import { formatCount } from '../format';

function cell(d: DefaultDifference, i: number): string {
  if (!(d.present[i] ?? false)) return 'not in workspace';
  const t = d.steps[i];
  return t === null || t === undefined ? 'no default' : `step ${t}`;
}

/** Nodes that default in one run but not another (or at another step), with the step in each run. */
export function DefaultsDiff({ view, labels, colors }: { view: CompareView; labels: string[]; colors: string[] }) {
  const only = view.defaults.filter((d) => d.difference === 'only-some').length;
  const head =
    view.defaultsTotal === 0
      ? 'The same nodes default in every run, at the same steps.'
      : `${formatCount(view.defaultsTotal)} node${view.defaultsTotal === 1 ? '' : 's'} differ${view.defaultsTotal === 1 ? 's' : ''}: ${formatCount(only)} default${only === 1 ? 's' : ''} in some runs only${view.defaultsTotal > view.defaults.length ? ` (first ${formatCount(view.defaults.length)} listed)` : ''}.`;
  return (
    <section className="card compare-defaults" aria-label="Defaults that differ">
      <header className="card-head">
        <div className="card-title">
          <h2>Defaults that differ</h2>
          <p className="card-unit" data-testid="compare-defaults-summary">
            {head}
          </p>
        </div>
      </header>
      {view.defaults.length === 0 ? null : (
        <div className="compare-table-wrap">
          <table className="data-table compact compare-table" data-testid="compare-defaults">
            <thead>
              <tr>
                <th>Node</th>
                <th>Kind</th>
                {labels.map((l, i) => (
                  <th key={i} className="run-head">
                    <span className="run-swatch" style={{ background: colors[i] }} aria-hidden="true" />
                    {l}
                    <span className="th-unit">default step</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.defaults.map((d) => (
                <tr key={d.node} data-testid={`compare-default-${d.node}`}>
                  <th scope="row">{d.node}</th>
                  <td>{d.kind}</td>
                  {labels.map((_, i) => {
                    const text = cell(d, i);
                    return (
                      <td key={i} className={text.startsWith('step') ? 'defaulted' : 'muted'}>
                        {text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
