// A page for the project e2e tests: the real web host (IndexedDB, downloads, file input), the
// real engine worker, the project actions and dialogs of renderer/project, and a small bridge.
import { createElement, Fragment } from 'react';
import { createRoot } from 'react-dom/client';
import { createEngineClient, workerPort } from '../../../renderer/engine-client';
import { AutosaveAlert } from '../../../renderer/project/AutosaveAlert';
import { PassphraseDialog } from '../../../renderer/project/PassphraseDialog';
import { RestoreBanner } from '../../../renderer/project/RestoreBanner';
import type { ContentChange, ProjectBridge, ProjectContent } from '../../../renderer/project/bridge';
import { startProjectShell } from '../../../renderer/project/project-shell';
import { useProjectStore } from '../../../renderer/project/project-store';
import { createWebHost } from '../../../renderer/web-host';
import '../../../renderer/styles.css';

const host = createWebHost(window);
const engine = createEngineClient(workerPort(new Worker(new URL('../../../engine/web/worker-entry.ts', import.meta.url), { type: 'module', name: 'firebreak-engine' })));
const applied: { name: string; scenarios: string[]; summary: unknown; viewState: unknown }[] = [];
const commands: string[] = [];
let listener: (c: ContentChange) => void = () => undefined;
let content: ProjectContent = { scenarios: [], run: null, viewState: null };
/** Another object each time another workspace is imported or opened (as the app store's workspace). */
let workspace: object = {};

const bridge: ProjectBridge = {
  collect: () => content,
  apply: (opened, name) => {
    applied.push({ name, scenarios: opened.scenarios.map((s) => s.name), summary: opened.run?.summary ?? null, viewState: opened.viewState });
    // What the UI shows now, as the app's bridge would collect it (the results left out).
    workspace = {};
    content = { scenarios: opened.scenarios, run: null, viewState: opened.viewState };
  },
  workspaceKey: () => workspace,
  reset: () => undefined,
  subscribe: (l) => ((listener = l), () => undefined),
};

const shell = startProjectShell({ host, engine, bridge, store: useProjectStore, ui: { command: (c) => commands.push(c) }, win: window });

/** Imports the bundled demo and runs the flash crash, as the UI would; the project becomes unsaved. */
async function loadDemo(): Promise<void> {
  const demo = await host.readDemo();
  if (!demo.ok) throw new Error(demo.error.message);
  const imported = await engine.request('workspace.import', { files: demo.value.workspace });
  if (!imported.ok) throw new Error(imported.error.message);
  const scenarios = demo.value.scenarios.map((f) => ({ name: f.name.replace(/\.json$/, ''), scenario: JSON.parse(new TextDecoder().decode(f.bytes)) as unknown }));
  const flash = scenarios.find((s) => s.name === 'flash-crash');
  const run = await engine.request('sim.run', { runId: 'r1', scenario: flash?.scenario });
  if (!run.ok) throw new Error(run.error.message);
  workspace = {};
  content = { scenarios, run: { runId: 'r1', scenario: flash?.scenario }, viewState: { view: 'results', node: 'fund-alpha' } };
  listener('edited');
}

/** An edit of the user's: the first scenario renamed, and the view moved to it. */
function edit(name: string): void {
  content = { ...content, scenarios: content.scenarios.map((s, k) => (k === 0 ? { ...s, name } : s)), viewState: { view: 'scenario', edited: name } };
  listener('edited');
}

const state = () => {
  const s = useProjectStore.getState();
  return { project: s.project, error: s.error, notice: s.notice, passphrase: s.passphrase, restore: s.restore, recent: s.recent, busy: s.busy, lastAutosave: s.lastAutosave, autosaveProblem: s.autosaveProblem };
};

Object.assign(window, { harness: { host, engine, actions: shell.actions, loadDemo, edit, state, applied, commands } });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(createElement(Fragment, null, createElement(RestoreBanner), createElement(AutosaveAlert), createElement(PassphraseDialog)));
}
document.body.dataset.ready = 'yes';
