import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from '../engine/node/generate';
import { readWorkspaceFolder } from '../engine/node/read-folder';
import { loadLatency } from './bench-baselines';
import { measureInProcess } from './bench-measure';
import { consoleText, resultsTable, targets, type SizeResult } from './bench-report';
import { measureWarmWorker, measureWorker, measureWorkerImports, type WorkerMemory } from './bench-worker';
import { benchAnalysis } from './bench-analysis';
import { formatsSection } from './bench-formats';
import { compareParsers } from './bench-papaparse';

// `npm run bench` (node --expose-gc dist/node/bench.mjs [--sizes 100000,1000000] [--no-write] [--no-analysis]).
const SEED = 1;

function sizesFromArgs(): number[] {
  const i = process.argv.indexOf('--sizes');
  const text = i >= 0 ? process.argv[i + 1] : undefined;
  if (!text) return [100_000, 1_000_000];
  return text.split(',').map((s) => Number(s.replace(/_/g, '')));
}

function machine(): { date: string; cpu: string; cores: number; node: string } {
  let cpu = 'unknown';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux: keep "unknown"
  }
  let date = new Date().toISOString();
  try {
    date = execSync('date', { encoding: 'utf8' }).trim();
  } catch {
    // no date(1): keep the ISO date
  }
  return { date, cpu, cores: availableParallelism(), node: process.version };
}

async function main(): Promise<void> {
  if (!(globalThis as { gc?: unknown }).gc) console.warn('bench: run with --expose-gc (npm run bench does) for steadier memory figures');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const workerUrl = new URL('./worker.mjs', import.meta.url);
  const tmp = mkdtempSync(join(tmpdir(), 'firebreak-bench-'));
  const rows: SizeResult[] = [];
  let parser = '';
  let formats = '';
  const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
  try {
    // Everything measured in this process first: sending files to a worker transfers (detaches)
    // their buffers, and V8's typed-array access is slower for good in an isolate after its
    // first detach (see engine/serve.ts), which would slow every in-process figure after it.
    const sized: { n: number; label: string; generateMs: number; scenario: unknown; tableFiles: Awaited<ReturnType<typeof readWorkspaceFolder>>; m: SizeResult['m'] }[] = [];
    for (const n of sizesFromArgs()) {
      const label = n >= 1_000_000 ? `${n / 1_000_000}M positions` : `${n / 1000}k positions`;
      const dir = join(tmp, String(n));
      let t = performance.now();
      const g = generateWorkspace(dir, { positions: n, seed: SEED });
      if (!g.ok) throw new Error(g.error);
      const generateMs = performance.now() - t;
      const scenario = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')) as unknown;
      const tableFiles = (await readWorkspaceFolder(dir)).filter((f) => f.name.endsWith('.csv'));
      console.log(`bench: ${label}: generated in ${Math.round(generateMs)} ms; measuring in process…`);
      t = performance.now();
      const m = await measureInProcess(tableFiles, scenario);
      console.log(`bench: ${label}: done in ${Math.round(performance.now() - t)} ms`);
      sized.push({ n, label, generateMs, scenario, tableFiles, m });
      if (n === Math.max(...sizesFromArgs())) parser = parserSection(new Uint8Array(readFileSync(join(dir, 'positions.csv'))));
      gc();
    }
    formats = await formatsSection(Math.max(...sizesFromArgs()));
    gc();
    for (const { n, label, generateMs, scenario, tableFiles, m } of sized) {
      console.log(`bench: ${label}: measuring the worker…`);
      const w = await measureWorker(workerUrl, tableFiles, scenario);
      gc();
      const wi = await measureWorkerImports(workerUrl, tableFiles);
      gc();
      const ww = await measureWarmWorker(workerUrl, tableFiles, scenario);
      gc();
      const fresh = memoryInFreshProcess(join(tmp, String(n)));
      rows.push({ label, generateMs, m, w, wi, ww, fresh });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const latency = loadLatency();
  const latencyText = latency.map((l) => `${l.ns.toFixed(0)} ns within ${l.bytes >> 20} MB`).join(', ');
  const text = consoleText(rows);
  console.log(`\n${text}\n  memory latency (dependent random loads): ${latencyText}`);
  if (process.argv.includes('--no-write')) return;
  const mc = machine();
  const last = rows[rows.length - 1];
  const md = [
    '# Benchmark results',
    '',
    `Date: ${mc.date}  `,
    `Machine: ${mc.cores} cores (nproc), ${mc.cpu}, Node ${mc.node}  `,
    `Memory latency (a chain of dependent random loads, measured in this run): ${latencyText}  `,
    `Command: \`npm run bench\` (bench/bench.ts; workspaces from \`firebreak generate\`, seed ${SEED}, and their benchmark scenario)`,
    '',
    'Every figure is measured in one run; the baselines run in the same process on the same positions:',
    '- **floor**: one pass over as many bytes as the position columns a step reads (5 float64 + 4 int32 = 56 bytes per position) as float64 with four accumulators;',
    '- **naive pass**: every position once at −30% prices, health plus seizure arithmetic with per-asset flow sums (no index, no oracles, no recording).',
    "- **output floor**: as many values as the full run recorded (its result tables and loss edges), written column by column into new typed arrays with nothing computed: what delivering the run's outputs alone costs.",
    '',
    'Timed measurements are not preceded by a forced `gc()`: in V8 it drops the optimised code of the hot loops (traced with `--trace-opt`: the CSV reader\'s and the engine\'s loops are compiled again after it), so a figure taken right after it is partly unoptimised code — measured 2026-11-30 in one process on the 1M workspace: runs 690–750 ms after `gc()` against 500–580 ms without, imports 490–550 against 416–438 ms. The engine worker never forces a collection; the ordinary ones V8 runs during a run leave that code alone. `gc()` still comes before memory measurements.',
    '',
    "A run's time counts from compiling its plan and making the simulation (its starting point and state: ~7–20 ms at 1M, left out of the figures before 2026-11-30 20:10) to its end; the clearing before any event that every run's starting point shares is made when the workspace is opened, for the default options (since 2026-12-02: ~30 ms at 1M, now in the open row, and made by a run itself for other options); runs with the loss graph are timed to the graph being complete, and the engine worker's runMs counts the same (not the waits between its slices). Where the engine worker (and here the bench process) can start its loss-graph helper thread (dist/node/loss-thread.mjs; shared memory needed), the graph is built there from each step's journal while the next steps run (and once the steps are done, the simulating thread builds the last steps' edges itself, from the end down, while the helper finishes the others: each step once, by whichever thread claims it first, the graph the same bit for bit): the worker's runs use it (their rows say so), and the in-process figure \"with the loss graph built on the helper thread\" measures it beside the one-thread runs. This machine's two cores then both work on a run; the helper's memory traffic also slows the simulating thread somewhat (measured: a run without the loss graph took ~10% longer beside a CPU-bound thread and ~27% longer beside a memory-streaming one).",
    '',
    "The in-process runs drop each run before the next, and each run timed after another waits half a second first: once a helped run's graph is in, the helper prepares the next run's memory on the other core, as it does between a user's runs (timed right after a helped run, a one-thread run shared the machine with that work: 499–508 ms in the two benches of 2026-12-01 before this pause, 241–308 on its own in the same hour); the app's engine keeps its last runs (up to 8, or 1 GB of results) for its views. The worker's runs in a row keep them as the app does, each asked for as soon as the one before is answered: each new run's results are then new memory, which the system maps page by page, slowly on this VM (measured 2026-11-30 in process: a 1M run without the loss graph page-faulted ~11.2k pages with earlier runs kept — ~16.9k before the nodes table kept its slow-moving columns as their changes — and 0–3k with them dropped); since 2026-12-02 12:30 the largest of them (liquidation rows, node equity: ~25 MB at 1M) are made after each run in shared memory and paged in by the idle loss-graph helper while the worker answers, so that the next run writes into mapped memory (the first run after an import has none) — those rows show what a user running one scenario after another waits, the summary and its transfer included.",
    '',
    'Memory is the process RSS (sampled every 10 ms from the main thread) above the RSS before the engine worker started, while the worker imports the CSV files through the protocol (`workspace.import`, files transferred) and runs the scenario (`sim.run`). Measured twice: in the bench process, after everything measured before it (the worker then reuses memory the process freed, which lowers the figure), and from a fresh process that does only this (`--memory-child`), the figure the target counts.',
    '',
    resultsTable(rows),
    '',
    '## Targets',
    '',
    '| target | goal | measured | |',
    '| --- | --- | --- | --- |',
    ...(last ? targets(last).map((x) => `| ${x.what} | ${x.target} | ${x.measured} | ${x.met ? 'met' : '**missed**'} |`) : []),
    '',
    formats,
    parser,
    '## Analysis',
    '',
    'Monte Carlo, sweeps, reverse stress and DebtRank on a pool of worker threads, with the scaling from 1 to 2 workers: [RESULTS-analysis.md](RESULTS-analysis.md) (written by the same `npm run bench`).',
    '',
    '## UI',
    '',
    'The app under load in Chromium (quick shock, frames during a 1M run, the 1M-row grid): [RESULTS-ui.md](RESULTS-ui.md) (`FIREBREAK_UI_BENCH=1 npx vitest run test/e2e/ui-measure.test.ts`).',
    '',
  ].join('\n');
  writeFileSync(join(root, 'bench', 'RESULTS.md'), md);
  console.log(`bench: wrote ${join(root, 'bench', 'RESULTS.md')}`);
  if (process.argv.includes('--no-analysis')) return;
  const analysisDir = mkdtempSync(join(tmpdir(), 'firebreak-bench-analysis-'));
  try {
    const analysis = await benchAnalysis({ workerPath: fileURLToPath(workerUrl), dir: analysisDir });
    writeFileSync(join(root, 'bench', 'RESULTS-analysis.md'), analysis);
    console.log(`bench: wrote ${join(root, 'bench', 'RESULTS-analysis.md')}`);
  } finally {
    rmSync(analysisDir, { recursive: true, force: true });
  }
}

/** The CSV rule of issue 3: PapaParse unless the hand-written reader is measurably faster here. */
function parserSection(positionsCsv: Uint8Array): string {
  const c = compareParsers(positionsCsv);
  const rate = (ms: number) => `${Math.round(c.mb / (ms / 1000))} MB/s`;
  return [
    `## CSV parser: Firebreak's reader against PapaParse (positions.csv, ${c.mb.toFixed(1)} MB, ${c.rows.toLocaleString('en-US')} rows, best of 3)`,
    '',
    '| parser | time | rate | ratio |',
    '| --- | --- | --- | --- |',
    `| PapaParse 5 (\`dynamicTyping\`, rows as arrays, text decoded first) — baseline | ${Math.round(c.papaMs)} ms | ${rate(c.papaMs)} | 1.00× |`,
    `| Firebreak (bytes → Float64 columns + dictionary-encoded text) | ${Math.round(c.ownMs)} ms | ${rate(c.ownMs)} | ${(c.papaMs / c.ownMs).toFixed(2)}× faster |`,
    '',
  ].join('\n');
}

/**
 * The worker's memory measured as measureWorker does, but from a process that did nothing
 * before: in the bench process the worker reuses memory the process freed earlier, which
 * lowers the figure by tens of MB.
 */
function memoryInFreshProcess(dir: string): WorkerMemory {
  const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory-child', dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop() as string) as WorkerMemory;
}

async function memoryChild(dir: string): Promise<void> {
  const scenario = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')) as unknown;
  const tableFiles = (await readWorkspaceFolder(dir)).filter((f) => f.name.endsWith('.csv'));
  const w = await measureWorker(new URL('./worker.mjs', import.meta.url), tableFiles, scenario);
  console.log(JSON.stringify(w));
}

const child = process.argv.indexOf('--memory-child');
(child >= 0 ? memoryChild(process.argv[child + 1] as string) : main()).catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
});
