import { useShallow } from 'zustand/react/shallow';
import type { ConcentrationRow, ExposureRow, AssetExposureRow } from '../../engine/view/view-types';
import { Icon } from '../components/Icon';
import { formatCount, formatMultiple, formatPercent, formatPrice, formatUsd, formatUsdFull } from '../format';
import { selectOverview, selectWorkspace, selectWorkspaceSource } from '../store/selectors';
import { useAppStore } from '../store/store';
import type { AppState } from '../store/store';

const pickOverview = (s: AppState) => ({ overview: selectOverview(s), workspace: selectWorkspace(s), source: selectWorkspaceSource(s) });

function Share({ value }: { value: number }) {
  return (
    <span className="share">
      <span className="share-bar" style={{ width: `${Math.min(100, value * 100)}%` }} />
      <span className="share-text">{formatPercent(value)}</span>
    </span>
  );
}

function ExposureTable({ rows, caption, assets = false }: { rows: (ExposureRow | AssetExposureRow)[]; caption: string; assets?: boolean }) {
  return (
    <table className="data-table" aria-label={caption}>
      <thead>
        <tr>
          <th scope="col">{assets ? 'Asset' : 'Venue'}</th>
          {assets ? <th className="num">Price<span className="th-unit">USD per unit</span></th> : null}
          <th className="num">Positions<span className="th-unit">count</span></th>
          <th className="num">Collateral<span className="th-unit">USD</span></th>
          <th className="num">Debt<span className="th-unit">USD</span></th>
          <th className="num">Leverage<span className="th-unit">coll ÷ equity</span></th>
          <th>Share of collateral<span className="th-unit">%</span></th>
          <th>Share of debt<span className="th-unit">%</span></th>
          {assets ? <th className="num">Borrowed in it<span className="th-unit">USD</span></th> : null}
          {assets ? <th className="num">Collateral ÷ depth<span className="th-unit">×</span></th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const a = assets ? (r as AssetExposureRow) : null;
          return (
            <tr key={r.id}>
              <td title={r.name}>{r.id}</td>
              {a ? <td className="num">{formatPrice(a.price)}</td> : null}
              <td className="num">{formatCount(r.positions)}</td>
              <td className="num" title={formatUsdFull(r.collateralUsd)}>{formatUsd(r.collateralUsd)}</td>
              <td className="num" title={formatUsdFull(r.debtUsd)}>{formatUsd(r.debtUsd)}</td>
              <td className="num">{formatMultiple(r.leverage)}</td>
              <td><Share value={r.collateralShare} /></td>
              <td><Share value={r.debtShare} /></td>
              {a ? <td className="num">{formatUsd(a.borrowedUsd)}</td> : null}
              {a ? <td className={`num${a.collateralToDepth !== null && a.collateralToDepth > 1 ? ' warn' : ''}`}>{a.collateralToDepth === null ? 'no pool' : `${a.collateralToDepth.toFixed(2)}×`}</td> : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Ranked({ rows, caption, what }: { rows: ConcentrationRow[]; caption: string; what: string }) {
  return (
    <table className="data-table compact" aria-label={caption}>
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th>Kind</th>
          <th className="num">{what}<span className="th-unit">USD</span></th>
          <th>Share<span className="th-unit">% of all</span></th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td title={r.name}>{r.id}</td>
            <td className="muted">{r.kind}</td>
            <td className="num" title={formatUsdFull(r.amountUsd)}>{formatUsd(r.amountUsd)}</td>
            <td><Share value={r.share} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The workspace at a glance, at its own prices before any event. */
export function OverviewView() {
  const { overview, workspace, source } = useAppStore(useShallow(pickOverview));
  if (workspace === null) return <p className="empty-view muted">No workspace is open. Import files or open the demo from the start page.</p>;
  if (overview === null) return <p className="empty-view muted" role="status">Computing the overview…</p>;
  const t = overview.totals;
  const totals: [string, string, string, string?][] = [
    ['Nodes', formatCount(t.nodes), 'count', `${formatCount(t.venues)} venues · ${formatCount(t.entities)} entities`],
    ['Positions', formatCount(t.positions), 'count', `+ ${formatCount(t.perps)} perps`],
    ['Collateral', formatUsd(t.collateralUsd), 'USD', formatUsdFull(t.collateralUsd)],
    ['Debt', formatUsd(t.debtUsd), 'USD', formatUsdFull(t.debtUsd)],
    ['Holdings', formatUsd(t.heldUsd), 'USD', 'unencumbered tokens'],
    ['Obligations', formatUsd(t.obligationsUsd), 'USD', 'between nodes'],
  ];
  return (
    <div className="overview" data-testid="overview-view">
      <header className="view-head">
        <h1>Overview</h1>
        <p className="muted">
          {source ?? 'Workspace'} · at the workspace’s own prices, before any event · workspace {overview.workspaceHash.slice(0, 12)}
        </p>
      </header>
      <section className="kpis" aria-label="Totals">
        {totals.map(([label, value, unit, note]) => (
          <article key={label} className="kpi">
            <h3 className="kpi-label">{label}</h3>
            <p className="kpi-unit">{unit}</p>
            <p className="kpi-value">{value}</p>
            <p className="kpi-note">{note ?? '\u00a0'}</p>
          </article>
        ))}
      </section>
      <section className="card" aria-label="Warnings" data-testid="overview-warnings">
        <h2>Before any shock</h2>
        {overview.warnings.length === 0 ? (
          <p className="ok-line">Every node is solvent and no position is liquidatable at the workspace prices.</p>
        ) : (
          <ul className="warning-list">
            {overview.warnings.map((w, i) => (
              <li key={`${w.kind}-${w.id}-${i}`} className={w.kind === 'insolvent-at-start' ? 'severe' : ''}>
                <Icon name="warning" size={16} /> {w.message}
              </li>
            ))}
            {overview.warningsTotal > overview.warnings.length ? <li className="muted">…and {formatCount(overview.warningsTotal - overview.warnings.length)} more.</li> : null}
          </ul>
        )}
        {workspace.warnings.length > 0 ? (
          <details className="import-warnings">
            <summary>{formatCount(workspace.warnings.length)} import warnings</summary>
            <ul>
              {workspace.warnings.slice(0, 50).map((w, i) => (
                <li key={i}>
                  {w.table}
                  {w.row === null ? '' : `, row ${w.row}`}
                  {w.column === null ? '' : `, column ${w.column}`}: {w.rule}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
      <section className="card">
        <h2>By venue</h2>
        <ExposureTable rows={overview.byVenue} caption="Exposure by venue" />
      </section>
      <section className="card">
        <h2>By collateral asset</h2>
        <ExposureTable rows={overview.byAsset} caption="Exposure by asset" assets />
      </section>
      <div className="two-col">
        <section className="card">
          <h2>Largest borrowers</h2>
          <p className="muted small">Position debt plus obligations owed · HHI of borrower debt {overview.hhiBorrowers.toFixed(3)}</p>
          <Ranked rows={overview.topBorrowers} caption="Largest borrowers" what="Owes" />
        </section>
        <section className="card">
          <h2>Largest creditors</h2>
          <p className="muted small">Obligations owed to them plus debt lent at their venue · HHI of venue debt {overview.hhiVenues.toFixed(3)}</p>
          <Ranked rows={overview.topCreditors} caption="Largest creditors" what="Is owed" />
        </section>
      </div>
    </div>
  );
}
