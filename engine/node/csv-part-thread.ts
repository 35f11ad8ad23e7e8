import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CsvPartReader } from '../workspace/csv-part';
import { csvPartClient, type PartThread } from '../workspace/csv-part-serve';

/** The helper bundle next to this file (dist/node/csv-part.mjs), when built. */
export function csvPartBundle(): string | null {
  const path = fileURLToPath(new URL('./csv-part.mjs', import.meta.url));
  return existsSync(path) ? path : null;
}

/** A part reader on a worker thread running `bundle` (see csvPartClient); the thread never keeps the process alive. */
export function nodeCsvParts(bundle: string): CsvPartReader {
  return csvPartClient((): PartThread => {
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
  });
}
