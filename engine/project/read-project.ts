import { tableFromIPC, type Table } from 'apache-arrow';
import { RESULT_TABLES, type ProjectScenario, type ResultTableName } from '../protocol';
import type { ResultTables } from '../results/tables';
import { canonicalJson, sha256Hex } from '../util/hash';
import { err, ok, type Result } from '../util/result';
import { checkArrowIpc } from '../workspace/arrow-ipc-check';
import { importWorkspace } from '../workspace/import';
import { TABLE_NAMES, type TableName } from '../workspace/schema';
import type { Workspace } from '../workspace/workspace';
import { decryptProject, isEncrypted } from './envelope';
import { LIMITS, MANIFEST_ENTRY, RUN_ENTRY, RUN_SCENARIO_ENTRY, SUMMARY_ENTRY, VIEW_ENTRY, resultEntry, type ProjectManifest } from './format';
import { parseManifest } from './manifest';
import { problem, type ProjectProblem } from './problems';
import type { ProjectContents, SavedResults } from './project';
import { resultSchemaProblem } from './result-schema';
import { narrowSavedRun, narrowSummary } from './summary-check';
import { unzipEntries } from './zip';

type Entries = ReadonlyMap<string, Uint8Array>;

/**
 * Opens a `.firebreak` file: decrypts it when sealed, then checks, in order, the zip, the manifest
 * (a newer format is refused by its version), that the entries are exactly those the manifest
 * lists with matching sizes and SHA-256, the workspace tables (by the full validator, MODEL §1),
 * the scenarios' JSON, the result tables' schemas and row counts, and the view state. The first
 * problem found is returned, naming the entry; nothing is returned half-read.
 */
export async function readProject(bytes: Uint8Array, passphrase?: string): Promise<Result<ProjectContents, ProjectProblem>> {
  const opened = await openEntries(bytes, passphrase);
  return opened.ok ? readContents(opened.value) : opened;
}

/** The second half of readProject: the contents of verified entries, each checked (tables, scenarios, results, view). */
export async function readContents(verified: VerifiedEntries): Promise<Result<ProjectContents, ProjectProblem>> {
  const { entries, manifest: m, encrypted } = verified;
  const workspace = readWorkspace(entries);
  if (!workspace.ok) return workspace;
  const scenarios = readScenarios(entries, m);
  if (!scenarios.ok) return scenarios;
  const results = await readResults(entries, m);
  if (!results.ok) return results;
  const view = readJson(entries.get(VIEW_ENTRY), VIEW_ENTRY);
  if (!view.ok) return err(problem('invalid-view', `The saved view state is damaged: ${view.error}.`, VIEW_ENTRY));
  return ok({ manifest: m, encrypted, workspace: workspace.value, scenarios: scenarios.value, results: results.value, viewState: view.value, openAs: m.open_as });
}

/** A project's entries as stored, once decrypted and checked against the manifest (sizes and SHA-256). */
export interface VerifiedEntries {
  entries: Entries;
  manifest: ProjectManifest;
  encrypted: boolean;
}

/** The first half of readProject: the envelope, the zip, the manifest and the hashes, but not the contents. */
export async function openEntries(bytes: Uint8Array, passphrase?: string): Promise<Result<VerifiedEntries, ProjectProblem>> {
  const encrypted = isEncrypted(bytes);
  let zip = bytes;
  if (encrypted) {
    const opened = await decryptProject(bytes, passphrase);
    if (!opened.ok) return opened;
    zip = opened.value;
  }
  const unzipped = unzipEntries(zip);
  if (!unzipped.ok) return unzipped;
  const entries = unzipped.value;
  const manifest = parseManifest(entries.get(MANIFEST_ENTRY));
  if (!manifest.ok) return manifest;
  const verified = await verifyEntries(entries, manifest.value);
  return verified ? err(verified) : ok({ entries, manifest: manifest.value, encrypted });
}

/** Every entry is listed, every listed entry is there, and sizes and hashes match. */
async function verifyEntries(entries: Entries, m: ProjectManifest): Promise<ProjectProblem | null> {
  for (const name of entries.keys()) {
    if (name !== MANIFEST_ENTRY && !(name in m.entries)) return problem('unexpected-entry', `The project holds "${name}", which its manifest does not list: it was changed after saving.`, name);
  }
  for (const [name, want] of Object.entries(m.entries)) {
    const got = entries.get(name);
    if (got === undefined) return problem('missing-entry', `The project is missing "${name}", which its manifest lists: it was damaged or changed after saving.`, name);
    if (got.length !== want.bytes || (await sha256Hex(got)) !== want.sha256) {
      return problem('hash-mismatch', `"${name}" does not match its SHA-256 in the manifest: it was damaged or changed after saving.`, name);
    }
  }
  return null;
}

function readWorkspace(entries: Entries): Result<Workspace, ProjectProblem> {
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const [name, bytes] of entries) {
    if (!name.startsWith('workspace/')) continue;
    const table = name.slice('workspace/'.length, -'.arrow'.length);
    if (!(TABLE_NAMES as readonly string[]).includes(table)) return err(problem('unexpected-entry', `The project holds "${name}", which is not a workspace table.`, name));
    files.push({ name: `${table as TableName}.arrow`, bytes });
  }
  const imported = importWorkspace(files);
  if (imported.ok) return imported;
  const first = imported.error.problems.find((p) => p.severity === 'error') ?? imported.error.problems[0];
  const where = first ? `workspace/${first.table}.arrow` : null;
  const detail = first ? `${first.table}${first.row === null ? '' : ` row ${first.row}`}${first.column === null ? '' : ` column ${first.column}`}: ${first.rule}` : 'it is not valid';
  const p = problem('invalid-table', `The workspace in the project fails validation (${imported.error.errors} error${imported.error.errors === 1 ? '' : 's'}; first: ${detail}).`, where);
  return err({ ...p, problems: imported.error.problems });
}

function readJson(bytes: Uint8Array | undefined, name: string): Result<unknown, string> {
  if (bytes === undefined) return err(`${name} is missing`);
  if (bytes.length > LIMITS.jsonBytes) return err(`${name} is larger than 64 MiB`);
  try {
    return ok(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown);
  } catch {
    return err(`${name} is not valid JSON`);
  }
}

function readScenarios(entries: Entries, m: ProjectManifest): Result<ProjectScenario[], ProjectProblem> {
  const listed = new Set(m.scenarios.map((s) => s.entry));
  for (const name of entries.keys()) {
    if (name.startsWith('scenarios/') && !listed.has(name)) return err(problem('unexpected-entry', `The project holds "${name}", which no scenario of its manifest names.`, name));
  }
  const out: ProjectScenario[] = [];
  for (const s of m.scenarios) {
    const doc = readJson(entries.get(s.entry), s.entry);
    if (!doc.ok) return err(problem('invalid-scenario', `Scenario "${s.name}" is damaged: ${doc.error}.`, s.entry));
    out.push({ name: s.name, scenario: doc.value });
  }
  return ok(out);
}

async function readResults(entries: Entries, m: ProjectManifest): Promise<Result<SavedResults | null, ProjectProblem>> {
  const resultNames = [...entries.keys()].filter((n) => n.startsWith('results/'));
  if (m.results === null) {
    const stray = resultNames[0];
    return stray === undefined ? ok(null) : err(problem('unexpected-entry', `The project holds "${stray}" but its manifest says it has no results.`, stray));
  }
  const expected = new Set([SUMMARY_ENTRY, RUN_ENTRY, RUN_SCENARIO_ENTRY, ...RESULT_TABLES.map(resultEntry)]);
  for (const name of resultNames) if (!expected.has(name)) return err(problem('unexpected-entry', `The project holds "${name}", which is not a result table.`, name));
  const summaryDoc = readJson(entries.get(SUMMARY_ENTRY), SUMMARY_ENTRY);
  const summary = summaryDoc.ok ? narrowSummary(summaryDoc.value) : summaryDoc.error;
  if (typeof summary === 'string') return err(problem('invalid-results', `The saved results are damaged: ${summary}.`, SUMMARY_ENTRY));
  const runDoc = readJson(entries.get(RUN_ENTRY), RUN_ENTRY);
  const run = runDoc.ok ? narrowSavedRun(runDoc.value) : runDoc.error;
  if (typeof run === 'string') return err(problem('invalid-results', `The saved results are damaged: ${run}.`, RUN_ENTRY));
  const scenario = readJson(entries.get(RUN_SCENARIO_ENTRY), RUN_SCENARIO_ENTRY);
  if (!scenario.ok) return err(problem('invalid-results', `The saved results are damaged: ${scenario.error}.`, RUN_SCENARIO_ENTRY));
  if ((await sha256Hex(new TextEncoder().encode(canonicalJson(scenario.value)))) !== run.stamp.scenario_hash) {
    return err(problem('invalid-results', 'The scenario of the saved results does not match the hash in their run stamp.', RUN_SCENARIO_ENTRY));
  }
  const tables = {} as ResultTables;
  for (const name of RESULT_TABLES) {
    const entry = resultEntry(name);
    const t = readResultTable(entries.get(entry), name);
    if (typeof t === 'string') return err(problem('invalid-results', `The saved ${name} table is damaged: ${t}.`, entry));
    if (run.row_counts[name] !== t.numRows) return err(problem('invalid-results', `The saved ${name} table has ${t.numRows} rows but run.json says ${String(run.row_counts[name])}.`, entry));
    tables[name] = t;
  }
  return ok({ scenario: scenario.value, summary, stamp: run.stamp, runMs: run.run_ms, tables });
}

function readResultTable(bytes: Uint8Array | undefined, name: ResultTableName): Table | string {
  if (bytes === undefined) return 'it is missing';
  const damaged = checkArrowIpc(bytes);
  if (damaged !== null) return `it is not a readable Arrow IPC file (${damaged})`;
  let t: Table;
  try {
    t = tableFromIPC(bytes);
  } catch {
    return 'it is not a readable Arrow IPC file';
  }
  return resultSchemaProblem(name, t) ?? t;
}
