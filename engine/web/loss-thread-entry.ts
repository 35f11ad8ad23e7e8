// A helper thread of the engine worker (a nested Web Worker): builds a run's loss graph from its step journals.
import { serveLossGraphs } from '../losses/loss-thread';
import { warmUpLossBuilder } from '../warm-up';

interface WorkerScope {
  postMessage(message: unknown, options: { transfer: ArrayBuffer[] }): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
declare const self: WorkerScope;

serveLossGraphs(
  {
    post: (msg, transfer) => self.postMessage(msg, { transfer }),
    onMessage: (cb) => self.addEventListener('message', (event) => cb(event.data)),
  },
  () => warmUpLossBuilder(),
);
