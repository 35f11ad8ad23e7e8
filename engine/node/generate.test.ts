import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, type OpenWorkspace } from '../open-workspace';
import { validateScenario } from '../scenario/validate';
import { runScenario } from '../sim/run';
import { importWorkspace } from '../workspace/import';
import { generateWorkspaceFiles } from '../generate/workspace';
import { generateWorkspace } from './generate';
import { readWorkspaceFolder } from './read-folder';

const N = 20_000;
let tmp: string;
let ow: OpenWorkspace;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'firebreak-gen-'));
  const r = generateWorkspace(join(tmp, 'a'), { positions: N, seed: 42 });
  if (!r.ok) throw new Error(r.error);
  const imported = importWorkspace(await readWorkspaceFolder(join(tmp, 'a')));
  if (!imported.ok) throw new Error(JSON.stringify(imported.error.problems.slice(0, 5)));
  ow = await openWorkspace(imported.value);
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('generateWorkspace', () => {
  it('writes the same bytes for the same seed and different bytes for another', () => {
    expect(generateWorkspace(join(tmp, 'b'), { positions: N, seed: 42 }).ok).toBe(true);
    expect(generateWorkspace(join(tmp, 'c'), { positions: N, seed: 43 }).ok).toBe(true);
    const names = readdirSync(join(tmp, 'a')).sort();
    expect(names).toEqual(['assets.csv', 'backing.csv', 'feeds.csv', 'holdings.csv', 'nodes.csv', 'obligations.csv', 'oracles.csv', 'perps.csv', 'positions.csv', 'scenario.json']);
    for (const n of names) expect(readFileSync(join(tmp, 'a', n)).equals(readFileSync(join(tmp, 'b', n))), n).toBe(true);
    expect(readFileSync(join(tmp, 'a', 'positions.csv')).equals(readFileSync(join(tmp, 'c', 'positions.csv')))).toBe(false);
  });

  it('says why it cannot write, in words: a file where the folder should be', () => {
    const file = join(tmp, 'a', 'scenario.json');
    expect(generateWorkspace(file, { positions: 10, seed: 1 })).toEqual({ ok: false, error: `cannot make the folder ${file}: not a folder` });
  });

  it('generates the same bytes and scenario in memory as it writes to files', () => {
    const { files, scenario } = generateWorkspaceFiles({ positions: N, seed: 42 });
    expect(files.map((f) => f.name).sort()).toEqual(readdirSync(join(tmp, 'a')).filter((n) => n.endsWith('.csv')).sort());
    for (const f of files) expect(Buffer.from(f.bytes).equals(readFileSync(join(tmp, 'a', f.name))), f.name).toBe(true);
    expect(scenario).toEqual(JSON.parse(readFileSync(join(tmp, 'a', 'scenario.json'), 'utf8')));
  });

  it('imports without errors: N positions in all, about N/50 nodes, every table present', () => {
    const c = ow.info.counts;
    expect((c.positions ?? 0) + (c.perps ?? 0)).toBe(N);
    expect(c.nodes).toBeGreaterThanOrEqual(N / 60);
    expect(c.nodes).toBeLessThanOrEqual(N / 40);
    for (const t of ['assets', 'oracles', 'feeds', 'holdings', 'obligations', 'backing'] as const) expect(c[t] ?? 0, t).toBeGreaterThan(0);
    expect(ow.info.warnings.filter((w) => w.table !== 'scenario.json')).toEqual([]);
  });

  it('has realistic prices and pegs', () => {
    const t = ow.ws.tables.assets;
    const ids = t?.getChild('id')?.toArray() as string[];
    const prices = t?.getChild('price')?.toArray() as Float64Array;
    const price = (id: string): number => prices[ids.indexOf(id)] as number;
    expect(price('ETH')).toBeGreaterThanOrEqual(2000);
    expect(price('ETH')).toBeLessThanOrEqual(4000);
    expect(price('stETH') / price('ETH')).toBeGreaterThan(0.99);
    expect(price('USDC')).toBe(1);
    expect(price('BTC')).toBeGreaterThan(price('ETH'));
  });

  it('makes a benchmark scenario with a real cascade that spares most positions', () => {
    const doc = JSON.parse(readFileSync(join(tmp, 'a', 'scenario.json'), 'utf8')) as unknown;
    const v = validateScenario(doc, ow.ids);
    if (!v.ok) throw new Error(JSON.stringify(v.error));
    const { summary: s, sim } = runScenario(ow.cw, v.value);
    expect(s.warnings).toEqual([]);
    const L = sim.recorder.liquidations;
    const positions = new Set<number>();
    const steps = new Set<number>();
    for (let k = 0; k < L.step.length; k++) {
      positions.add(L.position.get(k));
      steps.add(L.step.get(k));
    }
    expect(L.step.length).toBeGreaterThan(1000);
    expect(steps.size).toBeGreaterThan(5);
    expect(positions.size).toBeLessThan(0.5 * N);
    expect(s.total_bad_debt_usd).toBeGreaterThan(0);
    const defaults = Object.values(s.nodes).filter((n) => n.defaulted).length;
    expect(defaults).toBeGreaterThanOrEqual(1);
    expect(defaults).toBeLessThanOrEqual(10);
    expect(s.amplification ?? 0).toBeGreaterThan(1);
  });
});
