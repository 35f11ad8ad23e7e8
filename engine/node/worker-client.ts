import { Worker } from 'node:worker_threads';
import { answerFromWire } from '../protocol-wire';
import {
  asWorkerMessage,
  type EngineError,
  type EventName,
  type Events,
  type Method,
  type Requests,
} from '../protocol';
import type { Result } from '../util/result';

/**
 * The protocol's client side over a worker_threads Worker running dist/node/worker.mjs (or any
 * bundle of engine/node/worker-entry.ts): typed requests with ids, events by name.
 */
export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown, EngineError>) => void>();
  private readonly listeners = new Map<string, Set<(data: unknown) => void>>();

  constructor(readonly worker: Worker) {
    worker.on('message', (raw: unknown) => {
      const msg = asWorkerMessage(raw);
      if (!msg) return;
      if (msg.type === 'evt') {
        for (const cb of this.listeners.get(msg.event) ?? []) cb(msg.data);
        return;
      }
      const resolve = this.pending.get(msg.id);
      if (!resolve) return;
      this.pending.delete(msg.id);
      resolve(msg.ok ? { ok: true, value: msg.result } : { ok: false, error: msg.error });
    });
    worker.on('error', (e: Error) => {
      for (const resolve of this.pending.values()) resolve({ ok: false, error: { kind: 'internal', message: e.message } });
      this.pending.clear();
    });
  }

  /** `workerData` reaches worker-entry (e.g. `{ csvHelper: 'always' }`). */
  static start(bundlePath: string, workerData?: unknown): WorkerClient {
    return new WorkerClient(new Worker(bundlePath, workerData === undefined ? {} : { workerData }));
  }

  request<M extends Method>(method: M, args: Requests[M]['args'], transfer?: ArrayBuffer[]): Promise<Result<Requests[M]['result'], EngineError>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (r) => resolve(answerFromWire(method, r)));
      this.worker.postMessage({ type: 'req', id, method, args }, transfer ?? []);
    });
  }

  on<E extends EventName>(event: E, cb: (data: Events[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    const f = cb as (data: unknown) => void;
    set.add(f);
    return () => set.delete(f);
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}
