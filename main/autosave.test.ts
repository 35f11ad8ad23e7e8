import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AutosaveStore, SessionMarker, sessionAutosaveId } from './autosave';

/** Called once an edits file has been read, before its reader goes on: a test slips a write in there. */
const afterEditsRead = vi.hoisted(() => ({ hook: null as (() => Promise<void>) | null }));
/** While true, no new file can be made (a full disk): every write through a temporary file fails. */
const diskFull = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  const readFile = (async (...args: Parameters<typeof fs.readFile>) => {
    const text = await fs.readFile(...args);
    const hook = afterEditsRead.hook;
    if (hook !== null && String(args[0]).endsWith('.edits')) {
      afterEditsRead.hook = null;
      await hook();
    }
    return text;
  }) as typeof fs.readFile;
  const open = (async (...args: Parameters<typeof fs.open>) => {
    if (diskFull.on && String(args[0]).endsWith('.tmp')) throw Object.assign(new Error('ENOSPC: no space left on device, open'), { code: 'ENOSPC' });
    return fs.open(...args);
  }) as typeof fs.open;
  return { ...fs, default: { ...fs, readFile, open }, readFile, open };
});

let dir = '';
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'firebreak-autosave-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('AutosaveStore', () => {
  const at = (iso: string) => () => new Date(iso);
  const work = (name: string, bytes: number[], encrypted = false) => ({ bytes: new Uint8Array(bytes), name, handle: null, encrypted });

  it('keeps one autosave per session: this one writes and clears its own; an earlier one is offered, read and discarded by id', async () => {
    const folder = join(dir, 'a');
    const first = new AutosaveStore(folder, sessionAutosaveId(11, new Date('2026-11-30T09:00:00Z')), at('2026-11-30T10:00:00Z'));
    expect(await first.offer(true)).toBeNull();
    await first.write(work('old', [1]), null);
    await first.write(work('Q4', [1, 2, 3], true), '/home/a/q4.firebreak');
    // The session that wrote it never offers it to itself.
    expect(await first.offer(true)).toBeNull();
    const id = sessionAutosaveId(11, new Date('2026-11-30T09:00:00Z'));
    expect((await readdir(folder)).sort()).toEqual([`${id}.firebreak`, `${id}.json`]);
    if (process.platform !== 'win32') expect((await stat(folder)).mode & 0o777).toBe(0o700);

    const next = new AutosaveStore(folder, sessionAutosaveId(12, new Date('2026-11-30T11:00:00Z')), at('2026-11-30T11:30:00Z'));
    // Each slot is worded by how its own session ended: without markClosed, a crash's.
    expect(await next.offer(false)).toEqual({ id, name: 'Q4', savedAt: '2026-11-30T10:00:00.000Z', encrypted: true, bytes: 3, reason: 'crash' });
    first.markClosed();
    expect((await next.offer(true))?.reason).toBe('unsaved');
    expect((await next.read(id))?.meta.path).toBe('/home/a/q4.firebreak');
    // Work of this session meanwhile goes beside it, and clearing it leaves the earlier one.
    await next.write(work('new', [7, 7]), null);
    expect((await next.offer(false))?.id).toBe(id);
    await next.clear();
    expect((await next.read(id))?.meta.name).toBe('Q4');
    await next.discard(id);
    expect(await next.offer(false)).toBeNull();
  });

  it('keeps the edits since the autosave apart, applies them only to the autosave of the same workspace written before them, and forgets them with it', async () => {
    const folder = join(dir, 'edits');
    const id = sessionAutosaveId(21, new Date('2026-11-30T09:00:00Z'));
    const first = new AutosaveStore(folder, id, at('2026-11-30T10:00:00Z'));
    await first.write({ ...work('Q4', [1, 2]), base: 2, seq: 5 }, null);
    const scenarios = [{ name: 'edited', scenario: { steps: 3 } }];
    const edits = new AutosaveStore(folder, id, at('2026-11-30T10:00:04Z'));
    expect(await edits.writeEdits({ base: 2, seq: 6, scenarios, viewState: { view: 'scenario' } })).toEqual({ ok: true, value: { savedAt: '2026-11-30T10:00:04.000Z', sync: true } });
    expect((await readdir(folder)).sort()).toEqual([`${id}.edits`, `${id}.firebreak`, `${id}.json`]);
    const next = new AutosaveStore(folder, sessionAutosaveId(22, new Date('2026-11-30T11:00:00Z')), at('2026-11-30T11:30:00Z'));
    // The offer is as recent as the edits; reading gives the bytes and the edits.
    expect((await next.offer(false))?.savedAt).toBe('2026-11-30T10:00:04.000Z');
    expect(await next.read(id)).toMatchObject({ bytes: new Uint8Array([1, 2]), edits: { scenarios, viewState: { view: 'scenario' } } });
    // A later autosave of the whole project (another workspace, or gathered after them) leaves them out.
    await first.write({ ...work('Q4', [3]), base: 3, seq: 7 }, null);
    expect((await next.read(id))?.edits).toBeNull();
    // And removes them: they were in the clear beside what may be a sealed project.
    expect((await readdir(folder)).sort()).toEqual([`${id}.firebreak`, `${id}.json`]);

    expect((await next.offer(false))?.savedAt).toBe('2026-11-30T10:00:00.000Z');
    await next.discard(id);
    expect(await readdir(folder)).toEqual([]);
    // Edits gathered after a whole write (still going as they were kept) stay.
    await edits.writeEdits({ base: 3, seq: 9, scenarios, viewState: null });
    await first.write({ ...work('Q4', [3]), base: 3, seq: 8 }, null);
    expect((await readdir(folder)).sort()).toEqual([`${id}.edits`, `${id}.firebreak`, `${id}.json`]);
  });

  it('keeps edits written while a whole write of an earlier moment runs (the clean copy of a file just saved): that write takes only older ones', async () => {
    const folder = join(dir, 'during');
    const id = sessionAutosaveId(25, new Date('2026-11-30T09:00:00Z'));
    const store = new AutosaveStore(folder, id, at('2026-11-30T10:00:00Z'));
    await store.write({ ...work('Q4', [1]), base: 1, seq: 1 }, null);
    await store.writeEdits({ base: 1, seq: 2, scenarios: [{ name: 'edited, then saved', scenario: {} }], viewState: null });
    const scenarios = [{ name: 'edited right after the save', scenario: {} }];
    let during: Promise<unknown> = Promise.resolve();
    // The whole write has read the older edits and is about to remove them when the next edit comes.
    afterEditsRead.hook = async () => {
      during = store.writeEdits({ base: 1, seq: 4, scenarios, viewState: null });
      await new Promise((r) => setTimeout(r, 100));
    };
    await store.write({ ...work('q4.firebreak', [1]), base: 1, seq: 3, clean: true }, '/home/a/q4.firebreak');
    await during;
    const next = new AutosaveStore(folder, sessionAutosaveId(26, new Date('2026-11-30T11:00:00Z')), at('2026-11-30T11:30:00Z'));
    expect(await next.read(id)).toMatchObject({ meta: { clean: true, seq: 3 }, edits: { scenarios } });
  });

  it('when the disk refuses a write (full), keeps the autosave before it and says at the next start which changes are not in it, until a write holds them', async () => {
    const folder = join(dir, 'full');
    const id = sessionAutosaveId(27, new Date('2026-11-30T09:00:00Z'));
    let clock = '2026-11-30T10:00:00Z';
    const store = new AutosaveStore(folder, id, () => new Date(clock));
    await store.write({ ...work('Q4', [1, 2]), base: 1, seq: 1 }, null);
    const kept = [{ name: 'kept', scenario: {} }];
    await store.writeEdits({ base: 1, seq: 2, scenarios: kept, viewState: null });
    diskFull.on = true;
    try {
      clock = '2026-11-30T10:00:07Z';
      expect(await store.writeEdits({ base: 1, seq: 3, scenarios: [{ name: 'not kept', scenario: {} }], viewState: null })).toMatchObject({ ok: false, error: { kind: 'io' } });
      // The renderer then tries the whole project: refused too.
      expect(await store.write({ ...work('Q4', [9, 9, 9]), base: 1, seq: 4 }, null)).toMatchObject({ ok: false, error: { kind: 'io' } });
    } finally {
      diskFull.on = false;
    }
    const next = new AutosaveStore(folder, sessionAutosaveId(28, new Date('2026-11-30T11:00:00Z')), at('2026-11-30T11:30:00Z'));
    expect(await next.offer(false)).toMatchObject({ id, savedAt: '2026-11-30T10:00:00.000Z', dropped: '2026-11-30T10:00:07.000Z' });
    expect(await next.read(id)).toMatchObject({ bytes: new Uint8Array([1, 2]), edits: { scenarios: kept } });
    // Room again: the next write holds the changes, and the mark goes with them.
    await store.write({ ...work('Q4', [9, 9, 9]), base: 1, seq: 5 }, null);
    expect((await next.offer(false))?.dropped).toBeUndefined();
    expect((await readdir(folder)).sort()).toEqual([`${id}.firebreak`, `${id}.json`]);
    // All saved, but for changes made after the save that could not be kept: still offered, saying so.
    await store.writeEdits({ base: 1, seq: 6, scenarios: kept, viewState: null });
    await store.markSaved(7);
    diskFull.on = true;
    try {
      clock = '2026-11-30T10:00:30Z';
      await store.writeEdits({ base: 1, seq: 8, scenarios: [{ name: 'after the save', scenario: {} }], viewState: null });
    } finally {
      diskFull.on = false;
    }
    expect(await next.offer(false)).toMatchObject({ id, dropped: '2026-11-30T10:00:30.000Z' });
  });

  it('offers a file kept as it was opened or saved (clean) only with edits over it; left alone, it goes', async () => {
    const folder = join(dir, 'clean');
    const a = sessionAutosaveId(31, new Date('2026-11-30T09:00:00Z'));
    const opened = new AutosaveStore(folder, a, at('2026-11-30T10:00:00Z'));
    await opened.write({ ...work('q4.firebreak', [4, 4]), base: 1, seq: 1, clean: true }, '/home/a/q4.firebreak');
    const next = new AutosaveStore(folder, sessionAutosaveId(32, new Date('2026-11-30T11:00:00Z')), at('2026-11-30T11:30:00Z'));
    expect(await next.offer(true)).toBeNull();
    expect(await readdir(folder)).toEqual([]);
    // The first edit after opening, then a crash: the file and the edit are offered, to save back to the file.
    await opened.write({ ...work('q4.firebreak', [4, 4]), base: 1, seq: 1, clean: true }, '/home/a/q4.firebreak');
    const scenarios = [{ name: 'first edit after opening', scenario: {} }];
    await opened.writeEdits({ base: 1, seq: 2, scenarios, viewState: null });
    expect(await next.offer(false)).toMatchObject({ id: a, name: 'q4.firebreak', reason: 'crash' });
    expect(await next.read(a)).toMatchObject({ meta: { clean: true, path: '/home/a/q4.firebreak' }, bytes: new Uint8Array([4, 4]), edits: { scenarios } });
  });

  it('does not offer work all saved before the window went (markSaved), and offers what came after the save', async () => {
    const folder = join(dir, 'saved');
    const a = sessionAutosaveId(41, new Date('2026-11-30T09:00:00Z'));
    const first = new AutosaveStore(folder, a, at('2026-11-30T10:00:00Z'));
    await first.write({ ...work('q4.firebreak', [5, 5]), base: 1, seq: 3 }, '/home/a/q4.firebreak');
    await first.writeEdits({ base: 1, seq: 5, scenarios: [{ name: 'edited', scenario: {} }], viewState: null });
    const next = new AutosaveStore(folder, sessionAutosaveId(42, new Date('2026-11-30T11:00:00Z')), at('2026-11-30T11:30:00Z'));
    // Saved up to the autosave but not its later edits: still offered.
    await first.markSaved(4);
    expect((await next.offer(false))?.id).toBe(a);
    // Saved with the edits in, then the window went before writing the saved bytes as its autosave: nothing to offer, and it goes.
    await first.markSaved(5);
    expect(await next.offer(false)).toBeNull();
    expect(await readdir(folder)).toEqual([]);
  });

  it('after a Save As, offers the work under the file saved to though the clean copy of that file never landed: named by the edits over it, or by the save', async () => {
    const folder = join(dir, 'saved-as');
    const a = sessionAutosaveId(43, new Date('2026-11-30T09:00:00Z'));
    const first = new AutosaveStore(folder, a, at('2026-11-30T10:00:00Z'));
    const q4 = '/home/a/q4.firebreak';
    const board = '/home/a/q4 board.firebreak';
    await first.write({ ...work('q4.firebreak', [6, 6]), base: 1, seq: 1, clean: true }, q4);
    // An edit made while the Save As ran: gathered over the part of q4.firebreak.
    const during = [{ name: 'edited while saving as', scenario: {} }];
    await first.writeEdits({ base: 1, seq: 3, scenarios: during, viewState: null, whole: { name: 'q4.firebreak', handle: null, seq: 1 } }, q4);
    // Saved as q4 board.firebreak (content gathered at seq 2); the window goes before anything over it.
    await first.markSaved(2, board);
    const next = new AutosaveStore(folder, sessionAutosaveId(44, new Date('2026-11-30T11:00:00Z')), at('2026-11-30T11:30:00Z'));
    expect(await next.offer(false)).toMatchObject({ id: a, name: 'q4 board.firebreak' });
    expect(await next.read(a)).toMatchObject({ place: { name: 'q4 board.firebreak', path: board }, edits: { scenarios: during } });
    // An edit after the save, over the clean copy of q4 board.firebreak (seq 4), which never lands.
    const after = [{ name: 'edited after saving as', scenario: {} }];
    await first.writeEdits({ base: 1, seq: 5, scenarios: after, viewState: null, whole: { name: 'q4 board.firebreak', handle: null, seq: 4 } }, board);
    expect(await next.offer(false)).toMatchObject({ name: 'q4 board.firebreak' });
    // The edits name it on their own, should the save's mark be missing (it could not be written).
    await rm(join(folder, `${a}.saved`));
    expect(await next.offer(false)).toMatchObject({ name: 'q4 board.firebreak' });
    expect(await next.read(a)).toMatchObject({ meta: { name: 'q4.firebreak', path: q4 }, place: { name: 'q4 board.firebreak', path: board }, edits: { scenarios: after } });
    // Saved as yet another file later: that save is later than the part the edits go over.
    await first.markSaved(6, '/home/a/q4 final.firebreak');
    expect(await next.read(a)).toMatchObject({ place: { name: 'q4 final.firebreak', path: '/home/a/q4 final.firebreak' } });
    // Edits that name no part (as earlier versions wrote them) leave the part's own name and file.
    await rm(join(folder, `${a}.saved`));
    await first.writeEdits({ base: 1, seq: 7, scenarios: after, viewState: null }, null);
    expect(await next.read(a)).toMatchObject({ place: { name: 'q4.firebreak', path: q4 } });
  });

  it('offers the oldest earlier session first, then the next once that one is discarded; the slot of older versions too', async () => {
    const folder = join(dir, 'c');
    await new AutosaveStore(folder, sessionAutosaveId(1, new Date('2026-11-29T08:00:00Z')), at('2026-11-29T08:30:00Z')).write(work('Monday', [1]), null);
    await new AutosaveStore(folder, sessionAutosaveId(2, new Date('2026-11-28T08:00:00Z')), at('2026-11-28T08:30:00Z')).write(work('Sunday', [2]), null);
    // An autosave of a version before sessions had their own: project.firebreak and project.json.
    await writeFile(join(folder, 'project.firebreak'), new Uint8Array([3, 3]));
    await writeFile(join(folder, 'project.json'), JSON.stringify({ name: 'Legacy', savedAt: '2026-11-27T08:00:00.000Z', encrypted: false, bytes: 2, path: null }));
    const now = new AutosaveStore(folder, sessionAutosaveId(3, new Date('2026-11-30T08:00:00Z')));
    const names: string[] = [];
    for (let offer = await now.offer(false); offer !== null; offer = await now.offer(false)) {
      names.push(offer.name);
      await now.discard(offer.id);
    }
    expect(names).toEqual(['Legacy', 'Sunday', 'Monday']);
    expect(await readdir(folder)).toEqual([]);
  });

  it('reads and discards only what an id names: never this session’s own, never a path', async () => {
    const folder = join(dir, 'd');
    const own = sessionAutosaveId(5, new Date('2026-11-30T08:00:00Z'));
    const store = new AutosaveStore(folder, own);
    await store.write(work('mine', [1]), null);
    expect(await store.read(own)).toBeNull();
    await store.discard(own);
    await store.discard('../autosave-d/x');
    expect((await readdir(folder)).sort()).toEqual([`${own}.firebreak`, `${own}.json`]);
    expect(await store.read('../../etc/passwd')).toBeNull();
  });

  it('offers nothing when the description and the bytes disagree (a crash between the two writes)', async () => {
    const folder = join(dir, 'b');
    const earlier = sessionAutosaveId(7, new Date('2026-11-30T08:00:00Z'));
    await new AutosaveStore(folder, earlier).write(work('Q4', [1, 2, 3]), null);
    const store = new AutosaveStore(folder, sessionAutosaveId(8, new Date('2026-11-30T09:00:00Z')));
    expect((await store.offer(true))?.id).toBe(earlier);
    await writeFile(join(folder, `${earlier}.firebreak`), new Uint8Array([9]));
    expect(await store.offer(true)).toBeNull();
    await writeFile(join(folder, `${earlier}.json`), '{"name": 5}');
    expect(await store.read(earlier)).toBeNull();
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
