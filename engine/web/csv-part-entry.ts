// A helper thread of the engine worker (a nested Web Worker): reads the second part of large CSV files.
import { serveCsvParts } from '../workspace/csv-part-serve';

interface WorkerScope {
  postMessage(message: unknown, options: { transfer: ArrayBuffer[] }): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
declare const self: WorkerScope;

serveCsvParts({
  post: (msg, transfer) => self.postMessage(msg, { transfer }),
  onMessage: (cb) => self.addEventListener('message', (event) => cb(event.data)),
});
