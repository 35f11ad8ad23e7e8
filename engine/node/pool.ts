import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { AnalysisPool, type AnalysisPort } from '../analysis/coordinator';
import type { EngineError, Endpoint, EventName, Events } from '../protocol';
import { asWorkerMessage } from '../protocol';
import { answerFromWire } from '../protocol-wire';
import type { Result } from '../util/result';
import { serve } from '../serve';
import { WorkerClient } from './worker-client';

/** cores − 1 workers (at least 1): one core is left for the coordinator and the rest of the machine. */
export function defaultPoolSize(processors = availableParallelism()): number {
  return Math.max(1, processors - 1);
}

/**
 * The workers for `--workers` (null: the default): at most one per logical processor. More
 * give a job no speed, as each run keeps a processor busy, and each worker holds its own copy
 * of the workspace (measured 2026-12-01: a 3-point sweep of the demo with 64 workers took 28 s
 * and 3.1 GB against 0.9 s and 143 MB with one; a 1M workspace takes ~300 MB a worker).
 */
export function poolSizeFor(asked: number | null, processors = availableParallelism()): number {
  return asked === null ? defaultPoolSize(processors) : Math.min(asked, Math.max(1, processors));
}

export interface NodePool {
  pool: AnalysisPool;
  /** worker_threads, or in-process engines. */
  mode: 'threads' | 'in-process';
  size: number;
  close(): Promise<void>;
}

/** The engine worker bundle next to this file (dist/node/worker.mjs), when built. */
export function workerBundle(): string | null {
  const path = fileURLToPath(new URL('./worker.mjs', import.meta.url));
  return existsSync(path) ? path : null;
}

/** `size` engine workers on worker_threads running `bundle` (dist/node/worker.mjs). */
export function threadPool(size: number, bundle: string): NodePool {
  const clients = Array.from({ length: size }, () => WorkerClient.start(bundle));
  return {
    pool: new AnalysisPool(clients),
    mode: 'threads',
    size,
    close: async () => {
      await Promise.all(clients.map((c) => c.terminate()));
    },
  };
}

/**
 * `size` engines in this thread (tests, and the CLI when no worker bundle is built): the same
 * protocol and serve(), one message hop per turn of the event loop, no parallelism.
 */
export function inProcessPool(size: number): NodePool {
  return { pool: new AnalysisPool(Array.from({ length: size }, () => inProcessPort())), mode: 'in-process', size, close: async () => undefined };
}

function inProcessPort(): AnalysisPort {
  let toEngine: ((msg: unknown) => void) | null = null;
  let nextId = 1;
  const pending = new Map<number, (r: unknown) => void>();
  const listeners = new Map<string, Set<(data: unknown) => void>>();
  const endpoint: Endpoint = {
    post: (raw) =>
      setImmediate(() => {
        const msg = asWorkerMessage(raw);
        if (!msg) return;
        if (msg.type === 'evt') for (const cb of listeners.get(msg.event) ?? []) cb(msg.data);
        else {
          const resolve = pending.get(msg.id);
          pending.delete(msg.id);
          resolve?.(msg.ok ? { ok: true, value: msg.result } : { ok: false, error: msg.error });
        }
      }),
    onMessage: (cb) => (toEngine = cb),
  };
  serve(endpoint, { now: () => performance.now(), yieldToEvents: () => new Promise((r) => setImmediate(r)) });
  return {
    request: (method, args) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, (r) => resolve(answerFromWire(method, r as Result<unknown, EngineError>)));
        setImmediate(() => toEngine?.({ type: 'req', id, method, args }));
      }),
    on: <E extends EventName>(event: E, cb: (data: Events[E]) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const f = cb as (data: unknown) => void;
      set.add(f);
      return () => set.delete(f);
    },
  };
}

/** Worker threads when the bundle is built and more than zero are asked for, else in-process engines. */
export function startPool(size: number): NodePool {
  const bundle = workerBundle();
  return size > 0 && bundle ? threadPool(size, bundle) : inProcessPool(Math.max(1, size));
}
