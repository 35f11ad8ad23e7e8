import type { Table } from 'apache-arrow';
import { compileModel } from '../../engine/sim/compile';
import { prepare } from '../../engine/sim/compiled';
import { runScenario } from '../../engine/sim/run';
import { resultTables, type ResultTables } from '../../engine/results/tables';
import { validateScenario } from '../../engine/scenario/validate';
import type { RunSummary } from '../../engine/results/summary-types';
import type { Simulation } from '../../engine/sim/simulation';
import { workspaceFromRows, type Rows } from './workspace';

export interface TestRun {
  summary: RunSummary;
  sim: Simulation;
  tables: ResultTables;
}

/** Runs a scenario document on row objects; throws on an invalid scenario (a test bug). */
export function runRows(rows: Rows, scenario: unknown): TestRun {
  const cw = prepare(compileModel(workspaceFromRows(rows)));
  const m = cw.model;
  const v = validateScenario(scenario, {
    assets: new Set(m.assetIds),
    nodes: new Set(m.nodeIds),
    venues: new Set(m.nodeIds.filter((_, i) => m.nodeIsVenue[i] === 1)),
    oracles: new Set(m.oracleIds),
  });
  if (!v.ok) throw new Error(`invalid test scenario: ${JSON.stringify(v.error)}`);
  const { sim, summary } = runScenario(cw, v.value);
  return { sim, summary, tables: resultTables(sim) };
}

/** A table's rows as plain objects (tests only: results are small there). */
export function rowsOf(t: Table): Record<string, unknown>[] {
  return t.toArray().map((r: { toJSON(): Record<string, unknown> }) => r.toJSON());
}
