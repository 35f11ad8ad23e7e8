import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkspaceFolder } from '../engine/node/read-folder';
import { openWorkspace } from '../engine/open-workspace';
import type { RunSummary } from '../engine/results/summary-types';
import { validateScenario } from '../engine/scenario/validate';
import { runScenario } from '../engine/sim/run';
import { importWorkspace } from '../engine/workspace/import';

// The worked cases of MODEL.md (test/cases, copied from the shared specification) through the
// whole path a user takes: files on disk → import → validation → run → summary.

const casesDir = join(__dirname, 'cases');
const cases = readdirSync(casesDir).filter((d) => statSync(join(casesDir, d)).isDirectory());

/** Money and prices: relative 1e-6, absolute 1e-4 near zero (test/cases/README.md). */
function near(actual: number, expected: number, what: string): void {
  const ok = Math.abs(actual - expected) <= Math.max(1e-4, 1e-6 * Math.abs(expected));
  expect(ok, `${what}: ${actual} ≠ ${expected}`).toBe(true);
}

async function run(dir: string): Promise<RunSummary> {
  const imported = importWorkspace(await readWorkspaceFolder(dir));
  if (!imported.ok) throw new Error(`case workspace rejected: ${JSON.stringify(imported.error.problems)}`);
  const opened = await openWorkspace(imported.value);
  const scenario = validateScenario(JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')), opened.ids);
  if (!scenario.ok) throw new Error(`case scenario rejected: ${JSON.stringify(scenario.error)}`);
  return runScenario(opened.cw, scenario.value).summary;
}

describe('worked cases of MODEL.md', () => {
  it('finds the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = join(casesDir, name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as RunSummary;
      const got = await run(dir);
      expect(got.scenario).toBe(expected.scenario);
      expect(got.steps_run).toBe(expected.steps_run);
      expect(got.converged).toBe(expected.converged);
      for (const k of ['total_liquidated_usd', 'total_bad_debt_usd', 'total_loss_usd', 'direct_loss_usd'] as const) near(got[k], expected[k], k);
      if (expected.amplification === null) expect(got.amplification).toBeNull();
      else near(got.amplification ?? NaN, expected.amplification, 'amplification');
      expect(Object.keys(got.final_prices).sort()).toEqual(Object.keys(expected.final_prices).sort());
      for (const [a, p] of Object.entries(expected.final_prices)) near(got.final_prices[a] ?? NaN, p, `final price ${a}`);
      expect(Object.keys(got.nodes).sort()).toEqual(Object.keys(expected.nodes).sort());
      for (const [id, n] of Object.entries(expected.nodes)) {
        const g = got.nodes[id];
        if (!g) throw new Error(`missing node ${id}`);
        for (const k of ['equity_start_usd', 'equity_end_usd', 'obligations_usd', 'payments_usd', 'recovery_rate'] as const) near(g[k], n[k], `${id}.${k}`);
        expect(g.defaulted, `${id}.defaulted`).toBe(n.defaulted);
        expect(g.default_step, `${id}.default_step`).toBe(n.default_step);
      }
      expect(Object.keys(got.venues).sort()).toEqual(Object.keys(expected.venues).sort());
      for (const [id, v] of Object.entries(expected.venues)) {
        const g = got.venues[id];
        if (!g) throw new Error(`missing venue ${id}`);
        near(g.liquidated_usd, v.liquidated_usd, `${id}.liquidated_usd`);
        near(g.bad_debt_usd, v.bad_debt_usd, `${id}.bad_debt_usd`);
        expect(g.halted_step).toBe(v.halted_step);
      }
      expect(got.warnings).toEqual(expected.warnings);
    });
  }
});
