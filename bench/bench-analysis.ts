import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AnalysisPool, Job } from '../engine/analysis/coordinator';
import { generateWorkspace } from '../engine/node/generate';
import { threadPool } from '../engine/node/pool';
import { readWorkspaceFolder } from '../engine/node/read-folder';
import type { InputFile } from '../engine/protocol';

/**
 * Analysis benchmarks (issue 7): 1,000 Monte Carlo draws on the 100k-position workspace of
 * `firebreak generate` with 1 and 2 worker threads (results must be identical), plus a sweep,
 * a reverse stress test and DebtRank. `benchAnalysis` returns the markdown of
 * bench/RESULTS-analysis.md; bench.ts calls it with its own worker bundle.
 */

const ASSETS = ['ETH', 'stETH', 'BTC', 'wBTC', 'SOL', 'LINK', 'UNI', 'ARB', 'LDO', 'PEPE'];
const VOLS = [0.12, 0.121, 0.09, 0.091, 0.18, 0.2, 0.2, 0.25, 0.25, 0.35];
/** Loadings on a market, an ether and a bitcoin factor: a correlation matrix that is positive definite by construction. */
const LOADINGS: number[][] = [[0.85, 0.5, 0], [0.85, 0.5, 0], [0.85, 0, 0.5], [0.85, 0, 0.5], [0.8, 0, 0], [0.7, 0, 0], [0.7, 0, 0], [0.7, 0, 0], [0.7, 0, 0], [0.55, 0, 0]];

export function benchMonteCarloSpec(draws: number): Record<string, unknown> {
  const correlation = LOADINGS.map((a, i) => LOADINGS.map((b, j) => (i === j ? 1 : Math.round(a.reduce((s, x, k) => s + x * (b[k] as number), 0) * 1e6) / 1e6)));
  return {
    scenario: { name: 'No event: the draws are the shock', steps: 40, events: [] },
    draws,
    seed: 20261130,
    assets: ASSETS,
    vols: VOLS,
    correlation,
    nu: 4,
    jumps: { probability: 0.03, mean: -0.2, vol: 0.1, scope: 'market' },
    worst: 5,
  };
}

interface Timed<T> {
  ms: number;
  /** CPU time of the whole process (every thread) meanwhile: what the work costs whatever else runs on the machine. */
  cpuMs: number;
  value: T;
}

async function timed<T>(job: Job<T>): Promise<Timed<T>> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await job.result;
  if (!r.ok) throw new Error(r.error.message);
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, value: r.value };
}

async function withPool<T>(size: number, workerPath: string, files: InputFile[], work: (pool: AnalysisPool) => Promise<T>): Promise<T & { importMs: number }> {
  const p = threadPool(size, workerPath);
  try {
    const t0 = performance.now();
    const imported = await p.pool.importWorkspace(files);
    if (!imported.ok) throw new Error(imported.error.message);
    const importMs = performance.now() - t0;
    return { ...(await work(p.pool)), importMs };
  } finally {
    await p.close();
  }
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '—';
  } catch {
    return '—';
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const stripTimings = (v: unknown) => JSON.stringify(v);

export interface AnalysisBenchOptions {
  /** The engine worker bundle (dist/node/worker.mjs). */
  workerPath: string;
  /** A workspace folder; generated (100k positions, seed 1) when missing. */
  dir: string;
  draws?: number;
  log?: (line: string) => void;
}

export async function benchAnalysis(o: AnalysisBenchOptions): Promise<string> {
  const log = o.log ?? ((line: string) => console.log(line));
  const draws = o.draws ?? 1000;
  if (!existsSync(join(o.dir, 'positions.csv'))) {
    const g = generateWorkspace(o.dir, { positions: 100_000, seed: 1 });
    if (!g.ok) throw new Error(g.error);
  }
  const files = (await readWorkspaceFolder(o.dir)).filter((f) => f.name.endsWith('.csv'));
  const positions = readFileSync(join(o.dir, 'positions.csv'), 'utf8').split('\n').length - 2 + (existsSync(join(o.dir, 'perps.csv')) ? readFileSync(join(o.dir, 'perps.csv'), 'utf8').split('\n').length - 2 : 0);
  const spec = benchMonteCarloSpec(draws);

  const mc: Record<number, Timed<unknown> & { importMs: number }> = {};
  const loads: Record<number, string> = {};
  for (const size of [1, 2]) {
    log(`bench-analysis: ${draws} Monte Carlo draws on ${size} worker(s)…`);
    mc[size] = await withPool(size, o.workerPath, files, (pool) => timed(pool.monteCarlo(spec)));
    loads[size] = loadAverage();
    log(`bench-analysis:   ${s(mc[size].ms)} (CPU ${s(mc[size].cpuMs)}, load ${loads[size]})`);
  }
  const [load1, load2] = [loads[1], loads[2]];
  const identical = stripTimings(mc[1]?.value) === stripTimings(mc[2]?.value);
  const result = mc[2]?.value as { total_bad_debt_usd: { var99: number; es99: number }; total_liquidated_usd: { var99: number } };

  log('bench-analysis: sweep, reverse stress test, DebtRank on 2 workers…');
  const scenario = JSON.parse(readFileSync(join(o.dir, 'scenario.json'), 'utf8')) as unknown;
  const other = await withPool(2, o.workerPath, files, async (pool) => ({
    sweep: await timed(pool.sweep({ scenario, axes: [{ parameter: 'event[0,1,2,3,4].change', from: -0.05, to: -0.4, points: 16 }] })),
    reverse: await timed(pool.reverse({ scenario: { name: 'none', steps: 40, events: [] }, shock: { kind: 'assets', assets: ['ETH', 'stETH', 'BTC', 'wBTC', 'SOL'] }, target: { kind: 'total_bad_debt', above: 10_000_000 }, tolerance: 0.0005 })),
    debtrank: await timed(pool.debtRank({ name: 'CEX A hack', steps: 40, events: [{ type: 'external_loss', node: 'cex-a', fraction: 0.5, at: 0 }] })),
  }));
  const rev = other.reverse.value as { threshold: number | null; evaluations: unknown[] };

  let date = new Date().toISOString();
  try {
    date = execSync('date', { encoding: 'utf8' }).trim();
  } catch {
    // keep the ISO date
  }
  let cpu = 'unknown';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux
  }
  const m1 = mc[1] as Timed<unknown> & { importMs: number };
  const m2 = mc[2] as Timed<unknown> & { importMs: number };
  return [
    '# Analysis benchmarks (issue 7)',
    '',
    `Date: ${date}  `,
    `Machine: ${availableParallelism()} cores (nproc), ${cpu}, Node ${process.version}  `,
    `Workspace: \`firebreak generate --positions 100000 --seed 1\` (${positions.toLocaleString('en-US')} positions incl. perps, 2,000 nodes)  `,
    'Command: bench/bench-analysis.ts (`benchAnalysis`), worker_threads running dist/node/worker.mjs; times are the coordinator’s wall clock from the first request to the merged result, after every worker imported the workspace. The machine is shared: a load average above the core count means other processes took CPU meanwhile, and the CPU time (every thread of this process) is the figure that does not depend on them.',
    '',
    `Monte Carlo spec: ${draws.toLocaleString('en-US')} draws, seed 20261130, shocks at step 0 to ${ASSETS.join(', ')}; vols ${VOLS.join(', ')} (log return over the horizon); correlation from a market/ether/bitcoin factor model (ETH–stETH 0.97, ETH–BTC 0.72); Student-t ν = 4; market jumps with probability 3%, mean −20%, vol 10%; 40 steps, no other event; each draw a full cascade without the loss graph.`,
    '',
    '| | 1 worker | 2 workers |',
    '| --- | --- | --- |',
    `| ${draws.toLocaleString('en-US')} draws, 100k positions | ${s(m1.ms)} (${(m1.ms / draws).toFixed(1)} ms/draw) | ${s(m2.ms)} (${(m2.ms / draws).toFixed(1)} ms/draw) |`,
    `| CPU time, all threads | ${s(m1.cpuMs)} | ${s(m2.cpuMs)} |`,
    `| speed-up | 1.00× | ${(m1.ms / m2.ms).toFixed(2)}× |`,
    `| load average (1 min) at the end | ${load1 ?? '—'} | ${load2 ?? '—'} |`,
    `| workspace import into the pool | ${s(m1.importMs)} | ${s(m2.importMs)} |`,
    `| results identical | | ${identical ? 'yes (every number and table byte)' : '**NO**'} |`,
    '',
    `Bad debt VaR 99% ${Math.round(result.total_bad_debt_usd.var99).toLocaleString('en-US')} USD, ES 99% ${Math.round(result.total_bad_debt_usd.es99).toLocaleString('en-US')} USD; liquidations at risk (VaR 99%) ${Math.round(result.total_liquidated_usd.var99).toLocaleString('en-US')} USD.`,
    '',
    '| other analyses on 2 workers | time |',
    '| --- | --- |',
    `| 1-D sweep of the benchmark scenario's five price shocks, 16 points | ${s(other.sweep.ms)} |`,
    `| reverse stress test: uniform drop of the majors until bad debt > 10M USD (${rev.evaluations.length} runs, threshold ${rev.threshold === null ? '—' : `−${(rev.threshold * 100).toFixed(2)}%`}) | ${s(other.reverse.ms)} |`,
    `| DebtRank + linear DebtRank (CEX A loses half its external assets) | ${other.debtrank.ms.toFixed(0)} ms |`,
    '',
    '## Target',
    '',
    '| target | goal | measured | |',
    '| --- | --- | --- | --- |',
    `| 1,000 draws on 100k positions | < 30 s | ${s(m1.ms)} (1 worker = cores − 1 here), ${s(m2.ms)} (2 workers) | ${m1.ms < 30_000 ? 'met' : '**missed**'} |`,
    '',
  ].join('\n');
}

// Standalone: node <bundle> [--worker dist/node/worker.mjs] [--dir /tmp/g100k] [--draws N] [--write bench/RESULTS-analysis.md]
if (process.argv[1]?.endsWith('bench-analysis.mjs')) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
  };
  benchAnalysis({ workerPath: resolve(arg('worker', 'dist/node/worker.mjs')), dir: arg('dir', '/tmp/g100k'), draws: Number(arg('draws', '1000')) }).then(
    (md) => {
      const out = arg('write', '');
      if (out) writeFileSync(out, md);
      console.log(`\n${md}`);
    },
    (e: unknown) => {
      console.error(`bench-analysis: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exitCode = 1;
    },
  );
}
