import { describe, expect, it } from 'vitest';
import { generateWorkspaceFiles } from '../generate/workspace';
import { openWorkspace } from '../open-workspace';
import { summarize } from '../results/summary';
import { DEFAULT_OPTIONS, type Scenario } from '../scenario/scenario';
import { validateScenario } from '../scenario/validate';
import { importWorkspace } from '../workspace/import';
import type { Workspace } from '../workspace/workspace';
import { compileModel } from './compile';
import { prepare, type CompiledWorkspace } from './compiled';
import { compilePlan } from './plan';
import { Simulation } from './simulation';
import { startingPointPrepared } from './starting-point';

const csv = (name: string, text: string): { name: string; bytes: Uint8Array } => ({ name, bytes: new TextEncoder().encode(text) });

/** A lender owing more than it has before any shock (a warning and a short node at the start), and a borrower at it. */
function insolventFiles(): { name: string; bytes: Uint8Array }[] {
  return [
    csv('assets.csv', 'id,price,depth_usd\nETH,2000,50000000\n'),
    csv('nodes.csv', 'id,kind,external_assets_usd\nfund,entity,1000\nlender,venue,40\nbank,entity,0\n'),
    csv('positions.csv', 'id,owner,venue,collateral_asset,collateral_amount,debt_asset,debt_amount,liquidation_threshold\np1,fund,lender,ETH,10,USD,15000,0.8\n'),
    csv('obligations.csv', 'debtor,creditor,amount\nlender,bank,30000\n'),
  ];
}

function imported(files: { name: string; bytes: Uint8Array }[]): Workspace {
  const r = importWorkspace(files);
  if (!r.ok) throw new Error('the test workspace does not import');
  return r.value;
}

function run(cw: CompiledWorkspace, scenario: Scenario): Simulation {
  return new Simulation(cw, compilePlan(scenario, cw.model)).runToEnd();
}

describe('the clearing before any event, made when a workspace is opened', () => {
  it('is ready once the workspace is open, for the default options only', async () => {
    const ws = imported(insolventFiles());
    const ow = await openWorkspace(ws);
    expect(startingPointPrepared(ow.cw, DEFAULT_OPTIONS)).toBe(true);
    expect(startingPointPrepared(ow.cw, { ...DEFAULT_OPTIONS, tolerance: 1e-6 })).toBe(false);
    expect(startingPointPrepared(prepare(compileModel(ws)), DEFAULT_OPTIONS)).toBe(false);
  });

  it('gives every run the starting point and results it makes itself, bit for bit, with any options', async () => {
    for (const files of [insolventFiles(), generateWorkspaceFiles({ positions: 3000, seed: 7 }).files]) {
      const ws = imported(files);
      const opened = await openWorkspace(ws);
      const scenarios: unknown[] = [
        { events: [{ type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 }], steps: 12 },
        { events: [{ type: 'price_shock', asset: 'ETH', change: -0.3, at: 1 }], steps: 12, options: { tolerance: 1e-6, fire_sale_on_default: false } },
      ];
      for (const input of scenarios) {
        const v = validateScenario(input, opened.ids);
        if (!v.ok) throw new Error('the test scenario is invalid');
        // The same workspace compiled apart, never opened: its first run makes the clearing itself.
        const own = run(prepare(compileModel(ws)), v.value);
        const prepared = run(opened.cw, v.value);
        expect(prepared.start.equity).toEqual(own.start.equity);
        expect(prepared.start.unpaid).toEqual(own.start.unpaid);
        expect(prepared.start.short).toEqual(own.start.short);
        expect(prepared.warnings).toEqual(own.warnings);
        expect(summarize(prepared)).toEqual(summarize(own));
      }
    }
  });

  it('keeps the warning of a node insolvent before any shock for each run', async () => {
    const ow = await openWorkspace(imported(insolventFiles()));
    const v = validateScenario({ events: [{ type: 'price_shock', asset: 'ETH', change: -0.1, at: 0 }], steps: 3 }, ow.ids);
    if (!v.ok) throw new Error('the test scenario is invalid');
    for (let k = 0; k < 2; k++) {
      const sim = run(ow.cw, v.value);
      expect(sim.warnings.filter((w) => w.startsWith('lender is insolvent before any shock'))).toHaveLength(1);
      expect(sim.start.short[ow.cw.model.nodeIds.indexOf('lender')]).toBe(1);
    }
  });
});
