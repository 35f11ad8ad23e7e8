import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { lossThreadClient, type LossThreads } from '../losses/loss-thread';
import type { HelperThread } from '../util/helper-slot';

/** A helper bundle next to this file (dist/node/<name>), when built. */
export function helperBundle(name: string): string | null {
  const path = fileURLToPath(new URL(`./${name}`, import.meta.url));
  return existsSync(path) ? path : null;
}

/** A worker thread running `bundle`, as the engine's helpers use it; it never keeps the process alive. */
export function nodeHelperThread(bundle: string): HelperThread {
  const w = new Worker(bundle);
  w.unref();
  return {
    post: (msg, transfer) => w.postMessage(msg, transfer),
    onMessage: (cb) => w.on('message', cb),
    onFailure: (cb) => {
      w.on('error', cb);
      w.on('exit', cb);
    },
    terminate: () => void w.terminate(),
  };
}

/** The loss-graph helper on a worker thread (dist/node/loss-thread.mjs), when that bundle is built. */
export function nodeLossThreads(): LossThreads | null {
  const bundle = helperBundle('loss-thread.mjs');
  return bundle ? lossThreadClient(() => nodeHelperThread(bundle), { now: () => performance.now() }) : null;
}
