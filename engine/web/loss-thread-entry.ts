// A helper thread of the engine worker (a nested Web Worker): builds a run's loss graph from its step journals.
import { serveLossGraphs } from '../losses/loss-thread';
import { warmUpLossBuilder } from '../warm-up';

interface WorkerScope {
  postMessage(message: unknown, options: { transfer: ArrayBuffer[] }): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
interface Port {
  postMessage(message: unknown): void;
  onmessage: ((event: unknown) => void) | null;
}
declare const self: WorkerScope;
declare const MessageChannel: new () => { port1: Port; port2: Port };

// A macrotask (not setTimeout, which nested calls clamp to 4 ms) for the idle paging's next slice.
const channel = new MessageChannel();
const due: (() => void)[] = [];
channel.port1.onmessage = () => due.shift()?.();

serveLossGraphs(
  {
    post: (msg, transfer) => self.postMessage(msg, { transfer }),
    onMessage: (cb) => self.addEventListener('message', (event) => cb(event.data)),
  },
  {
    warmUp: () => warmUpLossBuilder(),
    later: (fn) => {
      due.push(fn);
      channel.port2.postMessage(null);
    },
  },
);
