import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { serve } from '../serve';
import { csvPartBundle, nodeCsvParts } from './csv-part-thread';
import { nodeLossThreads } from './helper-thread';
import './parquet-wasm-node';
import './sha256-node';

// The engine in a Node worker thread (CLI, bench, tests): the same serve() as in the browser.
if (!parentPort) throw new Error('worker-entry must run in a worker thread');
const port = parentPort;
const partBundle = csvPartBundle();
// `{ csvHelper: 'always' }` as workerData shares large CSV files with the helper whatever the machine (tests).
const parts = partBundle ? nodeCsvParts(partBundle, (workerData as { csvHelper?: unknown } | null)?.csvHelper === 'always') : null;
const lossThreads = nodeLossThreads();
serve(
  {
    post: (msg, transfer) => port.postMessage(msg, transfer),
    onMessage: (cb) => port.on('message', cb),
  },
  {
    now: () => performance.now(),
    yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
    ...(parts ? { csvParts: parts } : {}),
    ...(lossThreads ? { lossThreads } : {}),
    warmUp: true,
  },
);
