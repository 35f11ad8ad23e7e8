import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importWorkspace, openWorkspace, runScenario, validateScenario, type OpenWorkspace, type RunSummary } from '../../engine/index';
import { readWorkspaceFolder } from '../../engine/node/read-folder';
import type { Simulation } from '../../engine/sim/simulation';

export const ROOT = join(__dirname, '..', '..');
export const LIBRARY = join(ROOT, 'assets', 'library');

/** Imports a workspace folder; throws with the first problems when it does not import (a test failure). */
export async function openFolder(dir: string): Promise<OpenWorkspace> {
  const imported = importWorkspace(await readWorkspaceFolder(dir));
  if (!imported.ok) throw new Error(`${dir}: ${JSON.stringify(imported.error.problems.slice(0, 5))}`);
  return openWorkspace(imported.value);
}

export interface LibraryRun {
  summary: RunSummary;
  sim: Simulation;
  /** Steps in which at least one liquidation happened. */
  liquidationSteps: number[];
}

/** Runs a scenario file on an open workspace. */
export function runFile(ow: OpenWorkspace, file: string): LibraryRun {
  const doc: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const v = validateScenario(doc, ow.ids);
  if (!v.ok) throw new Error(`${file}: ${JSON.stringify(v.error)}`);
  const { summary, sim } = runScenario(ow.cw, v.value);
  const steps = new Set<number>();
  const L = sim.recorder.liquidations;
  for (let k = 0; k < L.step.length; k++) steps.add(L.step.get(k));
  return { summary, sim, liquidationSteps: [...steps].sort((a, b) => a - b) };
}

/** A node's summary, failing loudly when the id is missing. */
export function node(s: RunSummary, id: string): RunSummary['nodes'][string] {
  const n = s.nodes[id];
  if (!n) throw new Error(`no node ${id} in the run summary`);
  return n;
}
