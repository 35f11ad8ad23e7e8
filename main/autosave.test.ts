import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutosaveStore, SessionMarker } from './autosave';

let dir = '';
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'firebreak-autosave-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('AutosaveStore', () => {
  it('replaces the previous autosave and offers it, with the file it belongs to', async () => {
    const store = new AutosaveStore(join(dir, 'a'), () => new Date('2026-11-30T10:00:00Z'));
    expect(await store.offer(true)).toBeNull();
    await store.write({ bytes: new Uint8Array([1]), name: 'old', handle: null, encrypted: false }, null);
    await store.write({ bytes: new Uint8Array([1, 2, 3]), name: 'Q4', handle: null, encrypted: true }, '/home/a/q4.firebreak');
    expect(await store.offer(true)).toEqual({ name: 'Q4', savedAt: '2026-11-30T10:00:00.000Z', encrypted: true, bytes: 3, reason: 'crash' });
    expect((await store.read())?.meta.path).toBe('/home/a/q4.firebreak');
    expect((await readdir(join(dir, 'a'))).sort()).toEqual(['project.firebreak', 'project.json']);
    if (process.platform !== 'win32') expect((await stat(join(dir, 'a'))).mode & 0o777).toBe(0o700);
    await store.clear();
    expect(await store.offer(false)).toBeNull();
  });

  it('offers nothing when the description and the bytes disagree (a crash between the two writes)', async () => {
    const store = new AutosaveStore(join(dir, 'b'));
    await store.write({ bytes: new Uint8Array([1, 2, 3]), name: 'Q4', handle: null, encrypted: false }, null);
    await writeFile(join(dir, 'b', 'project.firebreak'), new Uint8Array([9]));
    expect(await store.offer(true)).toBeNull();
    await writeFile(join(dir, 'b', 'project.json'), '{"name": 5}');
    expect(await store.read()).toBeNull();
  });
});

describe('SessionMarker', () => {
  it('tells a crashed session from a clean one', async () => {
    const file = join(dir, 'm', 'session.lock');
    const marker = new SessionMarker(file);
    expect(await marker.begin(1, new Date())).toBe(false);
    expect(await new SessionMarker(file).begin(2, new Date())).toBe(true);
    marker.end();
    expect(await marker.begin(3, new Date())).toBe(false);
    marker.end();
    marker.end();
  });
});
