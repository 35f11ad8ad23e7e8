import { performance } from 'node:perf_hooks';
import { readFloats, readStrings } from '../util/arrow-columns';
import { resultTables } from '../results/tables';
import { counted } from './cli-format';
import { summarize } from '../results/summary';
import type { RunSummary } from '../results/summary-types';
import { validateScenario } from '../scenario/validate';
import type { LossThreads } from '../losses/loss-thread';
import { runToEndWithLosses } from '../run-losses';
import { compilePlan } from '../sim/plan';
import { applyOverrides, narrowOverrides } from '../analysis/overrides';
import { ENGINE_VERSION } from '../version';
import type { Workspace } from '../workspace/workspace';
import { readJsonFile } from './cli-read-json';
import { EXIT_INVALID, EXIT_OK, type CliIo, type ExitCode } from './cli-io';
import { loadWorkspace } from './cli-load';
import { nodeLossThreads } from './helper-thread';
import { checkResultsOut, writeResults } from './cli-out';
import { formatInputError, formatWarningLines } from './cli-problems';
import { formatReport } from './cli-report';

export interface RunOptions {
  workspace: string;
  scenario: string;
  json: boolean;
  /** A `--map` mapping file, or null. */
  map?: string | null;
  /** An `--overrides` file (workspace values changed for this run, as analysis specs give them), or null. */
  overrides?: string | null;
  out: string | null;
  /** `--force`: --out may replace files that are not an earlier run's results (never one the run reads). */
  force?: boolean;
}

/** The --json document: MODEL §6's summary plus timings (import = read + parse + validate + compile; run = simulation only). */
export type RunJson = RunSummary & { timings: { import_ms: number; run_ms: number } };

/** `firebreak run`: imports a workspace folder, runs a scenario to its end, reports. */
export async function runCommand(o: RunOptions, io: CliIo): Promise<ExitCode> {
  // The loss-graph helper starts (and warms up) while the workspace is read.
  const threads = nodeLossThreads();
  threads?.warm();
  try {
    return await runWith(o, io, threads);
  } finally {
    // Also after an internal error: a helper left running would keep the process from exiting.
    threads?.release();
  }
}

async function runWith(o: RunOptions, io: CliIo, threads: LossThreads | null): Promise<ExitCode> {
  if (o.out !== null) {
    // Before anything is read or run: a run that could not write its results would be wasted.
    const inputs = [
      { path: o.workspace, what: 'the workspace' },
      { path: o.scenario, what: 'the scenario' },
      ...(o.map ? [{ path: o.map, what: 'the mapping' }] : []),
      ...(o.overrides ? [{ path: o.overrides, what: 'the overrides file' }] : []),
    ];
    const can = await checkResultsOut(o.out, o.force === true, inputs);
    if (!can.ok) {
      io.err(`firebreak: ${can.error}\n`);
      return EXIT_INVALID;
    }
  }
  const doc = readJsonFile(o.scenario);
  if (!doc.ok) {
    io.err(`firebreak: ${doc.error}\n`);
    return EXIT_INVALID;
  }
  const loaded = await loadWorkspace(o.workspace, o.map ?? null);
  if (!loaded.ok) {
    io.err(formatInputError(loaded.error));
    return EXIT_INVALID;
  }
  const { ow, importMs } = loaded.value;
  let cw = ow.cw;
  if (o.overrides) {
    const raw = readJsonFile(o.overrides, 'overrides file');
    const ov = raw.ok ? narrowOverrides(raw.value, cw.model) : null;
    if (!raw.ok || !ov?.ok) {
      io.err(`firebreak: ${raw.ok ? `the overrides ${o.overrides} are not valid for this workspace:\n  ${(ov && !ov.ok ? ov.error : []).join('\n  ')}` : raw.error}\n`);
      return EXIT_INVALID;
    }
    cw = applyOverrides(cw, ov.value);
  }
  const v = validateScenario(doc.value, ow.ids);
  if (!v.ok) {
    io.err(formatInputError({ kind: 'scenario', message: `the scenario ${o.scenario} is not valid for this workspace`, problems: v.error }));
    return EXIT_INVALID;
  }
  const scenario = v.value;
  const plan = compilePlan(scenario, cw.model);
  const t0 = performance.now();
  const { sim } = await runToEndWithLosses(cw, plan, threads);
  const runMs = performance.now() - t0;
  if (sim.stoppedBecause !== null) {
    io.err(`firebreak: ${sim.stoppedBecause}\n`);
    return EXIT_INVALID;
  }
  const summary = summarize(sim);
  const json: RunJson = { ...summary, timings: { import_ms: round(importMs), run_ms: round(runMs) } };
  const text = JSON.stringify(json, null, 2) + '\n';

  if (o.out !== null) {
    const written = writeResults(o.out, resultTables(sim), text);
    if (!written.ok) {
      io.err(`firebreak: ${written.error}\n`);
      return EXIT_INVALID;
    }
    if (!o.json) io.err(`firebreak: wrote ${counted(written.value.length, 'file')} to ${o.out}\n`);
  }
  if (o.json) {
    io.out(text);
    // stdout is the summary alone; what the import said goes where messages go.
    if (ow.info.warnings.length > 0) io.err(formatWarningLines(ow.info.warnings));
  } else
    io.out(
      formatReport({
        summary,
        scenario,
        workspace: o.workspace,
        counts: ow.info.counts as Record<string, number>,
        startPrices: startPrices(ow.ws),
        names: nodeNames(ow.ws),
        importMs,
        runMs,
        engineVersion: ENGINE_VERSION,
        importWarnings: ow.info.warnings,
      }),
    );
  return EXIT_OK;
}

const round = (x: number): number => Math.round(x * 100) / 100;

export function startPrices(ws: Workspace): Record<string, number> {
  const t = ws.tables.assets;
  const out: Record<string, number> = {};
  const ids = t?.getChild('id');
  const prices = t?.getChild('price');
  if (!ids || !prices) return out;
  const { codes, dict } = readStrings(ids);
  const p = readFloats(prices);
  for (let i = 0; i < codes.length; i++) out[dict[codes[i] as number] as string] = p[i] as number;
  return out;
}

export function nodeNames(ws: Workspace): Record<string, string> {
  const t = ws.tables.nodes;
  const out: Record<string, string> = {};
  const ids = t?.getChild('id');
  const names = t?.getChild('name');
  if (!ids || !names) return out;
  const a = readStrings(ids);
  const b = readStrings(names);
  for (let i = 0; i < a.codes.length; i++) {
    const n = b.codes[i] as number;
    if (n >= 0) out[a.dict[a.codes[i] as number] as string] = b.dict[n] as string;
  }
  return out;
}
