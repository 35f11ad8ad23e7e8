import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tableFromIPC } from 'apache-arrow';
import type { MonteCarloResult } from '../analysis/analysis-types';
import type { Job } from '../analysis/coordinator';
import type { EngineError, InputFile } from '../protocol';
import { tableToCsv } from '../results/to-csv';
import { err, ok, type Result } from '../util/result';
import type { AnalysisCommand } from './cli-analysis-args';
import { formatAnalysis } from './cli-analysis-report';
import { specWithFlags } from './cli-analysis-spec';
import { EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, type CliIo, type ExitCode } from './cli-io';
import { counted } from './cli-format';
import { formatInputError, formatWarningLines } from './cli-problems';
import { reason } from './cli-read-json';
import { inProcessPool, poolSizeFor, startPool, type NodePool } from './pool';
import { readWorkspaceFolder } from './read-folder';
import { arrowWithColumns } from './cli-out';
import { checkTargets, firstLine, OutFolder, type Input, type Target } from './out-folder';

function readJson(path: string, what: string): Result<unknown, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return err(`cannot read the ${what} ${path}: ${reason(e)}`);
  }
  try {
    return ok(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown);
  } catch (e) {
    return err(`the ${what} ${path} is not valid JSON: ${reason(e)}`);
  }
}

/** The spec: the --spec file, then the scenario file and the options over it (each flag overriding its field). */
function specOf(c: AnalysisCommand): Result<Record<string, unknown>, string> {
  let spec: Record<string, unknown> = {};
  if (c.specFile !== null) {
    const doc = readJson(c.specFile, 'spec');
    if (!doc.ok) return doc;
    if (typeof doc.value !== 'object' || doc.value === null || Array.isArray(doc.value)) return err(`the spec ${c.specFile} must be a JSON object`);
    spec = { ...(doc.value as Record<string, unknown>) };
  }
  if (c.scenario !== null) {
    const sc = readJson(c.scenario, 'scenario');
    if (!sc.ok) return sc;
    spec.scenario = sc.value;
  }
  return specWithFlags(c.cmd, spec, c.fields);
}

function engineError(e: EngineError, io: CliIo): ExitCode {
  if (e.kind === 'invalid-workspace') io.err(formatInputError({ kind: 'workspace', message: e.message, problems: e.problems, total: e.total }));
  else if (e.kind === 'invalid-scenario') io.err(formatInputError({ kind: 'scenario', message: 'the scenario is not valid for this workspace', problems: e.problems }));
  else io.err(`firebreak: ${e.message}\n`);
  return e.kind === 'internal' || e.kind === 'cancelled' ? EXIT_INTERNAL : EXIT_INVALID;
}

/** Scenarios a result can be opened as: the worst Monte Carlo draws, the run at a reverse test's threshold. */
function scenarioFiles(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (value.kind === 'montecarlo') for (const w of (value as unknown as MonteCarloResult).worst) out[`worst-${w.draw}.json`] = w.scenario;
  if (value.kind === 'reverse' && value.scenario) out['threshold.json'] = value.scenario;
  return out;
}

/** Scenario files an analysis writes into --out: an earlier analysis's left there would pass for this one's. */
const SCENARIO_FILE = /^(worst-\d+|threshold|overrides)\.json$/;

/** A JSON object in the file, or null. */
function jsonObject(path: string): Record<string, unknown> | null {
  try {
    const doc: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Whether a file is one an analysis's --out writes under that name: a scenario, the spec's overrides. */
function isScenarioFile(name: string, path: string): boolean {
  const doc = jsonObject(path);
  if (doc === null) return false;
  return name === 'overrides.json' ? Object.keys(doc).every((k) => ['oracles', 'nodes', 'assets'].includes(k)) : Array.isArray(doc.events);
}

/**
 * The files an analysis writes, each recognised when an earlier run of it wrote the file there:
 * a table by its columns, result.json by its keys, a scenario as a scenario.
 */
function analysisTargets(tables: Record<string, Uint8Array>, doc: Record<string, unknown>, scenarios: Record<string, unknown>): Target[] {
  const out: Target[] = Object.keys(scenarios).map((name) => ({ name, ours: (path: string) => isScenarioFile(name, path) }));
  for (const [name, ipc] of Object.entries(tables)) {
    const columns = tableFromIPC(ipc).schema.fields.map((f) => f.name);
    out.push({ name: `${name}.arrow`, ours: (path) => arrowWithColumns(path, columns) });
    out.push({ name: `${name}.csv`, ours: (path) => firstLine(path) === columns.join(',') });
  }
  const keys = Object.keys(doc).sort().join(',');
  out.push({ name: 'result.json', ours: (path) => Object.keys(jsonObject(path) ?? {}).sort().join(',') === keys });
  return out;
}

/**
 * Writes the analysis's scenarios, tables (`.arrow` and `.csv`) and result.json into `dir`, all or
 * none; then drops the worst-draw, threshold and overrides files an earlier run left there that
 * this one did not write (read with these, they would be taken for this run's).
 */
function writeOut(dir: string, tables: Record<string, Uint8Array>, json: string, scenarios: Record<string, unknown>): Result<string[], string> {
  const written = OutFolder.run(dir, (out) => {
    for (const [name, sc] of Object.entries(scenarios)) out.write(name, [JSON.stringify(sc, null, 2) + '\n']);
    for (const [name, ipc] of Object.entries(tables)) {
      out.write(`${name}.arrow`, [ipc]);
      out.write(`${name}.csv`, [tableToCsv(tableFromIPC(ipc))]);
    }
    out.write('result.json', [json]);
  });
  if (!written.ok) return written;
  try {
    for (const name of readdirSync(dir)) if (SCENARIO_FILE.test(name) && !(name in scenarios) && isScenarioFile(name, join(dir, name))) unlinkSync(join(dir, name));
  } catch (e) {
    return err(`wrote the results to ${dir}, but could not remove an earlier run's worst-*.json, threshold.json or overrides.json: ${reason(e)}`);
  }
  return written;
}

/** What an analysis reads: its --out never writes over these, --force or not. */
function analysisInputs(c: AnalysisCommand): Input[] {
  const inputs: Input[] = [{ path: c.workspace, what: 'the workspace' }];
  if (c.scenario !== null) inputs.push({ path: c.scenario, what: 'the scenario' });
  if (c.specFile !== null) inputs.push({ path: c.specFile, what: 'the spec' });
  return inputs;
}

/** Live progress on a terminal's stderr only (never in pipes or logs). */
function progressLine(io: CliIo): ((p: { phase: string; done: number; total: number }) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = '';
  return (p) => {
    const text = `\r${p.phase}: ${p.done}/${p.total}`;
    if (text !== last) io.err(text + (p.done >= p.total ? '\n' : ''));
    last = text;
  };
}

/** `firebreak sweep | reverse | montecarlo | debtrank`: runs the analysis on a pool of workers and reports it. */
export async function analysisCommand(c: AnalysisCommand, io: CliIo): Promise<ExitCode> {
  const spec = specOf(c);
  if (!spec.ok) {
    io.err(`firebreak: ${spec.error}\n`);
    return EXIT_INVALID;
  }
  if (c.out !== null) {
    // The folder itself (a file there, the workspace) is refused before the analysis runs; its files once they are known.
    const folder = await checkTargets(c.out, [], { force: c.force, inputs: analysisInputs(c), writer: `${c.cmd} --out` });
    if (!folder.ok) {
      io.err(`firebreak: ${folder.error}\n`);
      return EXIT_INVALID;
    }
  }
  let files: InputFile[];
  try {
    files = await readWorkspaceFolder(c.workspace);
  } catch (e) {
    io.err(`firebreak: cannot read the workspace folder ${c.workspace}: ${reason(e)}\n`);
    return EXIT_INVALID;
  }
  // One sequential search or DebtRank needs no other thread.
  const sequential = (c.cmd === 'reverse' && !c.rank) || (c.cmd === 'debtrank' && !c.impact);
  const size = poolSizeFor(c.workers);
  if (!sequential && c.workers !== null && size < c.workers) io.err(`firebreak: ${size} workers, not ${c.workers}: one per logical processor at most (each holds its own copy of the workspace)\n`);
  const pool: NodePool = sequential ? inProcessPool(1) : startPool(size);
  try {
    const t0 = performance.now();
    const imported = await pool.pool.importWorkspace(files);
    if (!imported.ok) return engineError(imported.error, io);
    // As run does: a file left out, a column not read — said, the output's document untouched.
    if (imported.value.warnings.length > 0) io.err(formatWarningLines(imported.value.warnings));
    const t1 = performance.now();
    const onProgress = progressLine(io);
    const run = async <T>(job: Job<T>): Promise<Result<T, EngineError>> => job.result;
    const p = pool.pool;
    const s = spec.value;
    let result: Result<unknown, EngineError>;
    let impact: Result<unknown, EngineError> | null = null;
    if (c.cmd === 'sweep') result = await run(p.sweep(s, { onProgress }));
    else if (c.cmd === 'montecarlo') result = await run(p.monteCarlo(s, { onProgress }));
    else if (c.cmd === 'reverse') result = c.rank ? await run(p.distanceToDefault(s, { onProgress })) : await run(p.reverse(s, { onProgress }));
    else {
      result = await run(p.debtRank(s.scenario));
      if (result.ok && c.impact) impact = await run(p.defaultImpact({ scenario: s.scenario }, { onProgress }));
    }
    if (!result.ok) return engineError(result.error, io);
    if (impact && !impact.ok) return engineError(impact.error, io);
    const t2 = performance.now();
    const timings = { import_ms: Math.round(t1 - t0), analysis_ms: Math.round(t2 - t1), workers: pool.size, mode: pool.mode };
    const { tables = {}, ...value } = result.value as Record<string, unknown> & { tables?: Record<string, Uint8Array> };
    let doc: Record<string, unknown>;
    if (c.cmd === 'debtrank') {
      const d = value as { debtrank: unknown; linear_debtrank: unknown; unused_events: unknown };
      doc = { debtrank: d.debtrank, linear_debtrank: d.linear_debtrank, unused_events: d.unused_events };
      if (impact?.ok) {
        const { tables: impactTables = {}, ...rest } = impact.value as Record<string, unknown> & { tables?: Record<string, Uint8Array> };
        doc.default_impact = rest;
        Object.assign(tables, Object.fromEntries(Object.entries(impactTables).map(([k, v]) => [`impact_${k}`, v])));
      }
    } else doc = { ...value, timings };
    const text = JSON.stringify(doc, null, 2) + '\n';
    // The spec's workspace overrides: a worst draw or the threshold run reproduces only with them.
    const overrides = (s as { overrides?: unknown }).overrides;
    const scenarios = scenarioFiles(value);
    const withOverrides = typeof overrides === 'object' && overrides !== null && Object.keys(overrides).length > 0 && Object.keys(scenarios).length > 0;
    if (withOverrides) scenarios['overrides.json'] = overrides;
    if (c.out !== null) {
      const checked = await checkTargets(c.out, analysisTargets(tables, doc, scenarios), { force: c.force, inputs: analysisInputs(c), writer: `${c.cmd} --out` });
      if (!checked.ok) {
        io.err(`firebreak: ${checked.error}\n`);
        return EXIT_INVALID;
      }
      const w = writeOut(c.out, tables, text, scenarios);
      if (!w.ok) {
        io.err(`firebreak: ${w.error}\n`);
        return EXIT_INVALID;
      }
      if (!c.json) io.err(`firebreak: wrote ${counted(w.value.length, 'file')} to ${c.out}\n`);
    }
    if (c.json) io.out(text);
    else io.out(formatAnalysis(c.cmd === 'debtrank' ? { ...value, default_impact: doc.default_impact } : value, { ...timings, workspace: c.workspace, overrides: withOverrides, out: c.out }));
    return EXIT_OK;
  } finally {
    await pool.close();
  }
}
