import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, demoScenario } from '../../test/helpers/project-fixture';
import { inProcessEngine } from '../../test/helpers/in-process-engine';
import type { InputFile } from '../protocol';
import { resultFromWire, resultToWire } from '../protocol-wire';
import { packSummary, summaryWithColumns, unpackSummary, type WireSummary } from './summary-wire';
import type { RunSummary } from './summary-types';

const summary: RunSummary = {
  scenario: 's',
  steps_run: 4,
  converged: false,
  total_liquidated_usd: 10.5,
  total_bad_debt_usd: 0,
  total_loss_usd: 3,
  direct_loss_usd: 0,
  amplification: null,
  final_prices: { ETH: 1800.25 },
  nodes: {
    'fund-x': { equity_start_usd: 100, equity_end_usd: -0, obligations_usd: 50, payments_usd: 25, recovery_rate: 0.5, defaulted: true, default_step: 0, path: ['event:0', 'ETH', 'aave', 'fund-x'] },
    aave: { equity_start_usd: 1e12, equity_end_usd: 1e12 - 0.1, obligations_usd: 0, payments_usd: 0, recovery_rate: 1, defaulted: false, default_step: null, path: ['event:0', 'ETH', 'aave'] },
    quiet: { equity_start_usd: 5, equity_end_usd: 5, obligations_usd: 0, payments_usd: 0, recovery_rate: 1, defaulted: false, default_step: null, path: [] },
  },
  venues: { aave: { liquidated_usd: 10.5, bad_debt_usd: 0, halted_step: null } },
  warnings: ['w'],
};

describe('a run summary across a thread boundary', () => {
  it('crosses as columns and comes back field for field, in the same order', () => {
    const w = packSummary(summary);
    expect(w.nodes.ids).toEqual(['fund-x', 'aave', 'quiet']);
    expect(w.nodes.equityEnd).toBeInstanceOf(Float64Array);
    expect(Array.from(w.nodes.defaultStep)).toEqual([0, -1, -1]);
    // Names shared by paths are listed once.
    expect(w.nodes.pathNames).toEqual(['event:0', 'ETH', 'aave', 'fund-x']);
    expect(Array.from(w.nodes.pathStart)).toEqual([0, 4, 7, 7]);
    const back = unpackSummary(structuredClone(w));
    expect(back).toEqual(summary);
    expect(JSON.stringify(back)).toBe(JSON.stringify(summary));
    expect(Object.is(back?.nodes['fund-x']?.equity_end_usd, -0)).toBe(true);
  });

  it('refuses columns that do not fit together', () => {
    const w = packSummary(summary);
    const bad = (f: (x: WireSummary) => void): RunSummary | null => {
      const c = structuredClone(w);
      f(c);
      return unpackSummary(c);
    };
    expect(bad((c) => (c.nodes.equityStart = new Float64Array(2)))).toBeNull();
    expect(bad((c) => (c.nodes.pathItems[0] = 9))).toBeNull();
    expect(bad((c) => (c.nodes.pathStart[1] = 99))).toBeNull();
    expect(bad((c) => (c.nodes.pathStart[0] = 1))).toBeNull();
    expect(bad((c) => (c.nodes.ids = ['a', 'b']))).toBeNull();
  });

  it('packs the summary of the results that carry one, leaving the engine’s own value as it was', () => {
    const result = { runId: 'r', summary, runMs: 1 };
    const wire = resultToWire('sim.run', result) as { summary: WireSummary };
    expect(wire.summary.nodes.ids).toHaveLength(3);
    expect(result.summary).toBe(summary);
    expect(resultFromWire('sim.run', structuredClone(wire))).toEqual({ ok: true, value: result });
    const opened = { meta: {}, run: { runId: 'p', summary } };
    const openedWire = resultToWire('project.open', opened) as { run: { summary: WireSummary } };
    expect(openedWire.run.summary.nodes.ids).toHaveLength(3);
    expect(resultFromWire('project.open', openedWire)).toEqual({ ok: true, value: opened });
    // Nothing to pack: a project without results, a reverse search without a run, other methods.
    expect(resultToWire('project.open', { run: null })).toEqual({ run: null });
    expect(resultToWire('analysis.reverse', { summary: null })).toEqual({ summary: null });
    expect(resultToWire('scenario.validate', { summary })).toEqual({ summary });
    const broken = structuredClone(wire);
    broken.summary.nodes.pathItems[0] = -1;
    expect(resultFromWire('sim.run', broken)).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('reaches a client through the protocol as the engine made it', async () => {
    const engine = inProcessEngine();
    const files: InputFile[] = ['assets', 'nodes', 'oracles', 'feeds', 'positions', 'perps', 'holdings', 'obligations', 'backing'].map((t) => ({
      name: `${t}.csv`,
      bytes: new Uint8Array(readFileSync(join(DEMO, 'workspace', `${t}.csv`))),
    }));
    expect((await engine.request('workspace.import', { files })).ok).toBe(true);
    const raw = await engine.raw('sim.run', { runId: 'r', scenario: demoScenario('lender-default.json') });
    const wire = (raw.result as { summary: WireSummary }).summary;
    expect(wire.nodes.recovery).toBeInstanceOf(Float64Array);
    const decoded = await engine.request('results.summary', { runId: 'r' });
    if (!decoded.ok) throw new Error(decoded.error.message);
    const s = decoded.value.summary;
    expect(Object.keys(s.nodes)).toEqual(wire.nodes.ids);
    expect(Object.values(s.nodes).some((n) => n.path.length > 2)).toBe(true);
    expect(unpackSummary(wire)).toEqual(s);
  });
});

describe('a summary made from its columns (summaryWithColumns)', () => {
  const rest = (): Omit<RunSummary, 'nodes'> => {
    const { nodes: _n, ...r } = structuredClone(summary);
    return r;
  };
  const columns = () => packSummary(structuredClone(summary)).nodes;

  it('reads, copies and writes as JSON as the summary of records does, field for field and in the same order', () => {
    const s = summaryWithColumns(rest(), columns());
    expect(s).toEqual(summary);
    expect(JSON.stringify(s)).toBe(JSON.stringify(summary));
    expect(Object.keys(s)).toEqual(Object.keys(summary));
    expect({ ...s }).toEqual(summary);
    expect(structuredClone(s)).toEqual(summary);
    expect(Object.is(s.nodes['fund-x']?.equity_end_usd, -0)).toBe(true);
  });

  it('is sent as its own columns while its records have not been read, and they come back as the records', () => {
    const cols = columns();
    const s = summaryWithColumns(rest(), cols);
    const w = packSummary(s);
    expect(w.nodes).toBe(cols);
    expect(unpackSummary(structuredClone(w))).toEqual(summary);
  });

  it('once its records are read they are what is sent: a change to one, or records put in their place, goes with it', () => {
    const changed = summaryWithColumns(rest(), columns());
    (changed.nodes['aave'] as { path: string[] }).path = ['event:1', 'aave'];
    expect(unpackSummary(structuredClone(packSummary(changed)))?.nodes['aave']?.path).toEqual(['event:1', 'aave']);
    const replaced = summaryWithColumns(rest(), columns());
    replaced.nodes = { only: { ...(summary.nodes['quiet'] as RunSummary['nodes'][string]) } };
    expect(Object.keys(unpackSummary(structuredClone(packSummary(replaced)))?.nodes ?? {})).toEqual(['only']);
  });
});
