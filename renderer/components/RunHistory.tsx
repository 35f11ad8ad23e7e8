import type { RunEntry } from '../store/run-slice';
import { formatCount, formatMultiple, formatPercent, formatUsd } from '../format';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The last runs of this session, side by side, each with its stamp. */
export function RunHistory({ entries, current }: { entries: RunEntry[]; current: string }) {
  if (entries.length < 2) return null;
  return (
    <section className="card history" aria-label="Recent runs">
      <h2>Recent runs</h2>
      <table className="data-table compact" data-testid="run-history">
        <thead>
          <tr>
            <th>Run</th>
            <th>Scenario</th>
            <th className="num">Liquidated<span className="th-unit">USD</span></th>
            <th className="num">Bad debt<span className="th-unit">USD</span></th>
            <th className="num">Defaults<span className="th-unit">nodes</span></th>
            <th className="num">Total loss<span className="th-unit">USD</span></th>
            <th className="num">Amplification<span className="th-unit">×</span></th>
            <th>Scenario hash</th>
            <th>Finished</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const s = e.result.summary;
            return (
              <tr key={e.runId} className={e.runId === current ? 'selected' : undefined}>
                <td>{e.runId}</td>
                <td>
                  {e.scenarioName}
                  {e.quick === null ? '' : ` · ${e.quick.asset} ${formatPercent(e.quick.change, 0)}`}
                </td>
                <td className="num">{formatUsd(s.total_liquidated_usd)}</td>
                <td className="num">{formatUsd(s.total_bad_debt_usd)}</td>
                <td className="num">{formatCount(e.defaults)}</td>
                <td className="num">{formatUsd(s.total_loss_usd)}</td>
                <td className="num">{formatMultiple(s.amplification)}</td>
                <td className="muted" title={e.result.stamp.scenario_hash}>
                  {e.result.stamp.scenario_hash.slice(0, 10)}
                </td>
                <td className="muted">{time.format(e.finishedAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
