import { describe, expect, it } from 'vitest';
import { partBytes, partSpace } from './csv-part';
import type { HelperThread } from '../util/helper-slot';
import { csvPartClient, serveCsvParts } from './csv-part-serve';

const enc = new TextEncoder();
const spec = { delim: 44, numeric: Uint8Array.from([0, 1]) };
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** A helper "thread" in this one: messages cross as structured clones, a turn of the event loop apart. */
function fakeThread(log: string[], options: { broken?: boolean } = {}): HelperThread {
  let toHelper: ((data: unknown) => void) | null = null;
  let toEngine: ((data: unknown) => void) | null = null;
  let failure: (() => void) | null = null;
  let alive = true;
  // Looked up on delivery: the engine listens only after the thread has started.
  const send = (to: () => ((data: unknown) => void) | null, msg: unknown): void => {
    const copy = structuredClone(msg);
    setTimeout(() => alive && to()?.(copy), 0);
  };
  serveCsvParts({
    post: (msg) => send(() => toEngine, options.broken && typeof msg === 'object' && msg !== null && 'part' in msg ? { ...msg, part: { rows: 'many' } } : msg),
    onMessage: (cb) => (toHelper = cb),
  });
  log.push('started');
  return {
    post: (msg) => (msg === 'crash' ? failure?.() : send(() => toHelper, msg)),
    onMessage: (cb) => (toEngine = cb),
    onFailure: (cb) => (failure = cb),
    terminate: () => {
      alive = false;
      log.push('terminated');
    },
  };
}

describe('csvPartClient', () => {
  it('starts its thread on warm(), is ready once the thread has warmed up, and reads parts there', async () => {
    const log: string[] = [];
    const parts = csvPartClient(() => fakeThread(log));
    expect(parts.ready).toBe(false);
    parts.warm();
    parts.warm();
    expect(log).toEqual(['started']);
    await tick();
    await tick();
    expect(parts.ready).toBe(true);
    const part = await parts.read(enc.encode('x,1\ny,2.5\nx,3\n'), spec);
    expect(part?.rows).toBe(3);
    expect(Array.from(part?.lines ?? [])).toEqual([0, 1, 2]);
    const [names, numbers] = part?.columns ?? [];
    expect(names?.kind === 'string' ? Array.from(names.codes) : null).toEqual([0, 1, 0]);
    expect(numbers?.kind === 'number' ? Array.from(numbers.values) : null).toEqual([1, 2.5, 3]);
  });

  it('never transfers a buffer to the helper: the bytes go in shared memory (or copied) and the room is shared', async () => {
    const sent: unknown[][] = [];
    const parts = csvPartClient(() => {
      const t = fakeThread([]);
      return { ...t, post: (msg: unknown, transfer: ArrayBuffer[]) => (sent.push(transfer), t.post(msg, transfer)) };
    });
    parts.warm();
    await tick();
    await tick();
    const file = enc.encode('id,amount\nx,1\ny,2.5\nx,3\n');
    const bytes = partBytes(file, 10);
    const part = await parts.read(bytes, spec, partSpace(bytes, spec.numeric));
    expect(part?.rows).toBe(3);
    const numbers = part?.columns[1];
    expect(numbers?.kind === 'number' ? Array.from(numbers.values) : null).toEqual([1, 2.5, 3]);
    expect(sent).toEqual([[]]);
    expect(bytes.byteLength).toBe(file.length - 10);
    expect(file.byteLength).toBe(file.length);
    expect(bytes.buffer instanceof SharedArrayBuffer).toBe(true);
  });

  it('warmed with the bytes of CSV to come, has the helper page in room for its share and lends it part by part', async () => {
    const sent: unknown[] = [];
    const parts = csvPartClient(() => {
      const t = fakeThread([]);
      return { ...t, post: (msg: unknown, transfer: ArrayBuffer[]) => (sent.push(msg), t.post(msg, transfer)) };
    }, 1000);
    parts.warm(999);
    expect(sent).toEqual([]);
    expect(parts.room(8)).toBeNull();
    parts.warm(20_000);
    // (0.42 + 0.05) × 20,000 bytes, in whole pages; posted as shared memory, never transferred.
    const room = (sent[0] as { pageIn: SharedArrayBuffer }).pageIn;
    expect(room).toBeInstanceOf(SharedArrayBuffer);
    expect(room.byteLength).toBe(12_288);
    parts.warm(20_000);
    expect(sent).toHaveLength(1);
    await tick();
    await tick();
    expect(parts.ready).toBe(true);
    const file = enc.encode('id,amount\nx,1\ny,2.5\nx,3\n');
    const bytes = partBytes(file, 10, (n) => parts.room(n));
    expect(bytes.buffer).toBe(room);
    expect([bytes.byteOffset, bytes.byteLength]).toEqual([0, file.length - 10]);
    expect(new TextDecoder().decode(bytes)).toBe('x,1\ny,2.5\nx,3\n');
    const part = await parts.read(bytes, spec);
    expect(part?.rows).toBe(3);
    // The next part follows, 8-aligned; what does not fit is not lent.
    expect(parts.room(100)?.byteOffset).toBe(16);
    expect(parts.room(12_288)).toBeNull();
    expect(parts.room(12_288 - 120)?.byteOffset).toBe(120);
    expect(parts.room(1)).toBeNull();
    // Let go with the thread.
    parts.warm(20_000);
    expect(parts.room(8)).not.toBeNull();
    parts.release();
    expect(parts.room(8)).toBeNull();
  });

  it('answers null for a part the helper cannot read, or an answer that is not a part', async () => {
    const parts = csvPartClient(() => fakeThread([]));
    expect(await parts.read(enc.encode('x,"1"\n'), spec)).toBeNull();
    const broken = csvPartClient(() => fakeThread([], { broken: true }));
    expect(await broken.read(enc.encode('x,1\n'), spec)).toBeNull();
  });

  it('answers null to what is pending when the thread fails, and does not start another', async () => {
    const log: string[] = [];
    let starts = 0;
    const parts = csvPartClient(() => {
      starts++;
      const t = fakeThread(log);
      return { ...t, post: (msg: unknown, transfer: ArrayBuffer[]) => (starts === 1 ? t.post('crash', []) : t.post(msg, transfer)) };
    });
    expect(await parts.read(enc.encode('x,1\n'), spec)).toBeNull();
    expect(log).toEqual(['started', 'terminated']);
    expect(parts.ready).toBe(false);
    expect(await parts.read(enc.encode('x,1\n'), spec)).toBeNull();
    expect(starts).toBe(1);
  });

  it('stops its thread on release, answering null to what is pending; warm() then starts a new one', async () => {
    const log: string[] = [];
    const parts = csvPartClient(() => fakeThread(log));
    parts.warm();
    await tick();
    await tick();
    expect(parts.ready).toBe(true);
    const pending = parts.read(enc.encode('x,1\n'), spec);
    parts.release();
    expect(await pending).toBeNull();
    expect(parts.ready).toBe(false);
    expect(log).toEqual(['started', 'terminated']);
    parts.warm();
    await tick();
    await tick();
    expect(parts.ready).toBe(true);
    expect((await parts.read(enc.encode('x,1\n'), spec))?.rows).toBe(1);
    expect(log).toEqual(['started', 'terminated', 'started']);
  });

  it('reads alone when no thread can be started', async () => {
    const parts = csvPartClient(() => null);
    parts.warm();
    expect(parts.ready).toBe(false);
    expect(await parts.read(enc.encode('x,1\n'), spec)).toBeNull();
  });
});
