import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputFile } from './protocol';
import { serve } from './serve';
import type { CsvPartReader } from './workspace/csv-part';

// When the engine starts and lets go of its CSV helper thread: at a preview of files large enough
// to share, and at the end of the import that follows.

const DEMO = join(__dirname, '..', 'assets', 'demo', 'workspace');
const demoFiles = (): InputFile[] => readdirSync(DEMO).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DEMO, name))) }));

function engineWith(parts: CsvPartReader) {
  let deliver: (msg: unknown) => void = () => undefined;
  const pending = new Map<number, (msg: Record<string, unknown>) => void>();
  serve(
    {
      post: (msg) => queueMicrotask(() => (msg as { type: string; id: number }).type === 'res' && pending.get((msg as { id: number }).id)?.(msg as Record<string, unknown>)),
      onMessage: (cb) => void (deliver = cb),
    },
    { now: () => performance.now(), yieldToEvents: () => new Promise((r) => setTimeout(r, 0)), csvParts: parts },
  );
  let id = 0;
  return (method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> =>
    new Promise((resolve) => {
      pending.set(++id, resolve);
      deliver({ type: 'req', id, method, args });
    });
}

describe('the CSV helper thread in the engine', () => {
  it('starts at the preview of files that hold enough CSV, and goes when the import is done', async () => {
    const demo = demoFiles();
    const csv = demo.filter((f) => f.name.endsWith('.csv')).reduce((n, f) => n + f.bytes.length, 0);
    const calls: string[] = [];
    const parts: CsvPartReader = {
      ready: false,
      minBytes: csv + 1,
      warm: (bytes) => void calls.push(`warm ${bytes}`),
      room: () => null,
      release: () => void calls.push('release'),
      read: () => Promise.resolve(null),
    };
    const request = engineWith(parts);
    expect((await request('workspace.preview', { files: demo })).ok).toBe(true);
    expect(calls).toEqual([]);
    const more = [...demo, { name: 'notes.csv', bytes: new Uint8Array(10).fill(65) }];
    expect((await request('workspace.preview', { files: more })).ok).toBe(true);
    // Told how much CSV is coming, so that it pages in room for its parts.
    expect(calls).toEqual([`warm ${csv + 10}`]);
    expect((await request('workspace.import', { files: demo })).ok).toBe(true);
    expect(calls).toEqual([`warm ${csv + 10}`, 'release']);
  });
});
