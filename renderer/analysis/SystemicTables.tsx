import { useState } from 'react';
import type { ImpactResult } from '../../engine/analysis/analysis-types';
import { usdCompactText } from '../charts/options/analysis-format';
import { formatCount } from '../format';
import type { StampedDebtRank } from '../store/analysis-slice';
import { StampText } from './JobBar';

const SHOWN = 25;
const h4 = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(4));

/** Per-node DebtRank rows, most distressed first (then linear h, then id). */
function debtRankRows(r: StampedDebtRank) {
  return Object.entries(r.debtrank.nodes)
    .map(([id, n]) => ({ id, h: n.h, h0: n.h_initial, linear: r.linear_debtrank.nodes[id]?.h ?? 0, equity: r.info.equity[id] ?? 0 }))
    .sort((a, b) => b.h - a.h || b.linear - a.linear || (a.id < b.id ? -1 : 1));
}

function ShowAll({ total, all, onToggle }: { total: number; all: boolean; onToggle(): void }) {
  if (total <= SHOWN) return null;
  return (
    <button type="button" className="link-button" onClick={onToggle}>
      {all ? `Show the first ${SHOWN}` : `Show all ${formatCount(total)}`}
    </button>
  );
}

export function DebtRankTable({ result: r, workspaceHash }: { result: StampedDebtRank; workspaceHash: string | null }) {
  const [all, setAll] = useState(false);
  const rows = debtRankRows(r);
  const distressed = rows.filter((x) => x.h > 0 || x.linear > 0).length;
  return (
    <section className="card an-table-card" aria-label="DebtRank" data-testid="debtrank-result">
      <h2>DebtRank</h2>
      <dl className="an-facts an-facts-row" data-testid="debtrank-summary">
        <dt>H (DebtRank)</dt>
        <dd>{h4(r.debtrank.H)}</dd>
        <dt>R (beyond the initial distress)</dt>
        <dd>{h4(r.debtrank.R)}</dd>
        <dt>H (linear)</dt>
        <dd>{h4(r.linear_debtrank.H)}</dd>
        <dt>Distressed nodes</dt>
        <dd>
          {distressed} of {rows.length}
        </dd>
      </dl>
      <p className="muted small">
        H: equity-weighted distress of the system (0–1). {r.info.rounds} rounds of propagation (each node propagates once); the linear fixed point took {r.info.iterations} iterations
        {r.info.converged ? '' : ' and did not converge'}.
      </p>
      {r.info.warnings.length > 0 ? (
        <ul className="small an-warn">
          {r.info.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      <div className="an-scroll">
        <table className="data-table compact" data-testid="debtrank-table">
          <thead>
            <tr>
              <th>Node</th>
              <th className="num">
                E0<span className="th-unit">USD, face value</span>
              </th>
              <th className="num">
                h initial<span className="th-unit">0–1</span>
              </th>
              <th className="num">
                h DebtRank<span className="th-unit">0–1</span>
              </th>
              <th className="num">
                h linear<span className="th-unit">0–1</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(all ? rows : rows.slice(0, SHOWN)).map((x) => (
              <tr key={x.id}>
                <td>{x.id}</td>
                <td className="num">{usdCompactText(x.equity)}</td>
                <td className="num">{h4(x.h0)}</td>
                <td className="num">{h4(x.h)}</td>
                <td className="num">{h4(x.linear)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ShowAll total={rows.length} all={all} onToggle={() => setAll(!all)} />
      <StampText stamp={r.stamp} current={workspaceHash} />
    </section>
  );
}

export function ImpactTable({ result: r, workspaceHash }: { result: ImpactResult; workspaceHash: string | null }) {
  const [all, setAll] = useState(false);
  return (
    <section className="card an-table-card" aria-label="Default impact" data-testid="impact-result">
      <h2>Default impact ranking</h2>
      <p className="muted small">{r.definition}</p>
      <div className="an-scroll">
        <table className="data-table compact" data-testid="impact-table">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Node</th>
              <th className="num">
                Loss to others<span className="th-unit">USD</span>
              </th>
              <th className="num">
                Total loss<span className="th-unit">USD</span>
              </th>
              <th className="num">Induced defaults</th>
              <th className="num">
                Bad debt<span className="th-unit">USD</span>
              </th>
              <th>Defaults itself</th>
            </tr>
          </thead>
          <tbody>
            {(all ? r.nodes : r.nodes.slice(0, SHOWN)).map((n, i) => (
              <tr key={n.node}>
                <td className="num">{i + 1}</td>
                <td>{n.node}</td>
                <td className="num">{usdCompactText(n.loss_to_others_usd)}</td>
                <td className="num">{usdCompactText(n.total_loss_usd)}</td>
                <td className="num">{formatCount(n.induced_defaults)}</td>
                <td className="num">{usdCompactText(n.total_bad_debt_usd)}</td>
                <td>{n.defaulted ? `yes, step ${n.default_step}` : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ShowAll total={r.nodes.length} all={all} onToggle={() => setAll(!all)} />
      <StampText stamp={r.stamp} current={workspaceHash} />
    </section>
  );
}
