import { useState } from 'react';
import type { DistanceResult } from '../../engine/analysis/analysis-types';
import { magnitudeText } from '../charts/options/analysis-reverse';
import { formatCount } from '../format';
import { StampText } from './JobBar';
import { shockText } from './reverse-labels';

const SHOWN = 100;

/** Every node ranked by the smallest shock that makes it default ("distance to default"), nearest first. */
export function DistanceTable({ result: r, workspaceHash }: { result: DistanceResult; workspaceHash: string | null }) {
  const [all, setAll] = useState(false);
  const rows = all ? r.nodes : r.nodes.slice(0, SHOWN);
  const found = r.nodes.filter((n) => n.status === 'found').length;
  const already = r.nodes.filter((n) => n.status === 'reached_at_min').length;
  // The grid's first magnitude: above 0 (a --min), a node met there is not "in default without the shock".
  const first = r.samples[0] ?? 0;
  const alreadyText = first > 0 ? `in default at the smallest shock searched (${magnitudeText(r, first)})` : 'in default without the shock';
  return (
    <section className="card an-table-card" aria-label="Distance to default" data-testid="distance-result">
      <h2>Distance to default: {shockText(r)}</h2>
      <p className="muted small">
        {formatCount(r.nodes.length)} nodes that owe something · {formatCount(found)} default within the range searched · {formatCount(already)} {alreadyText} · the rest not even at the
        largest magnitude. Grid of {r.samples.length} magnitudes shared by all nodes, then each node’s bracket bisected.
      </p>
      <div className="an-scroll">
        <table className="data-table compact">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Node</th>
              <th className="num">
                Threshold<span className="th-unit">{r.shock.kind === 'external_loss' ? 'USD lost' : 'price drop'}</span>
              </th>
              <th>Bracket</th>
              <th>Monotone</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((n, i) => (
              <tr key={n.node}>
                <td className="num">{i + 1}</td>
                <td>{n.node}</td>
                <td className="num">{n.status === 'found' && n.threshold !== null ? magnitudeText(r, n.threshold) : n.status === 'reached_at_min' ? (first > 0 ? `at ${magnitudeText(r, first)} already` : 'in default already') : 'not reached'}</td>
                <td className="muted">{n.bracket === null ? '—' : `${magnitudeText(r, n.bracket[0])} … ${magnitudeText(r, n.bracket[1])}`}</td>
                <td className={n.monotone ? undefined : 'an-bad'}>{n.monotone ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.nodes.length > SHOWN ? (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? `Show the first ${SHOWN}` : `Show all ${formatCount(r.nodes.length)}`}
        </button>
      ) : null}
      <StampText stamp={r.stamp} current={workspaceHash} />
    </section>
  );
}
