import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
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
import { formatInputError } from './cli-problems';
import { reason } from './cli-read-json';
import { inProcessPool, poolSizeFor, startPool, type NodePool } from './pool';
import { readWorkspaceFolder } from './read-folder';
import { makeDirs } from './make-dirs';

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

function writeOut(dir: string, tables: Record<string, Uint8Array>, json: string, scenarios: Record<string, unknown>): Result<string[], string> {
  try {
    makeDirs(dir);
    for (const name of readdirSync(dir)) if (SCENARIO_FILE.test(name) && !(name in scenarios)) unlinkSync(join(dir, name));
    const written: string[] = [];
    for (const [name, sc] of Object.entries(scenarios)) {
      writeFileSync(join(dir, name), JSON.stringify(sc, null, 2) + '\n');
      written.push(name);
    }
    for (const [name, ipc] of Object.entries(tables)) {
      writeFileSync(join(dir, `${name}.arrow`), ipc);
      writeFileSync(join(dir, `${name}.csv`), tableToCsv(tableFromIPC(ipc)));
      written.push(`${name}.arrow`, `${name}.csv`);
    }
    writeFileSync(join(dir, 'result.json'), json);
    return ok([...written, 'result.json']);
  } catch (e) {
    return err(`cannot write the results to ${dir}: ${reason(e)}`);
  }
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
