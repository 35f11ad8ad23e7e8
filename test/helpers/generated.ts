import { generateWorkspaceFiles } from '../../engine/generate/workspace';
import { openWorkspace, type OpenWorkspace } from '../../engine/open-workspace';
import type { Scenario } from '../../engine/scenario/scenario';
import { validateScenario } from '../../engine/scenario/validate';
import { importWorkspace } from '../../engine/workspace/import';

/** A seeded synthetic workspace (`firebreak generate`), opened, with its own scenario validated. */
export async function generatedWorkspace(positions: number, seed: number): Promise<{ ow: OpenWorkspace; scenario: Scenario }> {
  const { files, scenario } = generateWorkspaceFiles({ positions, seed });
  const imported = importWorkspace(files);
  if (!imported.ok) throw new Error('the generated workspace does not import');
  const ow = await openWorkspace(imported.value);
  const v = validateScenario(scenario, ow.ids);
  if (!v.ok) throw new Error('the generated scenario is invalid');
  return { ow, scenario: v.value };
}
