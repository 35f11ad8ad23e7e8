import { availableParallelism } from 'node:os';
import { AGAIN_RUNS, type Measured } from './bench-measure';
import type { WarmWorker, WorkerImports, WorkerMemory } from './bench-worker';
import { HELPER_MIN_CORES } from '../engine/workspace/csv-part';

export interface SizeResult {
  label: string;
  generateMs: number;
  m: Measured;
  w: WorkerMemory;
  wi: WorkerImports;
  ww: WarmWorker;
  /** measureWorker again, from a fresh process. */
  fresh: WorkerMemory;
}

const f1 = (x: number): string => x.toFixed(1);
const f0 = (x: number): string => Math.round(x).toLocaleString('en-US');
const rate = (ms: number | null, mb: number): string => (ms === null ? 'not measured (no helper bundle)' : `${f0(ms)} ms = ${f0(mb / (ms / 1000))} MB/s`);

const helperUse = (r: SizeResult): string =>
  r.wi.helperUsed ? ' (files shared with the CSV helper thread)' : ` (one thread: the worker shares files with its CSV helper from ${HELPER_MIN_CORES} processors on, and this machine has ${availableParallelism()})`;
const helperNote = (onHelper: boolean): string => (onHelper ? ' (loss graph on the helper thread)' : ' (loss graph on the worker\'s thread)');

/** The results table (markdown), figures with their ratio to the baselines of the same run. */
export function resultsTable(rows: readonly SizeResult[]): string {
  const head = ['', ...rows.map((r) => r.label)];
  const line = (name: string, f: (r: SizeResult) => string): string[] => [name, ...rows.map(f)];
  const body: string[][] = [
    line('generate (CSV written)', (r) => `${f0(r.generateMs)} ms, ${f1(r.m.csvMb)} MB`),
    line('CSV import (parse + validate + Arrow tables): first', (r) => `${f0(r.m.importMs)} ms = ${f0(r.m.csvMb / (r.m.importMs / 1000))} MB/s`),
    line('CSV import: best of 3', (r) => `${f0(r.m.importBestMs)} ms = ${f0(r.m.csvMb / (r.m.importBestMs / 1000))} MB/s`),
    line('CSV import with the helper thread (from 32 MB of CSV; warmed as after a preview): first', (r) => rate(r.m.importTwoMs, r.m.csvMb)),
    line('CSV import with the helper thread: best of 3', (r) => rate(r.m.importTwoBestMs, r.m.csvMb)),
    line('worker: CSV import via protocol after a preview (to compiling): first', (r) => `${rate(r.wi.importMs, r.m.csvMb)}${helperUse(r)}`),
    line('worker: CSV import via protocol: best of 3', (r) => rate(r.wi.importBestMs, r.m.csvMb)),
    line('worker: CSV import via protocol without a preview (one thread): best of 3', (r) => rate(r.wi.aloneBestMs, r.m.csvMb)),
    line('open (compile + hash)', (r) => `${f0(r.m.openMs)} ms (compile alone ${f0(r.m.compileMs)} ms)`),
    line('run, simulation only (first in the process)', (r) => `${f0(r.m.runMs)} ms`),
    line(`run again: best of ${AGAIN_RUNS} more`, (r) => `${f0(r.m.runWarmMs)} ms`),
    line(`run again with the loss graph built on the helper thread while the steps run: best of ${AGAIN_RUNS}, alternated with those`, (r) => (r.m.runHelperMs === null ? 'not measured (no helper bundle)' : `${f0(r.m.runHelperMs)} ms (steps done at ${f0(r.m.runHelperStepsMs ?? NaN)} ms; then the last ${r.m.runHelperTailSteps ?? 0} of ${r.m.steps} steps' edges built on this thread while the helper finished the others)`)),
    line('steps run (converged)', (r) => `${r.m.steps} (${r.m.converged ? 'yes' : 'no'})`),
    line('ms per step', (r) => f1(r.m.runMs / r.m.steps)),
    line('step: median / slowest', (r) => `${f1(r.m.stepMedianMs)} / ${f0(r.m.stepMaxMs)} ms`),
    line('run without the loss graph: best of one before those and one after', (r) => `${f0(r.m.runNoLossMs)} ms`),
    line('step time fitted as fixed + per liquidation (least squares over the steps of a later run): full / without the loss graph', (r) => `${f1(r.m.fit.fixedMs)} ms + ${f1(r.m.fit.perLiquidationUs)} µs·L (R² ${r.m.fit.r2.toFixed(2)}) / ${f1(r.m.fitNoLoss.fixedMs)} ms + ${f1(r.m.fitNoLoss.perLiquidationUs)} µs·L (R² ${r.m.fitNoLoss.r2.toFixed(2)})`),
    line('liquidations / defaults', (r) => `${f0(r.m.liquidations)} / ${r.m.defaults}`),
    line(`summary (contagion paths of every node): first / best of ${AGAIN_RUNS} again`, (r) => `${f0(r.m.summarizeMs)} / ${f0(r.m.summarizeAgainMs)} ms`),
    line("result tables as CSV (as the CLI's --out and the app's export write them), once", (r) => `${f0(r.m.csvOut.ms)} ms for ${f1(r.m.csvOut.mb)} MB = ${f0(r.m.csvOut.mb / (r.m.csvOut.ms / 1000))} MB/s`),
    line('floor: stream position bytes (4 acc.)', (r) => `${r.m.floor.ms.toFixed(2)} ms (${f1(r.m.floor.rate)} GB/s)`),
    line('naive full pass (health + seizure)', (r) => `${r.m.naive.ms.toFixed(2)} ms`),
    line('ms per step ÷ floor', (r) => `${f0(r.m.runMs / r.m.steps / r.m.floor.ms)}×`),
    line('ms per step ÷ naive pass', (r) => `${f1(r.m.runMs / r.m.steps / r.m.naive.ms)}×`),
    line('whole run ÷ naive pass', (r) => `${f0(r.m.runMs / r.m.naive.ms)}×`),
    line('output floor: write the run\'s result rows and loss edges into new typed arrays, nothing computed', (r) => `${f1(r.m.output.ms)} ms (${f0(r.m.output.values)} values)`),
    line('run again ÷ output floor', (r) => `${f1(r.m.runWarmMs / r.m.output.ms)}×`),
    line('worker: import via protocol', (r) => `${f0(r.w.importMs)} ms`),
    line('worker: RSS holding workspace (in the bench process, which lends it memory freed by the measurements before)', (r) => `${f0(r.w.holdingMb)} MB`),
    line('worker: RSS holding workspace, measured from a fresh process (peak import / run)', (r) => `${f0(r.fresh.holdingMb)} MB (${f0(r.fresh.importPeakMb)} / ${f0(r.fresh.runPeakMb)} MB)`),
    line('worker: the same a second later, its loss-graph helper thread started and warmed up', (r) => `${f0(r.fresh.holdingHelperMb)} MB`),
    line('worker: peak RSS import / run', (r) => `${f0(r.w.importPeakMb)} / ${f0(r.w.runPeakMb)} MB`),
    line('worker: sim.run runMs, first in a fresh worker', (r) => `${f0(r.w.runMs)} ms${helperNote(r.w.onHelper)}`),
    line('worker: warm-up while idle after start (steps, ms of work; event after)', (r) => `${f0(r.ww.warmSteps)} steps, ${f0(r.ww.warmMs)} ms; ${f0(r.ww.untilWarmMs)} ms`),
    line('worker: after its warm-up, import via protocol (no preview) / first sim.run runMs', (r) => `${f0(r.ww.importMs)} ms / ${f0(r.ww.runMs)} ms${helperNote(r.ww.onHelper)}`),
    line('worker: then runs in a row as the app makes them, each kept by the engine (up to 8 runs or 1 GB of results: the last of these let the oldest go): runMs of each', (r) => `${r.ww.rowRunMs.map(f0).join(', ')} ms`),
    line('worker: the same runs from request to answer (summary with its paths, and its transfer, included)', (r) => `${r.ww.rowAnswerMs.map(f0).join(', ')} ms`),
  ];
  const all = [head, head.map(() => '---'), ...body];
  return all.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export interface Target {
  what: string;
  target: string;
  measured: string;
  met: boolean;
}

/** The targets of the brief against the largest size measured. */
export function targets(r: SizeResult): Target[] {
  const mbs = r.m.csvMb / (r.m.importBestMs / 1000);
  const first = r.m.csvMb / (r.m.importMs / 1000);
  return [
    {
      what: `${r.label}: run, total`,
      target: '< 150 ms',
      measured: `${f0(r.m.runMs)} ms first, ${f0(r.m.runWarmMs)} ms again${r.m.runHelperMs === null ? '' : `, ${f0(r.m.runHelperMs)} ms again with the loss graph on the helper thread`}; in the engine worker ${f0(r.w.runMs)} ms first in a fresh worker, ${f0(r.ww.runMs)} ms first after its warm-up${r.ww.rowRunMs.length ? `, then ${f0(Math.min(...r.ww.rowRunMs))}–${f0(Math.max(...r.ww.rowRunMs))} ms in a row` : ''}`,
      met: r.m.runMs < 150,
    },
    csvTarget(r, mbs, first),
    {
      what: `${r.label}: worker holding the workspace`,
      target: '< 400 MB',
      measured: `${f0(r.w.holdingMb)} MB in the bench process (peak ${f0(Math.max(r.w.importPeakMb, r.w.runPeakMb))} MB); ${f0(r.fresh.holdingMb)} MB measured from a fresh process`,
      met: Math.max(r.w.holdingMb, r.fresh.holdingMb) < 400,
    },
  ];
}

/** The import as the app makes it: in the engine worker, after a preview, best of three; the in-process figures beside it. */
function csvTarget(r: SizeResult, oneBest: number, oneFirst: number): Target {
  const what = `${r.label}: CSV import of the whole workspace (${f1(r.m.csvMb)} MB: parse + validate + Arrow tables), best of 3`;
  const worker = r.m.csvMb / (r.wi.importBestMs / 1000);
  const first = r.m.csvMb / (r.wi.importMs / 1000);
  const alone = r.m.csvMb / (r.wi.aloneBestMs / 1000);
  const two = r.m.importTwoBestMs === null ? 'not measured' : `${f0(r.m.csvMb / (r.m.importTwoBestMs / 1000))} MB/s`;
  return {
    what,
    target: '≥ 150 MB/s',
    measured: `${f0(worker)} MB/s in the engine worker after a preview, as the app imports, ${r.wi.helperUsed ? 'with the CSV helper thread' : 'on one thread on this machine'} (first ${f0(first)} MB/s; the same worker on one thread ${f0(alone)} MB/s); in the bench process ${two} with the helper, ${f0(oneBest)} MB/s on one thread (first ${f0(oneFirst)} MB/s)`,
    met: worker >= 150,
  };
}

export function consoleText(rows: readonly SizeResult[]): string {
  const t = rows.length ? targets(rows[rows.length - 1] as SizeResult) : [];
  return `${resultsTable(rows)}\n\nTargets:\n${t.map((x) => `  ${x.met ? 'met   ' : 'MISSED'}  ${x.what}: ${x.measured} (target ${x.target})`).join('\n')}\n`;
}
