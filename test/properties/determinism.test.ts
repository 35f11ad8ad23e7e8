/**
 * Determinism: the same workspace and scenario give identical summaries and identical result
 * tables (every Arrow column, cell by cell, numbers by Object.is) — on a fresh compile and when
 * a compiled workspace is reused for a second run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../engine/sim/compile';
import { prepare } from '../../engine/sim/compiled';
import { runScenario } from '../../engine/sim/run';
import { resultTables, type ResultTables } from '../../engine/results/tables';
import { workspaceFromRows } from '../helpers/workspace';
import { caseArb } from '../reference/arbitraries';
import { bitDiff, tableDiff, validScenario } from '../reference/harness';

function tablesDiff(a: ResultTables, b: ResultTables): string[] {
  const names = Object.keys(a).sort();
  if (names.join() !== Object.keys(b).sort().join()) return [`table names ${names.join()} vs ${Object.keys(b).sort().join()}`];
  return names.flatMap((n) => tableDiff(n, a[n as keyof ResultTables], b[n as keyof ResultTables]));
}

describe('determinism', () => {
  it('two runs give identical summaries and result tables, fresh or on a reused compiled workspace (200 runs)', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const sc = validScenario(c.rows, c.scenario);
        const cw = prepare(compileModel(workspaceFromRows(c.rows)));
        const first = runScenario(cw, sc);
        const again = runScenario(cw, sc);
        const fresh = runScenario(prepare(compileModel(workspaceFromRows(c.rows))), sc);
        const t1 = resultTables(first.sim);
        expect(t1.prices.numRows).toBeGreaterThan(0);
        expect(bitDiff(again.summary, first.summary)).toEqual([]);
        expect(bitDiff(fresh.summary, first.summary)).toEqual([]);
        expect(tablesDiff(resultTables(again.sim), t1)).toEqual([]);
        expect(tablesDiff(resultTables(fresh.sim), t1)).toEqual([]);
      }),
      { numRuns: 200, seed: 0x5eed_0004 },
    );
  });
});
