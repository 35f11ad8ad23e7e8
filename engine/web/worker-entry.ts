// Binds the transport-free engine to a Web Worker. Declared locally: the engine's tsconfig has no DOM types.
import type { Endpoint } from '../protocol';
import { serve } from '../serve';
import { lossThreadClient } from '../losses/loss-thread';
import type { HelperThread } from '../util/helper-slot';
import { splitMinBytes } from '../workspace/csv-part';
import { csvPartClient } from '../workspace/csv-part-serve';
import { provideParquetWasm } from '../workspace/parquet-wasm';
// parquet-wasm's WebAssembly, emitted into the bundle by Vite and read from the app's own files (never the network).
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

interface Port {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
}
interface WorkerScope {
  postMessage(message: unknown, options: { transfer: ArrayBuffer[] }): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
declare const self: WorkerScope;
declare const performance: { now(): number };
declare const MessageChannel: new () => { port1: Port; port2: Port };
interface NestedWorker {
  postMessage(message: unknown, options: { transfer: ArrayBuffer[] }): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown }) => void): void;
  terminate(): void;
}
declare const Worker: (new (url: URL, options: { type: 'module'; name: string }) => NestedWorker) | undefined;
declare function fetch(url: string): Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

provideParquetWasm(() =>
  fetch(parquetWasmUrl).then((r) => {
    if (!r.ok) throw new Error(`the bundled decoder is missing (HTTP ${r.status})`);
    return r.arrayBuffer();
  }),
);

const endpoint: Endpoint = {
  post: (msg, transfer = []) => self.postMessage(msg, { transfer }),
  onMessage: (cb) => self.addEventListener('message', (event) => cb(event.data)),
};

// A macrotask yield (not setTimeout, which is clamped) so cancel and progress get through long runs.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToEvents = (): Promise<void> =>
  new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

/** A nested worker for the second part of large CSV files (where the browser has nested workers). */
function partThread(): HelperThread | null {
  if (typeof Worker === 'undefined') return null;
  return nested(new Worker(new URL('./csv-part-entry.ts', import.meta.url), { type: 'module', name: 'firebreak-csv-part' }));
}

/** A nested worker that builds runs' loss graphs (where the browser has nested workers). */
function lossThread(): HelperThread | null {
  if (typeof Worker === 'undefined') return null;
  return nested(new Worker(new URL('./loss-thread-entry.ts', import.meta.url), { type: 'module', name: 'firebreak-loss-graph' }));
}

function nested(w: NestedWorker): HelperThread {
  return {
    post: (msg, transfer) => w.postMessage(msg, { transfer }),
    onMessage: (cb) => w.addEventListener('message', (event) => cb(event.data)),
    onFailure: (cb) => {
      w.addEventListener('error', cb);
      w.addEventListener('messageerror', cb);
    },
    terminate: () => w.terminate(),
  };
}

const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
serve(endpoint, { now: () => performance.now(), yieldToEvents, csvParts: csvPartClient(partThread, splitMinBytes(cores)), lossThreads: lossThreadClient(lossThread, { now: () => performance.now() }), warmUp: true });
