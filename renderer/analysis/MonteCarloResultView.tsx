import { useMemo, useState } from 'react';
import type { Distribution, MonteCarloResult } from '../../engine/analysis/analysis-types';
import { useApp } from '../app-context';
import { usdCompactText } from '../charts/options/analysis-format';
import { histogramOption } from '../charts/options/analysis-histogram';
import { CHART_THEMES } from '../charts/palette';
import { ChartCard } from '../components/ChartCard';
import { formatCount, formatPercent } from '../format';
import { selectTheme } from '../store/selectors';
import { useAppStore } from '../store/store';
import type { McMetric } from '../store/analysis-slice';
import { StampText } from './JobBar';
import { openWorstDraw } from './montecarlo-flow';

const METRICS: [McMetric, string][] = [
  ['total_bad_debt_usd', 'Bad debt'],
  ['total_loss_usd', 'Total loss'],
  ['total_liquidated_usd', 'Liquidations'],
];

const SHOWN_NODES = 25;

function RiskCards({ d }: { d: Distribution }) {
  const cards: [string, number, string][] = [
    ['Mean', d.mean, 'average over the draws'],
    ['VaR 95%', d.var95, 'exceeded in 5% of draws'],
    ['ES 95%', d.es95, 'mean of the worst 5%'],
    ['VaR 99%', d.var99, 'exceeded in 1% of draws'],
    ['ES 99%', d.es99, 'mean of the worst 1%'],
    ['P(> 0)', d.probability_positive, 'share of draws with any'],
  ];
  return (
    <div className="kpis an-kpis" data-testid="mc-risk">
      {cards.map(([label, v, note]) => (
        <article key={label} className="kpi">
          <h3 className="kpi-label">{label}</h3>
          <p className="kpi-unit">{label === 'P(> 0)' ? 'share' : 'USD'}</p>
          <p className="kpi-value">{label === 'P(> 0)' ? formatPercent(v) : usdCompactText(v)}</p>
          <p className="kpi-note">{note}</p>
        </article>
      ))}
    </div>
  );
}

/** The distributions of a Monte Carlo with VaR and ES, per-venue bad debt at risk, default probabilities and the worst draws. */
export function MonteCarloResultView({ result: r, metric, onMetric, workspaceHash }: { result: MonteCarloResult; metric: McMetric; onMetric(m: McMetric): void; workspaceHash: string | null }) {
  const ctx = useApp();
  const theme = CHART_THEMES[useAppStore(selectTheme)];
  const [allNodes, setAllNodes] = useState(false);
  const stamp = r.stamp;
  const canOpen = stamp !== undefined && stamp.workspace_hash === workspaceHash;
  const what = METRICS.find(([m]) => m === metric)?.[1] ?? metric;
  const d = r[metric];
  const asOf = stamp === undefined ? '' : `${r.draws} draws · seed ${r.seed} · engine ${stamp.engine_version} · workspace ${stamp.workspace_hash.slice(0, 8)} · spec ${stamp.spec_hash.slice(0, 8)}`;
  const option = useMemo(() => histogramOption(d, what, r.draws, theme, asOf), [d, what, r.draws, theme, asOf]);
  const venues = Object.entries(r.venues)
    .filter(([, v]) => v.bad_debt_usd.max > 0)
    .sort((a, b) => b[1].bad_debt_usd.var99 - a[1].bad_debt_usd.var99 || b[1].bad_debt_usd.mean - a[1].bad_debt_usd.mean || (a[0] < b[0] ? -1 : 1));
  const quiet = Object.keys(r.venues).length - venues.length;
  const probs = Object.entries(r.default_probability);
  const shownProbs = allNodes ? probs : probs.slice(0, SHOWN_NODES);

  return (
    <div className="an-results" data-testid="mc-result">
      <div className="segmented" role="radiogroup" aria-label="Outcome">
        {METRICS.map(([m, l]) => (
          <button key={m} type="button" role="radio" aria-checked={metric === m} className={metric === m ? 'on' : ''} onClick={() => onMetric(m)} data-testid={`mc-metric-${m}`}>
            {l}
          </button>
        ))}
      </div>
      <RiskCards d={d} />
      <ChartCard
        id="mc-histogram"
        title={`${what} over ${formatCount(r.draws)} draws`}
        unit={`USD per draw · ${r.distribution === 'student_t' ? `Student-t, ν = ${r.nu}` : 'normal'} · ${r.assets.join(', ')} · VaR and ES at 95% and 99%`}
        option={option}
        height={360}
      />
      <div className="an-two">
        <section className="card an-table-card" aria-label="Bad debt at risk by venue" data-testid="mc-venues">
          <h2>Bad debt at risk by venue</h2>
          {venues.length === 0 ? (
            <p className="muted">No venue took bad debt in any draw.</p>
          ) : (
            <table className="data-table compact">
              <thead>
                <tr>
                  <th>Venue</th>
                  {['Mean', 'VaR 95%', 'ES 95%', 'VaR 99%', 'ES 99%'].map((h) => (
                    <th key={h} className="num">
                      {h}
                      <span className="th-unit">USD</span>
                    </th>
                  ))}
                  <th className="num">P(&gt; 0)</th>
                </tr>
              </thead>
              <tbody>
                {venues.map(([id, v]) => (
                  <tr key={id}>
                    <td>{id}</td>
                    {[v.bad_debt_usd.mean, v.bad_debt_usd.var95, v.bad_debt_usd.es95, v.bad_debt_usd.var99, v.bad_debt_usd.es99].map((x, i) => (
                      <td key={i} className="num">
                        {usdCompactText(x)}
                      </td>
                    ))}
                    <td className="num">{formatPercent(v.bad_debt_usd.probability_positive)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {quiet > 0 ? <p className="muted small">{quiet} other venue{quiet === 1 ? '' : 's'}: no bad debt in any draw.</p> : null}
        </section>
        <section className="card an-table-card" aria-label="Default probabilities" data-testid="mc-defaults">
          <h2>Default probability by node</h2>
          {probs.length === 0 ? (
            <p className="muted">No node defaulted in any draw.</p>
          ) : (
            <table className="data-table compact">
              <thead>
                <tr>
                  <th>Node</th>
                  <th className="num">P(default)</th>
                  <th className="num">draws</th>
                </tr>
              </thead>
              <tbody>
                {shownProbs.map(([id, p]) => (
                  <tr key={id}>
                    <td>{id}</td>
                    <td className="num">{formatPercent(p)}</td>
                    <td className="num">{formatCount(Math.round(p * r.draws))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {probs.length > SHOWN_NODES ? (
            <button type="button" className="link-button" onClick={() => setAllNodes(!allNodes)}>
              {allNodes ? `Show the first ${SHOWN_NODES}` : `Show all ${probs.length}`}
            </button>
          ) : null}
        </section>
      </div>
      <section className="card an-table-card" aria-label="Worst draws" data-testid="mc-worst">
        <h2>Worst draws by {r.rank_by.replace(/_/g, ' ').replace(' usd', '')}</h2>
        <div className="an-scroll">
          <table className="data-table compact">
            <thead>
              <tr>
                <th className="num">Draw</th>
                <th className="num">Bad debt</th>
                <th className="num">Liquidated</th>
                <th className="num">Total loss</th>
                <th className="num">Defaults</th>
                <th>Price changes</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {r.worst.map((w) => (
                <tr key={w.draw}>
                  <td className="num">{w.draw}</td>
                  <td className="num">{usdCompactText(w.total_bad_debt_usd)}</td>
                  <td className="num">{usdCompactText(w.total_liquidated_usd)}</td>
                  <td className="num">{usdCompactText(w.total_loss_usd)}</td>
                  <td className="num">{formatCount(w.defaults)}</td>
                  <td className="muted">
                    {Object.entries(w.shocks)
                      .map(([a, c]) => `${a} ${c > 0 ? '+' : ''}${formatPercent(c)}`)
                      .join(' · ')}
                  </td>
                  <td>
                    <button type="button" className="small-button" disabled={!canOpen} onClick={() => void openWorstDraw(ctx, w.draw)} data-testid={`mc-open-${w.draw}`}>
                      Open run
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <StampText stamp={stamp} current={workspaceHash} />
    </div>
  );
}
