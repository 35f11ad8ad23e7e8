import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importWorkspace, openWorkspace, runScenario, validateScenario, type OpenWorkspace, type RunSummary } from '../engine/index';
import { readWorkspaceFolder } from '../engine/node/read-folder';

const DEMO = join(__dirname, '..', 'assets', 'demo');

interface Outcome {
  summary: RunSummary;
  /** Steps in which at least one liquidation happened. */
  liquidationSteps: number[];
  scenario: Record<string, unknown>;
}

let ow: OpenWorkspace;

async function run(name: string): Promise<Outcome> {
  const doc = JSON.parse(readFileSync(join(DEMO, 'scenarios', `${name}.json`), 'utf8')) as Record<string, unknown>;
  const v = validateScenario(doc, ow.ids);
  if (!v.ok) throw new Error(`${name}: ${JSON.stringify(v.error)}`);
  const { summary, sim } = runScenario(ow.cw, v.value);
  const steps = new Set<number>();
  const L = sim.recorder.liquidations;
  for (let k = 0; k < L.step.length; k++) steps.add(L.step.get(k));
  return { summary, liquidationSteps: [...steps].sort((a, b) => a - b), scenario: doc };
}

const defaulted = (s: RunSummary): string[] => Object.keys(s.nodes).filter((id) => s.nodes[id]?.defaulted);
const venuesWithBadDebt = (s: RunSummary): string[] => Object.keys(s.venues).filter((id) => (s.venues[id]?.bad_debt_usd ?? 0) > 0);

describe('demo workspace', () => {
  beforeAll(async () => {
    const imported = importWorkspace(await readWorkspaceFolder(join(DEMO, 'workspace')));
    if (!imported.ok) throw new Error(JSON.stringify(imported.error.problems.slice(0, 5)));
    ow = await openWorkspace(imported.value);
  });

  it('is small and starts solvent: 30–60 nodes, a few hundred positions, no warnings', async () => {
    const c = ow.info.counts;
    expect(c.nodes).toBeGreaterThanOrEqual(30);
    expect(c.nodes).toBeLessThanOrEqual(60);
    expect((c.positions ?? 0) + (c.perps ?? 0)).toBeGreaterThanOrEqual(200);
    expect((c.positions ?? 0) + (c.perps ?? 0)).toBeLessThanOrEqual(600);
    const { summary } = await run('flash-crash');
    expect(summary.warnings).toEqual([]);
  });

  it('every scenario has a description and storyboard notes', () => {
    for (const f of readdirSync(join(DEMO, 'scenarios'))) {
      const doc = JSON.parse(readFileSync(join(DEMO, 'scenarios', f), 'utf8')) as { description?: unknown; notes?: unknown };
      expect(typeof doc.description === 'string' && doc.description.length > 40, f).toBe(true);
      expect(Array.isArray(doc.notes) && doc.notes.length >= 2, f).toBe(true);
    }
  });

  it('flash-crash: a cascade over several steps, bad debt, a default that spreads to its creditors', async () => {
    const { summary: s, liquidationSteps } = await run('flash-crash');
    expect(liquidationSteps.length).toBeGreaterThanOrEqual(4);
    expect(venuesWithBadDebt(s).length).toBeGreaterThanOrEqual(1);
    expect(s.total_bad_debt_usd).toBeGreaterThan(0);
    expect(s.amplification ?? 0).toBeGreaterThan(1.2);
    expect(s.converged).toBe(true);
    const d = defaulted(s);
    expect(d).toContain('fund-alpha');
    // The fund's default reaches its lender, and the lender's depositors.
    expect(s.nodes.orbit?.path).toEqual(expect.arrayContaining(['fund-alpha', 'orbit']));
    const viaOrbit = Object.values(s.nodes).filter((n) => !n.defaulted && n.path.includes('orbit'));
    expect(viaOrbit.length).toBeGreaterThan(0);
    expect(s.nodes.treasury?.equity_end_usd).toBeLessThan(s.nodes.treasury?.equity_start_usd ?? 0);
    // A crash, not a wipe-out: ETH ends between −30% and −60%, most positions survive.
    const eth = s.final_prices.ETH ?? 0;
    expect(eth).toBeLessThan(3000 * 0.7);
    expect(eth).toBeGreaterThan(3000 * 0.4);
  });

  it('oracle-attack: a false feed liquidates healthy loans while nothing is shocked', async () => {
    const { summary: s } = await run('oracle-attack');
    expect(s.direct_loss_usd).toBeLessThan(1);
    expect(s.total_liquidated_usd).toBeGreaterThan(1_000_000);
    expect(s.total_loss_usd).toBeGreaterThan(1_000_000);
    expect(s.venues.aave?.liquidated_usd ?? 0).toBeGreaterThan(0);
    expect(s.final_prices.ETH ?? 3000).toBeLessThan(3000);
  });

  it('lender-default: Orbit defaults at once and its depositors, our treasury among them, lose', async () => {
    const { summary: s } = await run('lender-default');
    expect(s.nodes.orbit?.defaulted).toBe(true);
    expect(s.nodes.orbit?.default_step).toBe(0);
    expect(s.nodes.treasury?.path).toContain('orbit');
    expect((s.nodes.treasury?.equity_start_usd ?? 0) - (s.nodes.treasury?.equity_end_usd ?? 0)).toBeGreaterThan(1_000_000);
    expect(s.amplification ?? 0).toBeGreaterThan(2);
  });

  it('stablecoin-depeg: the bank fails, USDX loses its peg, USDX loops are liquidated', async () => {
    const { summary: s } = await run('stablecoin-depeg');
    expect(s.nodes.bank?.defaulted).toBe(true);
    expect(s.final_prices.USDX ?? 1).toBeLessThan(0.95);
    expect(s.venues.spark?.liquidated_usd ?? 0).toBeGreaterThan(0);
    expect(s.nodes.treasury?.equity_end_usd).toBeLessThan(s.nodes.treasury?.equity_start_usd ?? 0);
  });

  it('liquidity-drain: a 12% shock in thin pools falls far beyond 12%', async () => {
    const { summary: s } = await run('liquidity-drain');
    expect(s.final_prices.ETH ?? 3000).toBeLessThan(3000 * 0.88 * 0.8);
    expect(s.amplification ?? 0).toBeGreaterThan(2);
    expect(s.total_liquidated_usd).toBeGreaterThan(1_000_000);
  });
});
