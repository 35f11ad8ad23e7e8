/**
 * The renderer's only runtime door to the engine: a Web Worker spoken to in the typed protocol
 * of engine/protocol.ts. Every request resolves to a Result; a dead worker fails its requests.
 */
import { asWorkerMessage, PROTOCOL_VERSION, type EngineError, type EventName, type Events, type InputFile, type Method, type Requests } from '../engine/protocol';
import { answerFromWire } from '../engine/protocol-wire';
import type { Result } from '../engine/util/result';

export type EngineResult<M extends Method> = Result<Requests[M]['result'], EngineError>;

/** A message transport to the engine (a Worker in the app, a fake in tests). */
export interface EnginePort {
  post(message: unknown, transfer: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once if the transport dies (the worker failed to load or crashed). */
  onFailure(listener: (detail: string) => void): void;
  close(): void;
}

export interface EngineClient {
  request<M extends Method>(method: M, args: Requests[M]['args'], transfer?: ArrayBuffer[]): Promise<EngineResult<M>>;
  on<E extends EventName>(event: E, listener: (data: Events[E]) => void): () => void;
  close(): void;
}

export { PROTOCOL_VERSION };
export type { EngineError, Events, InputFile, Requests };
// Schema and scenario constants the UI shows (table names, column units, event types): data, not logic.
export { SCHEMA, TABLE_NAMES, type TableName } from '../engine/workspace/schema';
export { DEFAULT_OPTIONS, DEFAULT_STEPS, EVENT_TYPES } from '../engine/scenario/scenario';
export { RESULT_TABLES } from '../engine/protocol';
// The analysis coordinator runs in the window: it splits jobs into shards over a pool of engine workers.
export { AnalysisPool, type AnalysisPort, type Job } from '../engine/analysis/coordinator';
export { SCALAR_KPIS, type ScalarKpi } from '../engine/analysis/run-kpis';

type Pending = (result: Result<unknown, EngineError>) => void;

export function createEngineClient(port: EnginePort): EngineClient {
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(data: unknown) => void>>();
  let nextId = 1;
  let dead: EngineError | null = null;

  const failAll = (error: EngineError): void => {
    dead = error;
    for (const settle of pending.values()) settle({ ok: false, error });
    pending.clear();
  };

  port.onMessage((raw) => {
    const msg = asWorkerMessage(raw);
    if (msg === null) return;
    if (msg.type === 'evt') {
      for (const listener of listeners.get(msg.event) ?? []) listener(msg.data);
      return;
    }
    const settle = pending.get(msg.id);
    if (settle === undefined) return;
    pending.delete(msg.id);
    settle(msg.ok ? { ok: true, value: msg.result } : { ok: false, error: msg.error });
  });
  port.onFailure((detail) => {
    console.error('[engine] worker failed:', detail);
    failAll({ kind: 'internal', message: 'The engine stopped unexpectedly. Reload the window to start it again.' });
  });

  return {
    request<M extends Method>(method: M, args: Requests[M]['args'], transfer: ArrayBuffer[] = []): Promise<EngineResult<M>> {
      if (dead !== null) return Promise.resolve({ ok: false, error: dead });
      const id = nextId++;
      return new Promise<EngineResult<M>>((resolve) => {
        pending.set(id, (r) => resolve(answerFromWire(method, r)));
        try {
          port.post({ type: 'req', id, method, args }, transfer);
        } catch (error) {
          pending.delete(id);
          console.error('[engine] could not send', method, error);
          resolve({ ok: false, error: { kind: 'invalid-request', message: `Could not send "${method}" to the engine.` } });
        }
      });
    },
    on<E extends EventName>(event: E, listener: (data: Events[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      const untyped = listener as (data: unknown) => void;
      set.add(untyped);
      listeners.set(event, set);
      return () => {
        set.delete(untyped);
      };
    },
    close(): void {
      port.close();
      failAll({ kind: 'cancelled', message: 'The engine was closed.' });
    },
  };
}

/** The distinct buffers under `files`, to transfer rather than copy them (the views become unusable). */
export function transferListOf(files: readonly InputFile[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const file of files) if (file.bytes.buffer instanceof ArrayBuffer) buffers.add(file.bytes.buffer);
  return [...buffers];
}

export function workerPort(worker: Worker): EnginePort {
  return {
    post: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (listener) => worker.addEventListener('message', (event: MessageEvent<unknown>) => listener(event.data)),
    onFailure: (listener) => {
      let failed = false;
      const once = (detail: string): void => {
        if (failed) return;
        failed = true;
        // An uncaught error leaves the worker in an unknown state: treat it as gone.
        worker.terminate();
        listener(detail);
      };
      worker.addEventListener('error', (event: ErrorEvent) => once(event.message || 'the worker script could not load'));
      worker.addEventListener('messageerror', () => once('a message from the engine could not be read'));
    },
    close: () => worker.terminate(),
  };
}

/** Starts the engine worker from the bundle (a module worker: same origin, allowed by the CSP). */
export function startEngine(name = 'firebreak-engine'): EngineClient {
  const worker = new Worker(new URL('../engine/web/worker-entry.ts', import.meta.url), { type: 'module', name });
  return createEngineClient(workerPort(worker));
}
