import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { InputFile, Method } from '../engine/protocol';
import { resultFromWire } from '../engine/protocol-wire';

export interface WorkerMemory {
  /** Process RSS before the worker started (after gc), MB. */
  baseMb: number;
  /** Peak RSS above the base while the worker imported and opened the workspace, MB. */
  importPeakMb: number;
  /** RSS above the base once the import answered: the worker holding the workspace, MB. */
  holdingMb: number;
  /** The same a second later, its loss-graph helper thread started and warmed up (as after any import), MB. */
  holdingHelperMb: number;
  /** Peak RSS above the base during the run, MB. */
  runPeakMb: number;
  importMs: number;
  runMs: number;
  /** True when the run's loss graph was built on the worker's helper thread. */
  onHelper: boolean;
}

const mb = (bytes: number): number => bytes / (1024 * 1024);

/**
 * Measures the engine worker (dist/node/worker.mjs) through the real protocol: workspace.preview,
 * then workspace.import with the files transferred, then sim.run. Memory is the process RSS sampled every 10 ms from
 * this thread (a worker shares the process), relative to the RSS before the worker started.
 */
/** The engine worker driven by hand: requests by id, events to a listener. */
interface BenchWorker {
  worker: Worker;
  request(method: string, args: Record<string, unknown>, transfer?: ArrayBuffer[]): Promise<Record<string, unknown>>;
}

function startWorker(workerUrl: URL, onEvent: (event: string, data: Record<string, unknown>) => void = () => undefined): BenchWorker {
  const worker = new Worker(workerUrl);
  let nextId = 1;
  const pending = new Map<number, (msg: Record<string, unknown>) => void>();
  worker.on('message', (msg: Record<string, unknown>) => {
    if (msg.type === 'res' && typeof msg.id === 'number') pending.get(msg.id)?.(msg);
    if (msg.type === 'evt' && typeof msg.event === 'string') onEvent(msg.event, (msg.data ?? {}) as Record<string, unknown>);
  });
  const request = (method: string, args: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<Record<string, unknown>> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      // Unpacked as the app's client does (a run summary crosses as columns): part of what an answer costs.
      pending.set(id, (msg) => {
        const r = msg.ok ? resultFromWire(method as Method, msg.result) : null;
        if (r?.ok) resolve(r.value as Record<string, unknown>);
        else reject(new Error(JSON.stringify(r ? r.error : msg.error).slice(0, 500)));
      });
      worker.postMessage({ type: 'req', id, method, args }, transfer);
    });
  };
  return { worker, request };
}

/** Imports timed in the engine worker: first and best of three, after a preview and without one. */
export interface WorkerImports {
  /** From the request to the end of reading and validating (the worker's `open` progress event), ms. */
  importMs: number;
  importBestMs: number;
  /** The best of three more without a preview: the worker reads on its own thread (its helper not started). */
  aloneBestMs: number;
  /** The imports after a preview shared files with the CSV helper (the worker starts it only on machines of HELPER_MIN_CORES or more). */
  helperUsed: boolean;
}

/**
 * Three imports through the protocol as the app makes them: workspace.preview of the files (the
 * worker starts its CSV helper), a pause to read it, then workspace.import with the files
 * transferred, timed to the moment the worker starts compiling the model; then three without a
 * preview, read on the worker's thread alone.
 */
export async function measureWorkerImports(workerUrl: URL, files: InputFile[]): Promise<WorkerImports> {
  let opened = Infinity;
  let helperUsed = false;
  const { worker, request } = startWorker(workerUrl, (event, data) => {
    if (event === 'workspace.progress' && data.phase === 'open') opened = performance.now();
    if (event === 'workspace.progress' && data.helper === 'shared') helperUsed = true;
  });
  const importOnce = async (): Promise<number> => {
    const own = files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
    opened = Infinity;
    const t0 = performance.now();
    await request('workspace.import', { files: own }, own.map((f) => f.bytes.buffer as ArrayBuffer));
    return opened - t0;
  };
  try {
    const helped: number[] = [];
    for (let k = 0; k < 3; k++) {
      await request('workspace.preview', { files });
      await new Promise((r) => setTimeout(r, 300));
      helped.push(await importOnce());
    }
    // The baseline in the same worker, its code as warm as for the last two above.
    const alone: number[] = [];
    const shared = helperUsed;
    for (let k = 0; k < 3; k++) alone.push(await importOnce());
    return { importMs: helped[0] as number, importBestMs: Math.min(...helped), aloneBestMs: Math.min(...alone), helperUsed: shared };
  } finally {
    await worker.terminate();
  }
}

export async function measureWorker(workerUrl: URL, files: InputFile[], scenario: unknown): Promise<WorkerMemory> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const { worker, request } = startWorker(workerUrl);
  try {
    // As in the app: the import dialog previews the files first (which starts the worker's CSV
    // helper thread), and the user reads the preview before importing.
    await request('workspace.preview', { files });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    // Own buffers, so the transfer never detaches a shared pool.
    const own = files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
    await request('workspace.import', { files: own }, own.map((f) => f.bytes.buffer as ArrayBuffer));
    const importMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 50));
    const holding = process.memoryUsage().rss;
    const importPeak = Math.max(peak, holding);
    await new Promise((r) => setTimeout(r, 1000));
    const holdingHelper = process.memoryUsage().rss;
    peak = holdingHelper;
    const run = await request('sim.run', { runId: 'bench', scenario });
    const runPeak = Math.max(peak, process.memoryUsage().rss);
    return {
      baseMb: mb(base),
      importPeakMb: mb(importPeak - base),
      holdingMb: mb(holding - base),
      holdingHelperMb: mb(holdingHelper - base),
      runPeakMb: mb(runPeak - base),
      importMs,
      runMs: typeof run.runMs === 'number' ? run.runMs : NaN,
      onHelper: run.lossesOnHelper === true,
    };
  } finally {
    clearInterval(timer);
    await worker.terminate();
  }
}

/** The first run in a worker that has warmed its code up (engine/warm-up.ts) while idle after start. */
export interface WarmWorker {
  /** The warm-up as the worker reported it: simulation steps, and ms of work in its slices. */
  warmSteps: number;
  warmMs: number;
  /** From the start of the worker to its warm-up event, ms. */
  untilWarmMs: number;
  /** workspace.import (no preview), then the first sim.run: its runMs. */
  importMs: number;
  runMs: number;
  onHelper: boolean;
  /** Then RUNS_IN_A_ROW more runs, each with a new run id as the app sends them (the engine keeps each): runMs, and ms from request to answer. */
  rowRunMs: number[];
  rowAnswerMs: number[];
}

/**
 * Runs after the first in measureWarmWorker: the engine keeps up to 8 runs or 1 GB of results
 * (serve-context.ts), so the last of these let the oldest kept run go, as a longer session does.
 */
const RUNS_IN_A_ROW = 10;

/**
 * As a user who opens the app and takes a moment before importing: the worker starts, warms up
 * once it has been quiet for a second, then imports the workspace and runs the scenario.
 */
export async function measureWarmWorker(workerUrl: URL, files: InputFile[], scenario: unknown): Promise<WarmWorker> {
  const t0 = performance.now();
  let warmed: (data: Record<string, unknown>) => void = () => undefined;
  const warm = new Promise<Record<string, unknown>>((resolve) => (warmed = resolve));
  const { worker, request } = startWorker(workerUrl, (event, data) => {
    if (event === 'engine.warm') warmed(data);
  });
  try {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no engine.warm event within 20 s')), 20_000).unref());
    const data = await Promise.race([warm, timeout]);
    if (typeof data.error === 'string') throw new Error(`the worker's warm-up failed: ${data.error}`);
    const untilWarmMs = performance.now() - t0;
    const own = files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
    const t1 = performance.now();
    await request('workspace.import', { files: own }, own.map((f) => f.bytes.buffer as ArrayBuffer));
    const importMs = performance.now() - t1;
    const run = await request('sim.run', { runId: 'bench-warm', scenario });
    const rowRunMs: number[] = [];
    const rowAnswerMs: number[] = [];
    for (let k = 0; k < RUNS_IN_A_ROW; k++) {
      const t = performance.now();
      const again = await request('sim.run', { runId: `bench-row-${k}`, scenario });
      rowAnswerMs.push(performance.now() - t);
      rowRunMs.push(typeof again.runMs === 'number' ? again.runMs : NaN);
    }
    return {
      rowRunMs,
      rowAnswerMs,
      warmSteps: Number(data.steps),
      warmMs: Number(data.ms),
      untilWarmMs,
      importMs,
      runMs: typeof run.runMs === 'number' ? run.runMs : NaN,
      onHelper: run.lossesOnHelper === true,
    };
  } finally {
    await worker.terminate();
  }
}
