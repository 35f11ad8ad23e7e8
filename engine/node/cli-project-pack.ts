import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openWorkspace } from '../open-workspace';
import type { InputFile, ProjectScenario } from '../protocol';
import type { SavedResults } from '../project/project';
import { writeProject } from '../project/write-project';
import { resultTables } from '../results/tables';
import { validateScenario } from '../scenario/validate';
import { runScenario } from '../sim/run';
import { canonicalJson, sha256Hex } from '../util/hash';
import { ENGINE_VERSION } from '../version';
import { importWorkspace, type ImportOptions } from '../workspace/import';
import { counted } from './cli-format';
import { readMappingFile } from './cli-map-file';
import { EXIT_INVALID, EXIT_OK, type CliIo, type ExitCode } from './cli-io';
import type { ProjectCommand } from './cli-project-args';
import { writeFileAtomicSync } from './cli-project-io';
import { processPassphraseSource, readPassphrase, type PassphraseSource } from './cli-project-passphrase';
import { formatImportProblems, formatInputError } from './cli-problems';
import { reason } from './cli-read-json';
import { readWorkspaceFolder } from './read-folder';

type PackOptions = Extract<ProjectCommand, { cmd: 'pack' }>;

interface ScenarioFile {
  file: string;
  doc: unknown;
}

/** A JSON object with an `events` list is a scenario (MODEL §2); anything else in the folder is a table. */
function asScenario(file: InputFile): ScenarioFile | null {
  if (!file.name.toLowerCase().endsWith('.json')) return null;
  try {
    const doc: unknown = JSON.parse(new TextDecoder().decode(file.bytes));
    return typeof doc === 'object' && doc !== null && Array.isArray((doc as Record<string, unknown>).events) ? { file: file.name, doc } : null;
  } catch {
    return null;
  }
}

/** Every .json file of a --scenarios folder, each of which must be a scenario. */
function scenarioFolder(dir: string): ScenarioFile[] | string {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.json'))
      .map((e) => e.name)
      .sort();
  } catch (e) {
    return `cannot read the scenario folder ${dir}: ${reason(e)}`;
  }
  const found: ScenarioFile[] = [];
  const refused: string[] = [];
  for (const name of names) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(join(dir, name)));
    } catch (e) {
      refused.push(`${name}: cannot be read: ${reason(e)}`);
      continue;
    }
    const scenario = asScenario({ name, bytes });
    if (scenario) found.push(scenario);
    else refused.push(`${name}: is not a scenario (a JSON object with an "events" list)`);
  }
  if (refused.length > 0) return `nothing was packed: ${refused.length} file${refused.length === 1 ? '' : 's'} of the scenario folder ${dir} ${refused.length === 1 ? 'is' : 'are'} not scenarios:\n  ${refused.join('\n  ')}`;
  return found;
}

/**
 * Project names: the scenario's own name, else its file's; a repeated name gets " (2)", " (3)" —
 * never a name another file has as its own (a file named "Stress (2)" keeps it).
 */
function named(files: ScenarioFile[]): (ProjectScenario & { file: string; renamed: boolean })[] {
  const bases = files.map(({ file, doc }) => {
    const own = (doc as Record<string, unknown>).name;
    return (typeof own === 'string' && own.trim() !== '' ? own.trim() : file.replace(/\.json$/i, '')).slice(0, 190);
  });
  const own = new Set(bases);
  const used = new Set<string>();
  return files.map(({ file, doc }, i) => {
    const base = bases[i] as string;
    let name = base;
    if (used.has(name)) for (let k = 2; used.has(name) || own.has(name); k++) name = `${base} (${k})`;
    used.add(name);
    return { name, scenario: doc, file, renamed: name !== base };
  });
}

/** `firebreak pack`: a workspace folder (and scenarios) into one `.firebreak` file, optionally with a run's results. */
export async function packCommand(o: PackOptions, io: CliIo, source: PassphraseSource = processPassphraseSource()): Promise<ExitCode> {
  const fail = (message: string): ExitCode => (io.err(`firebreak: ${message}\n`), EXIT_INVALID);
  if (!o.force && existsSync(o.out)) return fail(`${o.out} exists; add --force to replace it`);
  let options: ImportOptions = {};
  if (o.map !== null) {
    const m = readMappingFile(o.map);
    if (!m.ok) return fail(m.error);
    options = m.value;
  }
  // A folder of table files, or one workbook or JSON document holding every table (as `run` reads).
  let files: InputFile[];
  let single = false;
  try {
    single = statSync(o.workspace).isFile();
    files = single ? [{ name: basename(o.workspace), bytes: new Uint8Array(readFileSync(o.workspace)) }] : await readWorkspaceFolder(o.workspace);
  } catch (e) {
    return fail(`cannot read the workspace ${o.workspace}: ${reason(e)}`);
  }
  // In a folder, a scenario document beside the tables is packed as a scenario; one file given is the workspace.
  const inFolder = files.map((f) => (single ? null : asScenario(f)));
  const tables = files.filter((_, i) => inFolder[i] === null);
  const extra = o.scenarios === null ? [] : scenarioFolder(o.scenarios);
  if (typeof extra === 'string') return fail(extra);
  const scenarios = named([...inFolder.filter((s): s is ScenarioFile => s !== null), ...extra]);
  for (const s of scenarios.filter((x) => x.renamed)) io.err(`firebreak: ${s.file} is named like a scenario before it: packed as "${s.name}"\n`);

  const imported = importWorkspace(tables, options);
  if (!imported.ok) {
    const { problems, total, errors } = imported.error;
    io.err(formatInputError({ kind: 'workspace', message: `the workspace ${o.workspace} was not packed: ${errors} error${errors === 1 ? '' : 's'}`, problems, total }));
    return EXIT_INVALID;
  }
  const ow = await openWorkspace(imported.value);
  // What the import left out or changed is said: a file not read as a table is not in the project.
  const warnings = ow.info.warnings;
  if (warnings.length > 0) io.err(`firebreak: the import warns (${counted(warnings.length, 'warning')}); what it leaves out is not packed:\n${formatImportProblems(warnings, warnings.length)}`);
  // A project opens with its scenarios as they are: each must be one the workspace can run.
  let invalid = 0;
  for (const s of scenarios) {
    const v = validateScenario(s.scenario, ow.ids);
    if (v.ok) continue;
    invalid++;
    io.err(formatInputError({ kind: 'scenario', message: `the scenario "${s.name}" (${s.file}) is not valid for this workspace`, problems: v.error }));
  }
  if (invalid > 0) return fail(`nothing was packed: ${invalid} of ${scenarios.length} scenarios are not valid for this workspace`);

  let results: SavedResults | null = null;
  if (o.run !== null) {
    const want = o.run;
    const pick = scenarios.find((s) => s.name === want || s.file === want || s.file.replace(/\.json$/i, '') === want);
    if (!pick) return fail(`--run ${want} names no scenario; the scenarios are: ${scenarios.map((s) => s.name).join(', ') || 'none'}`);
    const v = validateScenario(pick.scenario, ow.ids);
    if (!v.ok) {
      io.err(formatInputError({ kind: 'scenario', message: `the scenario "${pick.name}" is not valid for this workspace`, problems: v.error }));
      return EXIT_INVALID;
    }
    const t0 = performance.now();
    const { sim, summary } = runScenario(ow.cw, v.value);
    const runMs = performance.now() - t0;
    const stamp = { engine_version: ENGINE_VERSION, workspace_hash: ow.info.hash, scenario_hash: await sha256Hex(new TextEncoder().encode(canonicalJson(v.value))) };
    results = { scenario: v.value, name: pick.name, summary, stamp, runMs, tables: resultTables(sim) };
  }

  let passphrase: string | undefined;
  if (o.encrypt) {
    const phrase = await readPassphrase('encrypt', source);
    if (!phrase.ok) return fail(phrase.error);
    passphrase = phrase.value;
  }
  const written = await writeProject(
    { workspace: ow.ws, scenarios: scenarios.map(({ name, scenario }) => ({ name, scenario })), results, viewState: null, openAs: o.viewer ? 'viewer' : 'editor' },
    { createdAt: new Date().toISOString(), passphrase },
  );
  if (!written.ok) return fail(written.error.message);
  const saved = writeFileAtomicSync(o.out, written.value);
  if (!saved.ok) return fail(saved.error);
  const counts = Object.entries(ow.info.counts).map(([t, n]) => `${t} ${n}`).join(', ');
  const parts = [`${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}`, results ? `results of "${results.name ?? results.summary.scenario}"` : 'no results', passphrase ? 'encrypted' : 'not encrypted'];
  io.err(`firebreak: wrote ${o.out} (${written.value.length.toLocaleString('en-US')} bytes): ${counts}; ${parts.join(', ')}\n`);
  return EXIT_OK;
}
