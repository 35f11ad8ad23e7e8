import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWorkspaceFolder } from '../../engine/node/read-folder';
import { openWorkspace, type OpenWorkspace } from '../../engine/open-workspace';
import type { ProjectInput, SavedResults } from '../../engine/project/project';
import { resultTables } from '../../engine/results/tables';
import { validateScenario } from '../../engine/scenario/validate';
import { runScenario } from '../../engine/sim/run';
import { canonicalJson, sha256Hex } from '../../engine/util/hash';
import { ENGINE_VERSION } from '../../engine/version';
import { importWorkspace } from '../../engine/workspace/import';

export const DEMO = join(import.meta.dirname, '..', '..', 'assets', 'demo');
export const CREATED_AT = '2026-11-30T09:15:00.000Z';

export function demoScenario(name = 'flash-crash.json'): unknown {
  return JSON.parse(readFileSync(join(DEMO, 'scenarios', name), 'utf8')) as unknown;
}

/** The bundled demo workspace, imported and opened as the worker would. */
export async function demoWorkspace(): Promise<OpenWorkspace> {
  const imported = importWorkspace(await readWorkspaceFolder(join(DEMO, 'workspace')));
  if (!imported.ok) throw new Error('the demo workspace does not import');
  return openWorkspace(imported.value);
}

/** A scenario of the demo run to its end, as a project saves it. */
export async function demoResults(ow: OpenWorkspace, file = 'flash-crash.json'): Promise<SavedResults> {
  const v = validateScenario(demoScenario(file), ow.ids);
  if (!v.ok) throw new Error(`the demo scenario ${file} is invalid`);
  const { sim, summary } = runScenario(ow.cw, v.value);
  const scenarioHash = await sha256Hex(new TextEncoder().encode(canonicalJson(v.value)));
  return {
    scenario: v.value,
    summary,
    stamp: { engine_version: ENGINE_VERSION, workspace_hash: ow.info.hash, scenario_hash: scenarioHash },
    runMs: 12.5,
    tables: resultTables(sim),
  };
}

export async function demoProject(): Promise<ProjectInput> {
  const ow = await demoWorkspace();
  return {
    workspace: ow.ws,
    scenarios: [
      { name: 'Flash crash', scenario: demoScenario('flash-crash.json') },
      { name: 'Lender default', scenario: demoScenario('lender-default.json') },
      { name: 'Draft (invalid)', scenario: { events: [{ type: 'price_shock', asset: 'NOPE', change: -2, at: 0 }] } },
    ],
    results: await demoResults(ow),
    viewState: { tab: 'contagion', selectedNode: 'fund-alpha', zoom: 1.25, filters: [{ column: 'venue', value: 'aave' }] },
    openAs: 'editor',
  };
}
