import { HelperSlot, type HelperPort, type HelperThread } from '../util/helper-slot';
import { HELPER_SHARE, narrowCsvPart, partBuffers, readCsvPart, SPLIT_MIN_BYTES, type CsvPart, type CsvPartReader, type CsvPartSpec } from './csv-part';

interface PartRequest {
  id: number;
  bytes: Uint8Array;
  spec: CsvPartSpec;
  space?: ArrayBufferLike;
}

/**
 * The helper's side: reads each part it is sent and sends it back (null when it cannot be read
 * there). It first reads a small made-up table, so that its first real part runs optimised
 * code, and then says it is ready.
 */
export function serveCsvParts(port: HelperPort): void {
  port.onMessage((data) => {
    const room = narrowPageIn(data);
    if (room) {
      pageIn(room);
      return;
    }
    const req = narrowRequest(data);
    if (!req) return;
    let part: CsvPart | null = null;
    try {
      part = readCsvPart(req.bytes, req.spec, req.space);
    } catch {
      // The engine's own reader then reads the part and reports whatever is wrong.
      part = null;
    }
    port.post({ id: req.id, part }, part ? partBuffers(part) : []);
  });
  warmUp();
  port.post({ ready: true }, []);
}

/**
 * The engine's side: a helper thread started by warm() (or the first part) and stopped by
 * release(). Each part's bytes go over shared or copied; any failure answers null, and the engine
 * then reads the part itself. After a thread failed, none is started again.
 */
export function csvPartClient(start: () => HelperThread | null, minBytes = SPLIT_MIN_BYTES): CsvPartReader {
  let nextId = 1;
  const pending = new Map<number, { resolve: (p: CsvPart | null) => void; ncols: number }>();
  /** Shared memory the thread was asked to page in, lent out from `at` on (let go with the thread). */
  let lend: { buffer: SharedArrayBuffer; at: number } | null = null;
  const stop = (): void => {
    lend = null;
    client.ready = false;
    for (const p of pending.values()) p.resolve(null);
    pending.clear();
    slot.stop();
  };
  const slot = new HelperSlot(
    start,
    (data) => {
      if (typeof data !== 'object' || data === null) return;
      if ('ready' in data && data.ready === true) client.ready = true;
      if (!('id' in data) || typeof data.id !== 'number') return;
      const waiting = pending.get(data.id);
      if (!waiting) return;
      pending.delete(data.id);
      waiting.resolve('part' in data ? narrowCsvPart(data.part, waiting.ncols) : null);
    },
    stop,
  );
  const open = (): HelperThread | null => slot.open();
  const client: CsvPartReader = {
    ready: false,
    minBytes,
    warm(csvBytes = 0) {
      const t = open();
      if (!t || csvBytes < minBytes || typeof SharedArrayBuffer !== 'function') return;
      // The helper reads about HELPER_SHARE of an import's bytes (helperShares), each part in a buffer of its own size rounded up.
      const need = Math.ceil((csvBytes * ROOM_SHARE) / PAGE_BYTES) * PAGE_BYTES;
      if (lend && lend.buffer.byteLength - lend.at >= need) return;
      try {
        lend = { buffer: new SharedArrayBuffer(need), at: 0 };
        t.post({ pageIn: lend.buffer }, []);
      } catch {
        lend = null;
      }
    },
    room(bytes) {
      if (!lend || lend.buffer.byteLength - lend.at < bytes) return null;
      const view = new Uint8Array(lend.buffer, lend.at, bytes);
      lend.at += Math.ceil(bytes / 8) * 8;
      if (lend.at >= lend.buffer.byteLength) lend = null;
      return view;
    },
    read(bytes, spec, space) {
      const t = open();
      if (!t) return Promise.resolve(null);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, { resolve, ncols: spec.numeric.length });
        try {
          // Shared or copied, never transferred: the engine's thread must not detach a buffer (see serve.ts).
          t.post(space ? { id, bytes, spec, space } : { id, bytes, spec }, []);
        } catch {
          // Bytes that cannot be sent: this part is read here.
          pending.delete(id);
          resolve(null);
        }
      });
    },
    release: stop,
  };
  return client;
}

/** Of an import's bytes of CSV, the room paged in for the helper's parts: its share, and some to spare. */
const ROOM_SHARE = HELPER_SHARE + 0.05;
const PAGE_BYTES = 4096;

/** Writes each page of the room once, so that the system maps its memory now rather than under the copy into it. */
function pageIn(room: SharedArrayBuffer): void {
  const a = new Uint8Array(room);
  for (let i = 0; i < a.length; i += PAGE_BYTES) a[i] = 0;
}

function narrowPageIn(x: unknown): SharedArrayBuffer | null {
  if (typeof x !== 'object' || x === null || typeof SharedArrayBuffer !== 'function') return null;
  const room = (x as Record<string, unknown>).pageIn;
  return room instanceof SharedArrayBuffer ? room : null;
}

/** A table of 50,000 rows like a positions file (ids in order, names, amounts of up to 9 digits), read once. */
function warmUp(): void {
  const rows: string[] = [];
  for (let i = 0; i < 50_000; i++) {
    const amount = ((i * 7919) % 1_000_000) / 1000;
    rows.push(`id-${String(i).padStart(7, '0')},owner-${(i * 31) % 997},v${i % 5},A${i % 7},${amount.toFixed(3)},B${i % 3},${(amount * 1371).toFixed(2)},0.8${i % 10},0.05,0.5\n`);
  }
  readCsvPart(new TextEncoder().encode(rows.join('')), { delim: 44, numeric: Uint8Array.from([0, 0, 0, 0, 1, 0, 1, 1, 1, 1]) });
}

function narrowRequest(x: unknown): PartRequest | null {
  if (typeof x !== 'object' || x === null) return null;
  const r = x as Record<string, unknown>;
  const spec = r.spec as Record<string, unknown> | null | undefined;
  if (typeof r.id !== 'number' || !(r.bytes instanceof Uint8Array) || typeof spec !== 'object' || spec === null) return null;
  if (typeof spec.delim !== 'number' || !(spec.numeric instanceof Uint8Array)) return null;
  const req: PartRequest = { id: r.id, bytes: r.bytes, spec: { delim: spec.delim, numeric: spec.numeric } };
  if (r.space instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && r.space instanceof SharedArrayBuffer)) req.space = r.space;
  return req;
}
