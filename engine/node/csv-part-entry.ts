import { parentPort } from 'node:worker_threads';
import { serveCsvParts } from '../workspace/csv-part-serve';

// A helper thread of the engine (dist/node/csv-part.mjs): reads the second part of large CSV files.
if (!parentPort) throw new Error('csv-part-entry must run in a worker thread');
const port = parentPort;
serveCsvParts({ post: (msg, transfer) => port.postMessage(msg, transfer), onMessage: (cb) => port.on('message', cb) });
