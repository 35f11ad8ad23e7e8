import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importWorkspace, type OpenWorkspace, type RunSummary } from '../../engine/index';
import { readWorkspaceFolder } from '../../engine/node/read-folder';
import { northwindFiles } from '../../scripts/workshop/files';
import { ROOT, node, openFolder, runFile, type LibraryRun } from './load';

const WORKSHOP = join(ROOT, 'assets', 'workshop');
let ow: OpenWorkspace;
const runs = new Map<string, LibraryRun>();

function run(name: string): LibraryRun {
  let r = runs.get(name);
  if (!r) {
    r = runFile(ow, join(WORKSHOP, 'scenarios', `${name}.json`));
    runs.set(name, r);
  }
  return r;
}

const equity = (s: RunSummary): { start: number; end: number } => ({ start: node(s, 'northwind').equity_start_usd, end: node(s, 'northwind').equity_end_usd });

describe('Northwind Treasury workshop dataset', () => {
  beforeAll(async () => {
    ow = await openFolder(join(WORKSHOP, 'workspace'));
  });

  it('is what the seeded generator writes, byte for byte, every time', () => {
    const files = northwindFiles();
    expect(northwindFiles()).toEqual(files);
    for (const [rel, content] of Object.entries(files)) expect(readFileSync(join(WORKSHOP, rel), 'utf8'), rel).toBe(content);
  });

  it('imports without an error or a warning: a few thousand positions around one treasury', async () => {
    const r = importWorkspace(await readWorkspaceFolder(join(WORKSHOP, 'workspace')));
    if (!r.ok) throw new Error(JSON.stringify(r.error.problems.slice(0, 5)));
    expect(r.value.warnings).toEqual([]);
    const c = ow.info.counts;
    expect((c.positions ?? 0) + (c.perps ?? 0)).toBeGreaterThanOrEqual(2000);
    expect(c.nodes).toBeLessThan(100);
  });

  it("holds Northwind's whole book: self-custody, two exchanges, a lender, two protocols, a perp venue, stablecoins", () => {
    const csv = (t: string): string[][] =>
      readFileSync(join(WORKSHOP, 'workspace', `${t}.csv`), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const holdings = csv('holdings').filter((r) => r[0] === 'northwind').map((r) => r[1]);
    expect(holdings).toEqual(expect.arrayContaining(['ETH', 'BTC', 'USDC', 'XUSD']));
    const custody = csv('obligations').filter((r) => r[1] === 'northwind' && r[4] === 'custody').map((r) => r[0]);
    expect(new Set(custody)).toEqual(new Set(['kestrel', 'harbor']));
    const venues = new Set(csv('positions').filter((r) => r[1] === 'northwind').map((r) => r[2]));
    expect(venues).toEqual(new Set(['atlas', 'lumen', 'crest']));
    expect(csv('perps').filter((r) => r[1] === 'northwind' && r[2] === 'apex')).toHaveLength(2);
  });

  it('has the five stress scenarios, each with a description and a storyboard', () => {
    const files = readdirSync(join(WORKSHOP, 'scenarios')).sort();
    expect(files).toEqual(['flash-crash.json', 'lender-default.json', 'liquidity-withdrawal.json', 'oracle-attack.json', 'stablecoin-depeg.json']);
    for (const f of files) {
      const doc = JSON.parse(readFileSync(join(WORKSHOP, 'scenarios', f), 'utf8')) as { description: string; notes: unknown[] };
      expect(doc.description.length, f).toBeGreaterThan(100);
      expect(doc.notes.length, f).toBeGreaterThanOrEqual(3);
    }
  });

  it('flash crash: outages and late feeds delay liquidations; funds and Atlas default; Northwind loses about a fifth', () => {
    const { summary: s, sim } = run('flash-crash');
    expect(s.converged).toBe(true);
    expect(s.warnings).toEqual([]);
    const L = sim.recorder.liquidations;
    const firstAt = (venue: string): number => {
      const v = ow.cw.model.nodeIds.indexOf(venue);
      for (let k = 0; k < L.step.length; k++) if (L.venue.get(k) === v) return L.step.get(k);
      return -1;
    };
    expect(firstAt('apex')).toBe(0);
    expect(firstAt('kestrel')).toBe(4); // its engine is down for steps 0–3
    for (const id of ['fund-01', 'fund-02', 'atlas']) expect(node(s, id).default_step, id).toBe(0);
    expect(node(s, 'atlas').path).toEqual(expect.arrayContaining(['fund-01', 'atlas']));
    const e = equity(s);
    expect(e.end / e.start).toBeGreaterThan(0.7);
    expect(e.end / e.start).toBeLessThan(0.85);
    expect(s.final_prices.ETH).toBeLessThan(3000 * 0.7);
    expect(s.total_bad_debt_usd).toBeGreaterThan(1e6);
  });

  it('oracle attack: nothing is shocked, yet loops are liquidated at a false price and stETH really falls', () => {
    const { summary: s, liquidationSteps } = run('oracle-attack');
    expect(s.direct_loss_usd).toBe(0);
    expect(liquidationSteps[0]).toBe(1);
    expect(s.venues.lumen?.liquidated_usd).toBeGreaterThan(20e6);
    expect(s.final_prices.stETH).toBeLessThan(2990 * 0.8);
    expect(node(s, 'lumen').defaulted).toBe(false);
  });

  it("lender default: Atlas pays about 76 cents; Northwind loses that share of its $10M deposit, and nothing else", () => {
    const { summary: s } = run('lender-default');
    const atlas = node(s, 'atlas');
    expect(atlas.default_step).toBe(0);
    const e = equity(s);
    expect(e.start - e.end).toBeCloseTo(10e6 * (1 - atlas.recovery_rate), 0);
    expect(s.total_liquidated_usd).toBe(0);
  });

  it("stablecoin depeg: XUSD reprices through Meridian's recovery, then lower through the loop liquidations", () => {
    const { summary: s } = run('stablecoin-depeg');
    const r = node(s, 'meridian-trust').recovery_rate;
    expect(node(s, 'meridian-trust').default_step).toBe(0);
    const backed = 1 - 0.35 * (1 - r);
    expect(s.final_prices.XUSD).toBeLessThan(backed);
    expect(s.final_prices.XUSD).toBeGreaterThan(0.5);
    expect(node(s, 'northwind').path[1]).toBe('meridian-trust');
  });

  it('liquidity withdrawal: a 12% sell-off in a thinned market ends far lower, and the cascade takes many steps', () => {
    const { summary: s, liquidationSteps } = run('liquidity-withdrawal');
    expect(s.converged).toBe(true);
    expect(s.final_prices.ETH).toBeLessThan(3000 * 0.88 * 0.7);
    expect(liquidationSteps.length).toBeGreaterThan(10);
    expect(s.amplification ?? 0).toBeGreaterThan(2);
  });
});
