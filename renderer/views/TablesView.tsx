import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TableSource } from '../../engine/view/view-types';
import { DataGrid } from '../components/DataGrid';
import { TableExport, type TableQuery } from '../export/TableExport';
import type { ResultTableName } from '../../engine/protocol';
import { RESULT_TABLES, TABLE_NAMES } from '../engine-client';
import { formatCount } from '../format';
import { selectResult, selectWorkspace } from '../store/selectors';
import { useAppStore, type AppState } from '../store/store';

const pickTables = (s: AppState) => ({ workspace: selectWorkspace(s), result: selectResult(s) });

const sameSource = (a: TableSource, b: TableSource) => a.kind === b.kind && a.table === b.table;

/** Every workspace table and every result table of the last run, as grids paged from the worker. */
export function TablesView() {
  const { workspace, result } = useAppStore(useShallow(pickTables));
  const [chosen, setChosen] = useState<TableSource>({ kind: 'workspace', table: 'positions' });
  const [query, setQuery] = useState<TableQuery>({ sort: null, filters: [] });
  if (workspace === null) return <p className="empty-view muted">No workspace is open.</p>;
  const wsTables = TABLE_NAMES.filter((t) => workspace.counts[t] !== undefined);
  const source: TableSource =
    chosen.kind === 'results' && result !== null
      ? { kind: 'results', runId: result.runId, table: chosen.table }
      : chosen.kind === 'workspace' && wsTables.includes(chosen.table as (typeof wsTables)[number])
        ? chosen
        : { kind: 'workspace', table: wsTables.includes('positions') ? 'positions' : (wsTables[0] ?? 'assets') };
  return (
    <div className="tables-view" data-testid="tables-view">
      <nav className="table-list" aria-label="Tables">
        <h2>Workspace</h2>
        <ul>
          {wsTables.map((t) => (
            <li key={t}>
              <button type="button" className={sameSource(source, { kind: 'workspace', table: t }) ? 'selected' : ''} aria-current={sameSource(source, { kind: 'workspace', table: t })} onClick={() => setChosen({ kind: 'workspace', table: t })}>
                <span>{t}</span>
                <span className="muted">{formatCount(workspace.counts[t] ?? 0)}</span>
              </button>
            </li>
          ))}
        </ul>
        <h2>Results{result === null ? '' : ` · ${result.runId}`}</h2>
        {result === null ? (
          <p className="muted small">Run a scenario to see its result tables.</p>
        ) : (
          <ul>
            {RESULT_TABLES.map((t) => (
              <li key={t}>
                <button type="button" className={source.kind === 'results' && source.table === t ? 'selected' : ''} aria-current={source.kind === 'results' && source.table === t} onClick={() => setChosen({ kind: 'results', runId: result.runId, table: t })}>
                  <span>{t}</span>
                  <span className="muted">{formatCount(result.rowCounts[t])}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </nav>
      <section className="table-main">
        <header className="view-head">
          <h1>
            {source.table} <span className="muted">{source.kind === 'workspace' ? 'workspace table' : `result of ${source.runId}`}</span>
          </h1>
          {source.kind === 'results' && result !== null ? <TableExport runId={source.runId} table={source.table as ResultTableName} scenario={result.summary.scenario} query={query} /> : null}
        </header>
        <DataGrid source={source} label={`${source.table} table`} onQuery={setQuery} />
      </section>
    </div>
  );
}
