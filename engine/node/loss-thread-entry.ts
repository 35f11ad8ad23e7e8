import { parentPort } from 'node:worker_threads';
import { serveLossGraphs } from '../losses/loss-thread';
import { warmUpLossBuilder } from '../warm-up';

// A helper thread of the engine (dist/node/loss-thread.mjs): builds a run's loss graph from its step journals.
if (!parentPort) throw new Error('loss-thread-entry must run in a worker thread');
const port = parentPort;
serveLossGraphs(
  { post: (msg, transfer) => port.postMessage(msg, transfer), onMessage: (cb) => port.on('message', cb) },
  { warmUp: () => warmUpLossBuilder(), later: (fn) => void setImmediate(fn) },
);
