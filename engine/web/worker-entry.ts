// Binds the transport-free engine to a Web Worker. Declared locally: the engine's tsconfig has no DOM types.
import type { Endpoint } from '../protocol';
import { serve } from '../serve';

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

serve(endpoint, { now: () => performance.now(), yieldToEvents });
