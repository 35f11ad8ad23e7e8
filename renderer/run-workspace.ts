import type { HostApi, HostFile } from '../main/host-api';
import { PROTOCOL_VERSION, transferListOf, type EngineClient } from './engine-client';
import { engineErrorText, hostErrorText } from './error-text';
import type { RunSlice } from './store/run-slice';

export type RunActions = Pick<RunSlice, 'started' | 'imported' | 'running' | 'progressed' | 'finished' | 'failed'>;

export const DEMO_SCENARIO = 'flash-crash.json';

const TABLE_EXTENSIONS = /\.(csv|tsv|json|arrow|feather|parquet|xlsx)$/i;

let runCounter = 0;

type Parsed = { ok: true; scenario: unknown; label: string } | { ok: false; message: string };

export function parseScenarioFile(file: HostFile): Parsed {
  let scenario: unknown;
  try {
    scenario = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.bytes));
  } catch {
    return { ok: false, message: `The scenario "${file.name}" is not valid JSON.` };
  }
  const name = typeof scenario === 'object' && scenario !== null ? (scenario as Record<string, unknown>).name : undefined;
  return { ok: true, scenario, label: typeof name === 'string' && name !== '' ? name : file.name };
}

/** A JSON object with an `events` list is a scenario (MODEL §2); any other file is a table. */
export function isScenarioFile(file: HostFile): boolean {
  if (!file.name.toLowerCase().endsWith('.json')) return false;
  const parsed = parseScenarioFile(file);
  return parsed.ok && typeof parsed.scenario === 'object' && parsed.scenario !== null && Array.isArray((parsed.scenario as Record<string, unknown>).events);
}

/** Imports the tables into the engine, then runs the scenario, reporting progress to the store. */
export async function runFiles(engine: EngineClient, workspace: HostFile[], scenarioFile: HostFile, source: string, actions: RunActions): Promise<void> {
  const parsed = parseScenarioFile(scenarioFile);
  if (!parsed.ok) return actions.failed(parsed.message);
  actions.started('importing', `${parsed.label} — ${source}`);
  const files = workspace.map((f) => ({ name: f.name, bytes: f.bytes }));
  const imported = await engine.request('workspace.import', { files }, transferListOf(files));
  if (!imported.ok) return actions.failed(engineErrorText(imported.error));
  actions.imported(imported.value);

  runCounter += 1;
  const runId = `run-${runCounter}`;
  actions.running(runId);
  const stop = engine.on('sim.progress', actions.progressed);
  try {
    const run = await engine.request('sim.run', { runId, scenario: parsed.scenario });
    if (run.ok) actions.finished(run.value);
    else actions.failed(engineErrorText(run.error));
  } finally {
    stop();
  }
}

async function checkEngine(engine: EngineClient): Promise<string | null> {
  const hello = await engine.request('engine.hello', {});
  if (!hello.ok) return engineErrorText(hello.error);
  if (hello.value.protocolVersion !== PROTOCOL_VERSION) {
    return `This window speaks protocol ${PROTOCOL_VERSION} but the engine speaks ${hello.value.protocolVersion}; rebuild the app.`;
  }
  return null;
}

async function demoScenario(host: HostApi): Promise<{ workspace: HostFile[]; scenario: HostFile } | string> {
  const demo = await host.readDemo();
  if (!demo.ok) return hostErrorText(demo.error);
  const scenario = demo.value.scenarios.find((f) => f.name === DEMO_SCENARIO) ?? demo.value.scenarios[0];
  if (scenario === undefined) return 'The demo scenario is missing from this build.';
  return { workspace: demo.value.workspace, scenario };
}

/** Loads the bundled demo workspace and runs the flash-crash scenario on it. */
export async function runDemo(host: HostApi, engine: EngineClient, actions: RunActions): Promise<void> {
  await guarded(actions, async () => {
    actions.started('loading', 'Demo');
    const problem = await checkEngine(engine);
    if (problem !== null) return actions.failed(problem);
    const demo = await demoScenario(host);
    if (typeof demo === 'string') return actions.failed(demo);
    await runFiles(engine, demo.workspace, demo.scenario, 'demo workspace', actions);
  });
}

/** Lets the user pick workspace tables (and optionally a scenario .json); without one, the demo scenario is used. */
export async function openAndRun(host: HostApi, engine: EngineClient, actions: RunActions): Promise<void> {
  await guarded(actions, async () => {
    const picked = await host.openFiles({
      title: 'Open workspace tables',
      multiple: true,
      filters: [{ name: 'Workspace tables and scenarios', extensions: ['csv', 'tsv', 'json', 'arrow', 'parquet', 'xlsx'] }],
    });
    if (!picked.ok) return actions.failed(hostErrorText(picked.error));
    if (picked.value.length === 0) return;
    const scenarios = picked.value.filter(isScenarioFile);
    const tables = picked.value.filter((f) => !scenarios.includes(f) && TABLE_EXTENSIONS.test(f.name));
    if (tables.length === 0) return actions.failed('None of the chosen files is a workspace table.');
    const source = tables.length === 1 ? (tables[0]?.name ?? '1 file') : `${tables.length} files`;
    actions.started('loading', source);
    let scenario = scenarios[0];
    if (scenario === undefined) {
      const demo = await demoScenario(host);
      if (typeof demo === 'string') return actions.failed(demo);
      scenario = demo.scenario;
    }
    await runFiles(engine, tables, scenario, source, actions);
  });
}

async function guarded(actions: RunActions, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    console.error('[run] unexpected failure', error);
    actions.failed('Something went wrong while running the scenario. Reload the window and try again.');
  }
}
