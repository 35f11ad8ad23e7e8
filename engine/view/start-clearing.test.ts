import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkspaceFolder } from '../node/read-folder';
import { openWorkspace } from '../open-workspace';
import { compilePlan } from '../sim/plan';
import { Simulation } from '../sim/simulation';
import { importWorkspace } from '../workspace/import';
import { DEFAULT_OPTIONS } from '../scenario/scenario';
import { startClearing } from './start-clearing';

describe('startClearing', () => {
  it('gives the simulation’s own starting equity on the demo network (to rounding: sums run in another order)', async () => {
    const imported = importWorkspace(await readWorkspaceFolder(join(__dirname, '../../assets/demo/workspace')));
    if (!imported.ok) throw new Error('demo');
    const ow = await openWorkspace(imported.value);
    const sim = new Simulation(ow.cw, compilePlan({ name: 'none', description: '', steps: 1, events: [], options: { ...DEFAULT_OPTIONS } }, ow.cw.model));
    const mine = startClearing(ow.cw.model);
    sim.start.equity.forEach((x, i) => expect(Math.abs((mine.equity[i] as number) - x)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x))));
    expect(Array.from(mine.short)).toEqual(Array.from(sim.start.short));
  });
});
