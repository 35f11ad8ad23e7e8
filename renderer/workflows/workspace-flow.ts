import type { HostFile } from '../../main/host-api';
import { engineErrorText, hostErrorText } from '../error-text';
import { PROTOCOL_VERSION, transferListOf } from '../engine-client';
import { pendingFiles, TABLE_EXTENSIONS } from '../import/classify';
import { importOptions, tableOf } from '../import/mapping';
import { docFromJson, unreadableScenario, type ScenarioDoc } from '../scenario/draft';
import type { PendingFile } from '../store/import-slice';
import type { AppContext } from './context';
import { runActive } from './run-flow';

export const DEMO_SCENARIO = 'flash-crash.json';

/** Checks the worker answers in this window's protocol; a message when it does not. */
export async function checkEngine(ctx: AppContext): Promise<string | null> {
  const hello = await ctx.engine.request('engine.hello', {});
  if (!hello.ok) return engineErrorText(hello.error);
  if (hello.value.protocolVersion !== PROTOCOL_VERSION) {
    return `This window speaks protocol ${PROTOCOL_VERSION} but the engine speaks ${hello.value.protocolVersion}; rebuild the app.`;
  }
  return null;
}

export function parseScenario(file: HostFile): ScenarioDoc | string {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.bytes));
  } catch {
    return `The scenario "${file.name}" is not valid JSON.`;
  }
  const why = unreadableScenario(raw);
  return why === null ? docFromJson(raw, file.name.replace(/\.json$/i, '')) : `The scenario "${file.name}" cannot be read: ${why}.`;
}

export async function fetchOverview(ctx: AppContext): Promise<void> {
  const o = await ctx.engine.request('view.overview', {});
  if (o.ok) ctx.store.getState().overviewLoaded(o.value);
}

/** Sends tables to the engine (copies: the dialog keeps the originals to show problems in context). */
export async function importTables(ctx: AppContext, files: { name: string; bytes: Uint8Array }[]) {
  const copies = files.map((f) => ({ name: f.name, bytes: f.bytes.slice() }));
  return ctx.engine.request('workspace.import', { files: copies }, transferListOf(copies));
}

/**
 * Opens the bundled demo workspace with its scenarios and runs one of them (flash crash by
 * default). At first launch (`boot`) it stands aside if a project is being opened meanwhile.
 */
export async function openDemo(ctx: AppContext, scenarioName = DEMO_SCENARIO, boot = false): Promise<void> {
  // A read-only project stays as it is: opening the demo would replace its workspace and scenarios.
  if (ctx.canEdit?.() === false) return;
  if (!boot && ctx.leaveProject && !(await ctx.leaveProject())) return;
  const s = ctx.store.getState();
  const aside = () => boot && ctx.projectActive?.() === true;
  s.workspaceLoading();
  const problem = await checkEngine(ctx);
  if (problem !== null) return s.workspaceFailed(problem);
  const demo = await ctx.host.readDemo();
  if (!demo.ok) return s.workspaceFailed(hostErrorText(demo.error));
  if (aside()) return;
  const imported = await importTables(ctx, demo.value.workspace);
  if (aside()) return;
  if (!imported.ok) return s.workspaceFailed(engineErrorText(imported.error));
  s.clearResults();
  s.workspaceLoaded(imported.value, 'Demo workspace', true);
  const docs = demo.value.scenarios.map((f) => ({ file: f, doc: parseScenario(f) }));
  const entries = docs.flatMap(({ file, doc }) => (typeof doc === 'string' ? [] : [{ doc, origin: `demo/${file.name}` }]));
  const active = Math.max(0, entries.findIndex((e) => e.origin === `demo/${scenarioName}`));
  s.setScenarios(entries, active);
  void fetchOverview(ctx);
  s.setView('results');
  await runActive(ctx);
}

/** Shows the open dialog and then the import dialog for what was chosen. */
export async function chooseFiles(ctx: AppContext): Promise<void> {
  if (ctx.canEdit?.() === false) return;
  const picked = await ctx.host.openFiles({
    title: 'Import workspace tables and scenarios',
    multiple: true,
    filters: [{ name: 'Workspace tables and scenarios', extensions: TABLE_EXTENSIONS }],
  });
  if (!picked.ok) return ctx.store.getState().workspaceFailed(hostErrorText(picked.error));
  if (picked.value.length > 0) await reviewFiles(ctx, picked.value);
}

/** Files dropped on the window or chosen: the import dialog shows what each one will be. */
export function reviewFiles(ctx: AppContext, files: HostFile[]): Promise<void> {
  if (ctx.canEdit?.() === false) return Promise.resolve();
  ctx.store.getState().openImport(pendingFiles(files));
  return refreshPreview(ctx);
}

let previewSeq = 0;

/**
 * Asks the engine how it would read the table files (workspace.preview: the table of each source,
 * its columns, first rows and suggested mapping) with the tables chosen so far. Files are copied,
 * not transferred: the dialog keeps them for the import and for showing problems in place.
 */
export async function refreshPreview(ctx: AppContext): Promise<void> {
  const dialog = ctx.store.getState().importDialog;
  if (dialog === null) return;
  const files = dialog.files.filter((f) => f.kind === 'table');
  const seq = ++previewSeq;
  if (files.length === 0) return ctx.store.getState().previewLoaded({ sources: [], problems: [] });
  const res = await ctx.engine.request('workspace.preview', { files: files.map((f) => ({ name: f.name, bytes: f.bytes })), tables: dialog.tables, rows: PREVIEW_ROWS });
  if (seq !== previewSeq || ctx.store.getState().importDialog === null) return;
  if (res.ok) ctx.store.getState().previewLoaded(res.value);
  else ctx.store.getState().previewLoaded(null, engineErrorText(res.error));
}

const PREVIEW_ROWS = 8;
let importSeq = 0;

function sourceLabel(tables: PendingFile[]): string {
  const first = tables[0]?.name ?? '';
  return tables.length === 1 ? first : `${first} + ${tables.length - 1} more`;
}

/**
 * Imports what the dialog holds: the tables (with the chosen tables and column mapping) replace
 * the workspace whole, or — on any problem, or Cancel — nothing changes and the dialog says why;
 * scenario files join the project's scenarios. Progress comes as workspace.progress events.
 */
export async function commitImport(ctx: AppContext): Promise<void> {
  const s = ctx.store.getState();
  const dialog = s.importDialog;
  if (dialog === null || dialog.stage === 'importing') return;
  const tables = dialog.files.filter((f) => f.kind === 'table');
  const scenarios = dialog.files.filter((f) => f.kind === 'scenario').map((f) => ({ f, doc: parseScenario(f) }));
  const bad = scenarios.find((x) => typeof x.doc === 'string');
  if (bad) return s.importFailed(bad.doc as string, [], 0);
  if (tables.length === 0 && scenarios.length === 0) return s.importFailed('Choose at least one workspace table or scenario to import.', [], 0);
  if (tables.length > 0) {
    const options = dialog.preview === null ? {} : importOptions(dialog.preview, dialog.tables, dialog.overrides);
    const importId = `import-${++importSeq}`;
    s.importStarted(importId);
    const stop = ctx.engine.on('workspace.progress', (p) => ctx.store.getState().importProgressed(p));
    const copies = tables.map((f) => ({ name: f.name, bytes: f.bytes.slice() }));
    const imported = await ctx.engine.request('workspace.import', { files: copies, importId, ...options }, transferListOf(copies)).finally(stop);
    const now = ctx.store.getState();
    if (now.importDialog === null || now.importDialog.importId !== importId) return;
    if (!imported.ok) {
      const e = imported.error;
      if (e.kind === 'cancelled') return now.importStopped(e.message);
      return now.importFailed(e.kind === 'invalid-workspace' ? e.message : engineErrorText(e), e.kind === 'invalid-workspace' ? e.problems : [], e.kind === 'invalid-workspace' ? e.total : 0);
    }
    now.clearResults();
    // Named after the files read as tables: those the preview leaves out (a README, a logo) are not the workspace.
    const read = dialog.preview === null ? tables : tables.filter((f) => dialog.preview?.sources.some((src) => src.file === f.name && tableOf(src, dialog.tables) !== null));
    now.workspaceLoaded(imported.value, sourceLabel(read.length > 0 ? read : tables));
  }
  for (const { f, doc } of scenarios) ctx.store.getState().addScenario(doc as ScenarioDoc, f.name);
  ctx.store.getState().closeImport();
  ctx.store.getState().setView(tables.length > 0 ? 'overview' : 'scenario');
  if (tables.length > 0) {
    await fetchOverview(ctx);
    const after = ctx.store.getState();
    if (after.scenarios.length === 0) after.addScenario(starterScenario(after.overview?.byAsset[0]?.id ?? null));
  }
}

/** Cancel in the dialog: stops an import that is going (the open workspace stays), else closes the dialog. */
export async function cancelImport(ctx: AppContext): Promise<void> {
  const dialog = ctx.store.getState().importDialog;
  if (dialog === null) return;
  if (dialog.stage === 'importing' && dialog.importId !== null) await ctx.engine.request('workspace.cancel', { importId: dialog.importId });
  else ctx.store.getState().closeImport();
}

/** A first scenario for a workspace that came without one: its largest collateral asset −20%. */
export function starterScenario(asset: string | null): ScenarioDoc {
  return {
    name: asset === null ? 'New scenario' : `${asset} −20%`,
    description: '',
    steps: 50,
    events: asset === null ? [] : [{ type: 'price_shock', asset, change: -0.2, at: 0 }],
    options: {},
    notes: [],
  };
}
