import type { ReactNode } from 'react';
import type { ReportPathNode } from '../../engine/report/report-types';
import { formatCount, formatMultiple, formatPercent, formatPrice, formatUsd, formatUsdFull } from '../format';
import type { ReportChart } from './report-charts';
import { reportTitle, utcText, vertexLabel, type ReportDocument } from './report-doc';
import './report.css';

interface Props {
  doc: ReportDocument;
  charts: ReportChart[];
  /** Draws one chart: an image in the printable view, a live chart in the HTML report. */
  renderChart(chart: ReportChart): ReactNode;
  /** Said under the network's title (e.g. why it is drawn as it is). */
  networkNote?: string;
}

const CHANNEL_TEXT: Readonly<Record<string, string>> = {
  counterparty: 'unpaid obligations',
  market: 'mark-to-market',
  liquidation: 'liquidation bonus',
  bad_debt: 'bad debt',
  exogenous: 'scenario event',
  price: 'price impact',
  trigger: 'set off liquidations',
};

/**
 * The report itself: key figures, the contagion network, the main charts, the defaults and their
 * paths, the assumptions in plain language and the inputs' provenance. On paper every page repeats
 * the header (scenario, as-of time, engine) and the footer (input hashes): the table's head and foot.
 */
export function ReportBody({ doc, charts, renderChart, networkNote }: Props) {
  const d = doc.data;
  const k = d.kpis;
  const asOf = utcText(doc.generatedAt);
  const [network, ...rest] = charts;
  return (
    <article className="report" data-testid="report" aria-label={reportTitle(doc)}>
      <table className="report-sheet">
        <thead>
          <tr>
            <td>
              <div className="report-running report-running-head" data-testid="report-running-head">
                <span>Firebreak · {reportTitle(doc)}</span>
                <span>
                  as of {asOf} · {d.runId} · engine {d.stamp.engine_version}
                </span>
              </div>
            </td>
          </tr>
        </thead>
        <tfoot>
          <tr>
            <td>
              <div className="report-running report-running-foot" data-testid="report-running-foot">
                <span>Workspace SHA-256 {d.stamp.workspace_hash}</span>
                <span>Scenario SHA-256 {d.stamp.scenario_hash}</span>
              </div>
            </td>
          </tr>
        </tfoot>
        <tbody>
          <tr>
            <td>
              <header className="report-title">
                <p className="report-kicker">Firebreak stress report</p>
                <h1 data-testid="report-title">{d.scenario.name}</h1>
                {d.scenario.description === '' ? null : <p className="report-description">{d.scenario.description}</p>}
                <p className="report-meta">
                  As of {asOf} · run {d.runId}
                  {doc.runFinishedAt === null ? '' : ` finished ${utcText(doc.runFinishedAt)}`} · engine {d.stamp.engine_version} · Firebreak {doc.appVersion}
                  {doc.source === null ? '' : ` · ${doc.source}`}
                </p>
              </header>

              <section className="report-section" aria-labelledby="report-kpis">
                <h2 id="report-kpis">Key figures</h2>
                <div className="report-kpis" data-testid="report-kpis">
                  <Kpi id="total-liquidated" label="Total liquidated" unit="USD" value={formatUsd(k.total_liquidated_usd)} note={`${formatUsdFull(k.total_liquidated_usd)} of debt repaid`} />
                  <Kpi id="bad-debt" label="Bad debt" unit="USD" value={formatUsd(k.total_bad_debt_usd)} note={`${formatUsdFull(k.total_bad_debt_usd)} left with venues`} />
                  <Kpi id="defaults" label="Defaults" unit="nodes" value={formatCount(k.defaults)} note={`of ${formatCount(k.nodes)} nodes`} />
                  <Kpi id="total-loss" label="Total loss" unit="USD" value={formatUsd(k.total_loss_usd)} note={`direct ${formatUsd(k.direct_loss_usd)}`} />
                  <Kpi id="amplification" label="Amplification" unit="×" value={formatMultiple(k.amplification)} note={k.amplification === null ? 'no direct loss' : 'total ÷ direct loss'} />
                  <Kpi id="steps-run" label="Steps run" unit="steps" value={formatCount(k.steps_run)} note={k.converged ? 'converged (fixed point)' : 'stopped at the horizon'} />
                </div>
              </section>

              {network === undefined ? null : (
                <section className="report-section report-figure" aria-labelledby="report-network">
                  <h2 id="report-network">{network.title}</h2>
                  <p className="report-unit">{network.unit}</p>
                  {networkNote === undefined ? null : <p className="report-unit">{networkNote}</p>}
                  {d.network.vertices.length === 0 ? <p className="report-empty">No loss travelled in this run: there is no contagion path to draw.</p> : renderChart(network)}
                </section>
              )}

              {rest.map((c) => (
                <section key={c.id} className="report-section report-figure" aria-labelledby={`report-chart-${c.id}`}>
                  <h2 id={`report-chart-${c.id}`}>{c.title}</h2>
                  <p className="report-unit">{c.unit}</p>
                  {renderChart(c)}
                </section>
              ))}

              <section className="report-section" aria-labelledby="report-defaults">
                <h2 id="report-defaults">Defaults and their contagion paths</h2>
                <p className="report-unit">
                  In the order they failed. A path walks back from the node along the largest loss that reached it to a scenario event; each hop shows the loss that flowed along it up to the node’s default, in USD.
                </p>
                {d.defaults.length === 0 ? <p className="report-empty">No node defaulted in this run.</p> : <PathTable doc={doc} rows={d.defaults} testId="report-defaults" defaults />}
                {k.defaults > d.defaults.length ? <p className="report-unit">The first {formatCount(d.defaults.length)} of {formatCount(k.defaults)} defaults are listed.</p> : null}
                {d.losers.length === 0 ? null : (
                  <>
                    <h3>Largest losses without a default</h3>
                    <PathTable doc={doc} rows={d.losers} testId="report-losers" defaults={false} />
                  </>
                )}
              </section>

              <section className="report-section" aria-labelledby="report-assumptions">
                <h2 id="report-assumptions">Assumptions</h2>
                <p>{d.assumptions.horizon}</p>
                <h3>Scenario events</h3>
                {d.assumptions.events.length === 0 ? (
                  <p className="report-empty">The scenario has no events.</p>
                ) : (
                  <ol className="report-events" data-testid="report-events" start={0}>
                    {d.assumptions.events.map((e) => (
                      <li key={e.id}>
                        <span className="report-event-id">{e.id}</span> {e.text}
                      </li>
                    ))}
                  </ol>
                )}
                <h3>Model options</h3>
                <ul className="report-options">
                  {d.assumptions.options.map((o) => (
                    <li key={o.name}>
                      <code>
                        {o.name} = {String(o.value)}
                      </code>{' '}
                      {o.text}
                    </li>
                  ))}
                </ul>
                {Object.keys(d.finalPrices).length === 0 ? null : (
                  <>
                    <h3>Final market prices</h3>
                    <p className="report-prices">
                      {Object.entries(d.finalPrices)
                        .map(([a, p]) => `${a} ${formatPrice(p)}`)
                        .join(' · ')}
                    </p>
                  </>
                )}
                {d.warnings.length === 0 ? null : (
                  <>
                    <h3>Warnings</h3>
                    <ul>
                      {d.warnings.map((w, i) => (
                        <li key={i}>{w}</li>
                      ))}
                    </ul>
                  </>
                )}
              </section>

              <section className="report-section report-provenance" aria-labelledby="report-inputs">
                <h2 id="report-inputs">Inputs and provenance</h2>
                <dl data-testid="report-provenance">
                  <dt>Workspace SHA-256</dt>
                  <dd>
                    <code>{d.stamp.workspace_hash}</code>
                  </dd>
                  <dt>Scenario SHA-256</dt>
                  <dd>
                    <code>{d.stamp.scenario_hash}</code>
                  </dd>
                  <dt>Engine version</dt>
                  <dd>{d.stamp.engine_version}</dd>
                  <dt>Run</dt>
                  <dd>
                    {d.runId}, {formatCount(k.steps_run)} of {formatCount(d.scenario.steps)} steps{doc.runFinishedAt === null ? '' : `, finished ${utcText(doc.runFinishedAt)}`}
                  </dd>
                  <dt>Report made</dt>
                  <dd>
                    {asOf} by Firebreak {doc.appVersion}
                  </dd>
                </dl>
                <p className="report-unit">The same workspace and scenario hashes with the same engine version give the same numbers.</p>
              </section>
            </td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}

function Kpi({ id, label, unit, value, note }: { id: string; label: string; unit: string; value: string; note: string }) {
  return (
    <div className="report-kpi" data-testid={`report-kpi-${id}`}>
      <span className="report-kpi-label">{label}</span>
      <span className="report-kpi-unit">{unit}</span>
      <span className="report-kpi-value">{value}</span>
      <span className="report-kpi-note">{note}</span>
    </div>
  );
}

function PathTable({ doc, rows, testId, defaults }: { doc: ReportDocument; rows: ReportPathNode[]; testId: string; defaults: boolean }) {
  return (
    <table className="report-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">{defaults ? 'Step' : 'Lost'}</th>
          <th scope="col">{defaults ? 'Owed / recovery' : 'Equity start → end'}</th>
          <th scope="col">Contagion path</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.node}>
            <th scope="row">
              {r.node}
              <span className="report-kind">{r.kind}</span>
            </th>
            <td className="num">{defaults ? r.step : formatUsd(r.equityStartUsd - r.equityEndUsd)}</td>
            <td className="num">
              {defaults ? (
                <>
                  {formatUsd(r.obligationsUsd)}
                  <br />
                  {formatPercent(r.recoveryRate)}
                </>
              ) : (
                <>
                  {formatUsd(r.equityStartUsd)} → {formatUsd(r.equityEndUsd)}
                </>
              )}
            </td>
            <td>
              {r.path.length === 0 ? (
                <span className="report-empty">no path (lost nothing traceable)</span>
              ) : (
                <ol className="report-path">
                  {r.path.map((id, i) => {
                    const hop = i === 0 ? undefined : r.hops[i - 1];
                    return (
                      <li key={`${id}-${i}`}>
                        {hop === undefined ? null : (
                          <span className="report-hop" title={hop.channel}>
                            → {formatUsd(hop.amountUsd)} <small>{CHANNEL_TEXT[hop.channel] ?? hop.channel}</small> →
                          </span>
                        )}
                        <span className={`report-vertex${id.startsWith('event:') ? ' event' : ''}`}>{vertexLabel(doc, id)}</span>
                      </li>
                    );
                  })}
                </ol>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
