import { engineErrorText } from '../error-text';
import { fetchBundled, fetchSetFiles, type BundledSet } from '../bundled/bundled-index';
import { useHelpStore } from '../bundled/help-store';
import { parseProvenance } from '../bundled/sources';
import type { AppContext } from './context';
import { runActive } from './run-flow';
import { checkEngine, fetchOverview, importTables, parseScenario } from './workspace-flow';

/**
 * Opens a bundled set (the workshop dataset or a library episode) once the open project is
 * closed (its unsaved work settled): its tables and scenarios are the new work, its first
 * scenario runs. A library episode's
 * sources come with it and are one click away.
 */
export async function openBundled(ctx: AppContext, set: BundledSet, scenario = 0): Promise<void> {
  if (ctx.canEdit?.() === false) return;
  if (ctx.leaveProject && !(await ctx.leaveProject())) return;
  const s = ctx.store.getState();
  s.workspaceLoading();
  const problem = await checkEngine(ctx);
  if (problem !== null) return s.workspaceFailed(problem);
  const tables = await fetchSetFiles(set, 'workspace');
  if (typeof tables === 'string') return s.workspaceFailed(`"${set.title}": the file ${tables} is missing from this build.`);
  const scenarios = await fetchSetFiles(set, 'scenarios');
  if (typeof scenarios === 'string') return s.workspaceFailed(`"${set.title}": the scenario ${scenarios} is missing from this build.`);
  let provenance = null;
  if (set.sources !== null) {
    const bytes = await fetchBundled(`${set.base}${set.sources}`);
    try {
      provenance = bytes === null ? null : parseProvenance(JSON.parse(new TextDecoder().decode(bytes)));
    } catch {
      provenance = null;
    }
  }
  const imported = await importTables(ctx, tables);
  if (!imported.ok) return s.workspaceFailed(`"${set.title}" could not be opened: ${engineErrorText(imported.error)}`);
  s.clearResults();
  s.workspaceLoaded(imported.value, set.kind === 'episode' ? `Library: ${set.title}` : set.title, true);
  useHelpStore.getState().setProvenance(provenance, imported.value.hash);
  const entries = scenarios.flatMap((f) => {
    const doc = parseScenario(f);
    return typeof doc === 'string' ? [] : [{ doc, origin: `${set.base}${f.name}` }];
  });
  s.setScenarios(entries, Math.min(Math.max(0, scenario), Math.max(0, entries.length - 1)));
  void fetchOverview(ctx);
  s.setView('results');
  await runActive(ctx);
}
