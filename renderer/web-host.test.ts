import { describe, expect, it, vi } from 'vitest';
import { createWebHost } from './web-host';
import { memoryStore, type WebStore } from './web-store';

interface Clicked {
  download: string;
  href: string;
}

/** Enough of a browser window for the web host: fetch, a document that can click links, storage, events. */
/** The browser's Web Locks of one origin, shared by the fake windows given it. */
function fakeLocks() {
  const held = new Set<string>();
  return {
    held,
    manager: {
      request: (name: string, body: () => Promise<void>) => {
        held.add(name);
        return body();
      },
      query: async () => ({ held: [...held].map((name) => ({ name })) }),
    },
  };
}

function fakeWindow(
  files: Record<string, string | number> = {},
  options: { session?: string; confirm?: boolean; storage?: Map<string, string>; locks?: ReturnType<typeof fakeLocks>; refuse?: (key: string) => boolean } = {},
) {
  const requested: string[] = [];
  const clicked: Clicked[] = [];
  const blobs = new Map<string, Blob>();
  const listeners = new Map<string, ((e: unknown) => void)[]>();
  const storage = options.storage ?? new Map<string, string>();
  if (options.session !== undefined) storage.set('firebreak.session', options.session);
  const fetch = async (input: URL): Promise<Response> => {
    requested.push(input.href);
    const body = files[input.pathname];
    if (body === undefined) return new Response('Not found', { status: 404 });
    if (typeof body === 'number') throw new TypeError('Failed to fetch');
    return new Response(body, { status: 200 });
  };
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  const document = {
    baseURI: 'http://127.0.0.1:5178/index.html',
    title: '',
    body: { append: () => undefined },
    createElement: () => {
      const el = { href: '', download: '', style: {}, click: () => clicked.push({ download: el.download, href: el.href }), remove: () => undefined };
      return el;
    },
  };
  const win = {
    document,
    fetch,
    navigator: { userAgent: 'Mozilla/5.0 Chrome/156.0.1.2', platform: 'Linux x86_64', ...(options.locks ? { locks: options.locks.manager } : {}) },
    localStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (options.refuse?.(k)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        storage.set(k, v);
      },
      removeItem: (k: string) => void storage.delete(k),
    },
    addEventListener: (name: string, l: (e: unknown) => void) => listeners.set(name, [...(listeners.get(name) ?? []), l]),
    setTimeout: () => 0,
    confirm: vi.fn(() => options.confirm ?? false),
  };
  const fire = (name: string, event: unknown) => {
    for (const l of listeners.get(name) ?? []) l(event);
  };
  const downloaded = async (i: number) => new Uint8Array(await (blobs.get(clicked[i]?.href ?? '') as Blob).arrayBuffer());
  return { win: win as unknown as Window, requested, clicked, downloaded, storage, fire, document };
}

const manifest = JSON.stringify({ workspace: ['assets.csv', 'nodes.csv'], scenarios: ['flash-crash.json'] });

describe('web host', () => {
  it('reads the demo from the app origin, using the bundled list', async () => {
    const { win, requested } = fakeWindow({
      '/demo/manifest.json': manifest,
      '/demo/workspace/assets.csv': 'asset\nBTC\n',
      '/demo/workspace/nodes.csv': 'node\nA\n',
      '/demo/scenarios/flash-crash.json': '{}',
    });
    const result = await createWebHost(win, memoryStore()).readDemo();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.workspace.map((f) => f.name)).toEqual(['assets.csv', 'nodes.csv']);
    expect(new TextDecoder().decode(result.value.workspace[0]?.bytes)).toBe('asset\nBTC\n');
    expect(result.value.scenarios.map((f) => f.name)).toEqual(['flash-crash.json']);
    expect(requested.every((url) => url.startsWith('http://127.0.0.1:5178/demo/'))).toBe(true);
  });

  it.each([
    ['no list', {}, 'The demo is missing from this build.'],
    ['a damaged list', { '/demo/manifest.json': '{not json' }, 'The demo list of this build is damaged.'],
    ['a list naming a path', { '/demo/manifest.json': JSON.stringify({ workspace: ['../../secret.csv'], scenarios: [] }) }, 'The demo list of this build is damaged.'],
    ['a list naming a remote file', { '/demo/manifest.json': JSON.stringify({ workspace: ['https://evil/x.csv'], scenarios: [] }) }, 'The demo list of this build is damaged.'],
    ['an empty workspace', { '/demo/manifest.json': JSON.stringify({ workspace: [], scenarios: [] }) }, 'The demo workspace is missing from this build.'],
    ['a missing table', { '/demo/manifest.json': manifest }, 'The demo file "assets.csv" could not be loaded.'],
    ['a failed fetch', { '/demo/manifest.json': 0 }, 'The demo is missing from this build.'],
  ])('names %s', async (_label, files, message) => {
    const result = await createWebHost(fakeWindow(files).win, memoryStore()).readDemo();
    expect(result).toMatchObject({ ok: false, error: { message } });
  });

  it('describes itself as the web host', async () => {
    const info = await createWebHost(fakeWindow().win, memoryStore()).appInfo();
    expect(info).toMatchObject({ ok: true, value: { host: 'web', packaged: false, blockedRequests: 0, versions: { chrome: '156.0.1.2' } } });
  });
});

describe('web host projects', () => {
  it('saves by downloading: Save As names the file, Save downloads it again under that name', async () => {
    const { win, clicked, downloaded } = fakeWindow();
    const host = createWebHost(win, memoryStore());
    const first = await host.saveProjectAs({ suggestedName: 'Q4 stress', bytes: new Uint8Array([1, 2, 3]) });
    expect(first).toMatchObject({ ok: true, value: { name: 'Q4 stress.firebreak', location: null, handle: expect.any(String) } });
    if (!first.ok || first.value === null || first.value.handle === null) throw new Error('saved');
    expect(await host.saveProject({ handle: first.value.handle, bytes: new Uint8Array([4]) })).toMatchObject({ ok: true, value: { name: 'Q4 stress.firebreak' } });
    expect(clicked.map((c) => c.download)).toEqual(['Q4 stress.firebreak', 'Q4 stress.firebreak']);
    expect([...(await downloaded(1))]).toEqual([4]);
    expect(await host.saveProject({ handle: 'made-up', bytes: new Uint8Array(1) })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('keeps the five newest projects as recent, with their bytes, and opens them again', async () => {
    const host = createWebHost(fakeWindow().win, memoryStore());
    for (let i = 1; i <= 7; i++) await host.saveProjectAs({ suggestedName: `p${i}`, bytes: new Uint8Array([i]) });
    const recent = await host.recentProjects();
    if (!recent.ok) throw new Error('recent');
    expect(recent.value.map((r) => r.name)).toEqual(['p7.firebreak', 'p6.firebreak', 'p5.firebreak', 'p4.firebreak', 'p3.firebreak']);
    const opened = await host.openRecent(recent.value[2]?.id ?? '');
    expect(opened).toMatchObject({ ok: true, value: { name: 'p5.firebreak', readOnly: false, bytes: new Uint8Array([5]) } });
    await host.clearRecent();
    expect(await host.recentProjects()).toEqual({ ok: true, value: [] });
    expect(await host.openRecent(recent.value[0]?.id ?? '')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('autosaves each page’s work apart and offers an earlier page’s: after a crash when the page never said goodbye', async () => {
    const store = memoryStore();
    const origin = new Map<string, string>();
    const first = fakeWindow({}, { storage: origin });
    const host = createWebHost(first.win, store);
    expect(await host.restoreOffer()).toEqual({ ok: true, value: null });
    await host.writeAutosave({ bytes: new Uint8Array([9, 9]), name: 'Q4', handle: null, encrypted: true });
    // A page is not offered its own work.
    expect(await host.restoreOffer()).toEqual({ ok: true, value: null });
    expect(first.storage.get('firebreak.session')).toBe('open');
    // The tab died: no pagehide. The next page finds the session still open.
    const next = createWebHost(fakeWindow({}, { session: 'open', storage: origin }).win, store);
    const offer = await next.restoreOffer();
    expect(offer).toMatchObject({ ok: true, value: { name: 'Q4', encrypted: true, bytes: 2, reason: 'crash' } });
    const id = offer.ok && offer.value ? offer.value.id : '';
    expect(await next.readAutosave(id)).toMatchObject({ ok: true, value: { name: 'Q4', handle: null, bytes: new Uint8Array([9, 9]) } });
    // Its own autosave and its clearing leave the earlier page's work alone.
    await next.writeAutosave({ bytes: new Uint8Array([1]), name: 'Other', handle: null, encrypted: false });
    await next.clearAutosave();
    expect(await next.readAutosave(id)).toMatchObject({ ok: true, value: { name: 'Q4' } });
    first.fire('pagehide', {});
    expect(first.storage.get('firebreak.session')).toBe('closed');
    const calm = createWebHost(fakeWindow({}, { session: 'closed', storage: origin }).win, store);
    expect(await calm.restoreOffer()).toMatchObject({ ok: true, value: { id, reason: 'unsaved' } });
    await calm.discardAutosave(id);
    expect(await calm.restoreOffer()).toEqual({ ok: true, value: null });
  });

  it('never offers (or lets discard) the autosave of a tab still open; a page closed with unsaved work is offered as such, a crashed one as a crash', async () => {
    const store = memoryStore();
    const origin = new Map<string, string>();
    const locks = fakeLocks();
    const a = fakeWindow({}, { storage: origin, locks });
    const hostA = createWebHost(a.win, store);
    await hostA.writeAutosave({ bytes: new Uint8Array([1]), name: 'A', handle: null, encrypted: false });
    // Tab B opens while A works: A's autosave is not "unsaved work from last time".
    const hostB = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    expect(await hostB.restoreOffer()).toEqual({ ok: true, value: null });
    const aId = [...locks.held][0]?.slice('firebreak.live.'.length) as string;
    await hostB.discardAutosave(aId);
    expect((await store.all('autosave')).length).toBe(1);
    // A's tab crashes (its lock goes, no pagehide): offered as a crash.
    locks.held.delete(`firebreak.live.${aId}`);
    expect(await hostB.restoreOffer()).toMatchObject({ ok: true, value: { id: aId, name: 'A', reason: 'crash' } });
    // A tab closed (or reloaded) with unsaved work: offered as unsaved, not as a crash.
    const c = fakeWindow({}, { storage: origin, locks });
    const hostC = createWebHost(c.win, store);
    await hostC.writeAutosave({ bytes: new Uint8Array([2]), name: 'C', handle: null, encrypted: false });
    c.fire('pagehide', {});
    const cId = [...locks.held].find((n) => n !== [...locks.held][0])?.slice('firebreak.live.'.length) as string;
    locks.held.delete(`firebreak.live.${cId}`);
    await hostB.discardAutosave(aId);
    expect(await hostB.restoreOffer()).toMatchObject({ ok: true, value: { id: cId, name: 'C', reason: 'unsaved' } });
  });

  it('keeps the edits since the autosave in localStorage synchronously, applies only those of the same workspace gathered later, and forgets them with it', async () => {
    const store = memoryStore();
    const origin = new Map<string, string>();
    const locks = fakeLocks();
    const a = fakeWindow({}, { storage: origin, locks });
    const hostA = createWebHost(a.win, store);
    const aId = [...locks.held][0]?.slice('firebreak.live.'.length) as string;
    await hostA.writeAutosave({ bytes: new Uint8Array([1]), name: 'A', handle: null, encrypted: false, base: 3, seq: 7 });
    const scenarios = [{ name: 'typed just before the reload', scenario: { steps: 4 } }];
    const written = hostA.writeAutosaveEdits({ base: 3, seq: 8, scenarios, viewState: { view: 'scenario' } });
    // Kept before anything is awaited: a page hiding may never get further.
    expect(JSON.parse(origin.get(`firebreak.edits.${aId}`) ?? 'null')).toMatchObject({ base: 3, seq: 8, scenarios });
    const savedAt = ((await written) as { ok: true; value: { savedAt: string } }).value.savedAt;
    a.fire('pagehide', {});
    locks.held.delete(`firebreak.live.${aId}`);
    const b = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    expect(await b.restoreOffer()).toMatchObject({ ok: true, value: { id: aId, savedAt, reason: 'unsaved' } });
    expect(await b.readAutosave(aId)).toMatchObject({ ok: true, value: { bytes: new Uint8Array([1]), edits: { scenarios, viewState: { view: 'scenario' } } } });

    // Edits of another workspace, or gathered before the autosave, are not its.
    for (const stale of [{ base: 2, seq: 9 }, { base: 3, seq: 6 }]) {
      origin.set(`firebreak.edits.${aId}`, JSON.stringify({ kind: 'edits', ...stale, scenarios, viewState: null, savedAt: '2026-12-01T00:00:00.000Z' }));
      expect(await b.readAutosave(aId)).toMatchObject({ ok: true, value: { edits: null } });
    }
    await b.discardAutosave(aId);
    expect(origin.has(`firebreak.edits.${aId}`)).toBe(false);
    expect(await b.restoreOffer()).toEqual({ ok: true, value: null });
  });

  it('drops the edits kept apart once a whole autosave holds them (a sealed project’s stayed in the clear), but not edits gathered after it', async () => {
    const store = memoryStore();
    const origin = new Map<string, string>();
    const locks = fakeLocks();
    const hostA = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    const aId = [...locks.held][0]?.slice('firebreak.live.'.length) as string;
    await hostA.writeAutosave({ bytes: new Uint8Array([1]), name: 'A', handle: null, encrypted: false, base: 1, seq: 1 });
    await hostA.writeAutosaveEdits({ base: 1, seq: 2, scenarios: [{ name: 'SECRET plan', scenario: {} }], viewState: null });
    expect(origin.get(`firebreak.edits.${aId}`)).toContain('SECRET plan');
    await hostA.writeAutosave({ bytes: new Uint8Array([9]), name: 'A', handle: null, encrypted: true, base: 1, seq: 3 });
    expect(origin.has(`firebreak.edits.${aId}`)).toBe(false);
    // Edits gathered after a whole write that is still going stay.
    await hostA.writeAutosaveEdits({ base: 1, seq: 5, scenarios: [{ name: 'later', scenario: {} }], viewState: null });
    await hostA.writeAutosave({ bytes: new Uint8Array([1]), name: 'A', handle: null, encrypted: false, base: 1, seq: 4 });
    expect(origin.get(`firebreak.edits.${aId}`)).toContain('later');
  });

  it('puts edits too large for localStorage in IndexedDB beside the autosave; clearing the autosave clears them', async () => {
    const store = memoryStore();
    const origin = new Map<string, string>();
    const locks = fakeLocks();
    const hostA = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    const aId = [...locks.held][0]?.slice('firebreak.live.'.length) as string;
    await hostA.writeAutosave({ bytes: new Uint8Array([1]), name: 'A', handle: null, encrypted: false, base: 1, seq: 1 });
    const big = [{ name: 'big', scenario: { note: 'x'.repeat(4_300_000) } }];
    await hostA.writeAutosaveEdits({ base: 1, seq: 2, scenarios: big, viewState: null });
    expect(origin.has(`firebreak.edits.${aId}`)).toBe(false);
    expect(await store.get('autosave', `${aId}.edits`)).toMatchObject({ base: 1, seq: 2 });
    // Only autosaves are offered, never an edits record on its own.
    locks.held.delete(`firebreak.live.${aId}`);
    const b = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    expect(await b.readAutosave(aId)).toMatchObject({ ok: true, value: { edits: { scenarios: big } } });
    locks.held.add(`firebreak.live.${aId}`);
    await hostA.clearAutosave();
    expect(await store.all('autosave')).toEqual([]);
  });

  it('keeps edits put in IndexedDB while a whole write of an earlier moment (the clean copy of a file just saved) looks for older ones to remove', async () => {
    const memory = memoryStore();
    // IndexedDB answers a read of the edits late, and takes a moment to put them: a put of newer edits lands between a read and what follows it.
    const later = (ms: number): Promise<unknown> => new Promise((r) => setTimeout(r, ms));
    const store: WebStore = {
      ...memory,
      get: async (name, key) => {
        const value = await memory.get(name, key);
        if (key.endsWith('.edits')) await later(20);
        return value;
      },
      put: async (name, key, value) => {
        if (key.endsWith('.edits')) await later(10);
        await memory.put(name, key, value);
      },
    };
    const origin = new Map<string, string>();
    const locks = fakeLocks();
    const hostA = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    const aId = [...locks.held][0]?.slice('firebreak.live.'.length) as string;
    await hostA.writeAutosave({ bytes: new Uint8Array([1]), name: 'A', handle: null, encrypted: false, base: 1, seq: 1 });
    const big = [{ name: 'edited right after the save', scenario: { note: 'x'.repeat(4_300_000) } }];
    const clean = hostA.writeAutosave({ bytes: new Uint8Array([2]), name: 'A.firebreak', handle: null, encrypted: false, base: 1, seq: 3, clean: true });
    const edits = hostA.writeAutosaveEdits({ base: 1, seq: 4, scenarios: big, viewState: null });
    expect(await edits).toMatchObject({ ok: true });
    expect(await clean).toMatchObject({ ok: true });
    locks.held.delete(`firebreak.live.${aId}`);
    const b = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    expect(await b.readAutosave(aId)).toMatchObject({ ok: true, value: { bytes: new Uint8Array([2]), edits: { scenarios: big } } });
  });

  it('offers a file kept as it was opened or saved (clean) only with edits over it; left alone, it goes', async () => {
    const store = memoryStore();
    const origin = new Map<string, string>();
    const locks = fakeLocks();
    const hostA = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    const aId = [...locks.held][0]?.slice('firebreak.live.'.length) as string;
    await hostA.writeAutosave({ bytes: new Uint8Array([1, 2]), name: 'q4.firebreak', handle: null, encrypted: false, base: 1, seq: 1, clean: true });
    locks.held.delete(`firebreak.live.${aId}`);
    const hostB = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    const bId = [...locks.held][0]?.slice('firebreak.live.'.length) as string;
    expect(await hostB.restoreOffer()).toEqual({ ok: true, value: null });
    expect(await store.all('autosave')).toEqual([]);
    // The first edit after opening, and the page crashes: the file and the edit are offered.
    await hostB.writeAutosave({ bytes: new Uint8Array([3]), name: 'q4.firebreak', handle: null, encrypted: false, base: 2, seq: 4, clean: true });
    const scenarios = [{ name: 'first edit after opening', scenario: {} }];
    await hostB.writeAutosaveEdits({ base: 2, seq: 5, scenarios, viewState: null });
    locks.held.delete(`firebreak.live.${bId}`);
    const hostC = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    expect(await hostC.restoreOffer()).toMatchObject({ ok: true, value: { id: bId, name: 'q4.firebreak', reason: 'crash' } });
    expect(await hostC.readAutosave(bId)).toMatchObject({ ok: true, value: { bytes: new Uint8Array([3]), edits: { scenarios } } });
  });

  it('never offers work a page saved though the clean copy of the saved bytes never came (the page went first); edits gathered after the save are offered', async () => {
    const store = memoryStore();
    const origin = new Map<string, string>();
    const locks = fakeLocks();
    const idOf = (k: number) => [...locks.held][k]?.slice('firebreak.live.'.length) as string;
    const scenarios = (name: string) => [{ name, scenario: {} }];
    // A: unsaved work with its edits, then Save As of the content gathered at seq 3; the page goes before the clean copy is written.
    const hostA = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    const aId = idOf(0);
    await hostA.writeAutosave({ bytes: new Uint8Array([1]), name: 'Untitled', handle: null, encrypted: false, base: 1, seq: 1 });
    await hostA.writeAutosaveEdits({ base: 1, seq: 2, scenarios: scenarios('saved'), viewState: null });
    expect(await hostA.saveProjectAs({ suggestedName: 'q4', bytes: new Uint8Array([2]), autosaveSeq: 3 })).toMatchObject({ ok: true });
    // C: the same, but an edit gathered after the save's content was kept (over the old base) before the page went.
    const hostC = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    const cId = idOf(1);
    await hostC.writeAutosave({ bytes: new Uint8Array([3]), name: 'Untitled', handle: null, encrypted: false, base: 1, seq: 1 });
    await hostC.writeAutosaveEdits({ base: 1, seq: 2, scenarios: scenarios('saved'), viewState: null });
    const saving = hostC.saveProjectAs({ suggestedName: 'q5', bytes: new Uint8Array([4]), autosaveSeq: 3 });
    await hostC.writeAutosaveEdits({ base: 1, seq: 4, scenarios: scenarios('edited while saving'), viewState: null });
    await saving;
    // D: a copy for viewers does not become the project: its unsaved work stays on offer.
    const hostD = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    const dId = idOf(2);
    await hostD.writeAutosave({ bytes: new Uint8Array([5]), name: 'Untitled', handle: null, encrypted: false, base: 1, seq: 1 });
    await hostD.saveProjectAs({ suggestedName: 'q6 (view only)', bytes: new Uint8Array([6]) });
    for (const id of [aId, cId, dId]) locks.held.delete(`firebreak.live.${id}`);
    const hostB = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    const first = await hostB.restoreOffer();
    expect(first).toMatchObject({ ok: true, value: { id: expect.not.stringMatching(aId) } });
    expect(await store.get('autosave', aId)).toBeUndefined();
    expect([...origin.keys()].filter((k) => k.includes(aId))).toEqual([]);
    const offered = new Set<string>();
    for (let offer = first; offer.ok && offer.value !== null; offer = await hostB.restoreOffer()) {
      offered.add(offer.value.id);
      if (offer.value.id === cId) expect(await hostB.readAutosave(cId)).toMatchObject({ ok: true, value: { edits: { scenarios: scenarios('edited while saving') } } });
      await hostB.discardAutosave(offer.value.id);
    }
    expect(offered).toEqual(new Set([cId, dId]));
  });

  it('after Save As, offers the work under the name saved to though the clean copy of the saved bytes never came: named by the edits over it, or by the save', async () => {
    const store = memoryStore();
    const origin = new Map<string, string>();
    const locks = fakeLocks();
    const idOf = (k: number) => [...locks.held][k]?.slice('firebreak.live.'.length) as string;
    const scenarios = (name: string) => [{ name, scenario: {} }];
    // A: Save As, then an edit kept over the clean copy of the saved bytes, which the page does not live to write.
    const hostA = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    const aId = idOf(0);
    await hostA.writeAutosave({ bytes: new Uint8Array([1]), name: 'Untitled', handle: null, encrypted: false, base: 1, seq: 1 });
    await hostA.writeAutosaveEdits({ base: 1, seq: 2, scenarios: scenarios('saved'), viewState: null, whole: { name: 'Untitled', handle: null, seq: 1 } });
    const saved = await hostA.saveProjectAs({ suggestedName: 'q4', bytes: new Uint8Array([2]), autosaveSeq: 3 });
    if (!saved.ok || saved.value === null) throw new Error('not saved');
    await hostA.writeAutosaveEdits({ base: 1, seq: 5, scenarios: scenarios('edited after the save'), viewState: null, whole: { name: saved.value.name, handle: saved.value.handle, seq: 4 } });
    // C: an edit kept while Save As ran (over the part before it); the page goes before the save answers.
    const hostC = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    const cId = idOf(1);
    await hostC.writeAutosave({ bytes: new Uint8Array([3]), name: 'Untitled', handle: null, encrypted: false, base: 1, seq: 1 });
    const saving = hostC.saveProjectAs({ suggestedName: 'q5', bytes: new Uint8Array([4]), autosaveSeq: 2 });
    await hostC.writeAutosaveEdits({ base: 1, seq: 3, scenarios: scenarios('edited while saving'), viewState: null, whole: { name: 'Untitled', handle: null, seq: 1 } });
    await saving;
    for (const id of [aId, cId]) locks.held.delete(`firebreak.live.${id}`);
    const hostB = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    const names = new Map<string, string>();
    for (let offer = await hostB.restoreOffer(); offer.ok && offer.value !== null; offer = await hostB.restoreOffer()) {
      const read = await hostB.readAutosave(offer.value.id);
      names.set(offer.value.id, `${offer.value.name} / ${read.ok ? read.value.name : read.error.message}`);
      await hostB.discardAutosave(offer.value.id);
    }
    expect(Object.fromEntries(names)).toEqual({ [aId]: 'q4.firebreak / q4.firebreak', [cId]: 'q5.firebreak / q5.firebreak' });
  });

  it('sweeps edits kept only in IndexedDB for a page that left no autosave, unless that page still lives', async () => {
    const store = memoryStore();
    const origin = new Map<string, string>();
    const locks = fakeLocks();
    const big = [{ name: 'big', scenario: { note: 'x'.repeat(4_300_000) } }];
    const hostA = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    const aId = [...locks.held][0]?.slice('firebreak.live.'.length) as string;
    await hostA.writeAutosaveEdits({ base: 1, seq: 2, scenarios: big, viewState: null });
    const hostC = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    const cId = [...locks.held][1]?.slice('firebreak.live.'.length) as string;
    await hostC.writeAutosaveEdits({ base: 1, seq: 2, scenarios: big, viewState: null });
    expect(await store.keys('autosave')).toEqual([`${aId}.edits`, `${cId}.edits`].sort());
    // A's page goes; C's still lives.
    locks.held.delete(`firebreak.live.${aId}`);
    const hostB = createWebHost(fakeWindow({}, { storage: origin, locks }).win, store);
    expect(await hostB.restoreOffer()).toEqual({ ok: true, value: null });
    expect(await store.keys('autosave')).toEqual([`${cId}.edits`]);
  });

  it('puts edits localStorage refuses (full) in IndexedDB and says they were not kept at once; a page gone before IndexedDB had them is told on the next load', async () => {
    const inner = memoryStore();
    let stall = false;
    // IndexedDB that never finishes the edits' write while `stall`: the page went first.
    const store = { ...inner, put: (s: 'autosave' | 'recent', k: string, v: unknown) => (stall && k.endsWith('.edits') ? new Promise<void>(() => undefined) : inner.put(s, k, v)) };
    const origin = new Map<string, string>();
    const locks = fakeLocks();
    let full = false;
    const a = fakeWindow({}, { storage: origin, locks, refuse: (k) => full && k.startsWith('firebreak.edits.') });
    const hostA = createWebHost(a.win, store);
    const aId = [...locks.held][0]?.slice('firebreak.live.'.length) as string;
    await hostA.writeAutosave({ bytes: new Uint8Array([1]), name: 'A', handle: null, encrypted: false, base: 1, seq: 1, clean: true });
    expect(await hostA.writeAutosaveEdits({ base: 1, seq: 2, scenarios: [{ name: 'kept at once', scenario: {} }], viewState: null })).toMatchObject({ ok: true, value: { sync: true } });
    full = true;
    const later = await hostA.writeAutosaveEdits({ base: 1, seq: 3, scenarios: [{ name: 'kept later', scenario: {} }], viewState: null });
    expect(later).toMatchObject({ ok: true, value: { sync: false } });
    expect(await inner.get('autosave', `${aId}.edits`)).toMatchObject({ seq: 3 });
    expect(origin.has(`firebreak.dropped.${aId}`)).toBe(false);
    // The page goes as the next edit is handed over: IndexedDB never gets it.
    stall = true;
    const lost = hostA.writeAutosaveEdits({ base: 1, seq: 4, scenarios: [{ name: 'lost', scenario: {} }], viewState: null });
    a.fire('pagehide', {});
    void lost;
    locks.held.delete(`firebreak.live.${aId}`);
    const b = createWebHost(fakeWindow({}, { storage: origin, locks }).win, inner);
    const offer = await b.restoreOffer();
    expect(offer).toMatchObject({ ok: true, value: { id: aId, reason: 'unsaved', dropped: expect.stringMatching(/^\d{4}-/) } });
    expect(await b.readAutosave(aId)).toMatchObject({ ok: true, value: { edits: { scenarios: [{ name: 'kept later' }] } } });
    // Discarded: the mark goes with the work.
    await b.discardAutosave(aId);
    expect([...origin.keys()].filter((k) => k.includes(aId))).toEqual([]);
  });

  it('saves by downloading even when the browser’s storage cannot hold the recent list (full)', async () => {
    const inner = memoryStore();
    const store = { ...inner, put: () => Promise.reject(new DOMException('full', 'QuotaExceededError')) };
    const w = fakeWindow();
    const host = createWebHost(w.win, store);
    expect(await host.saveProjectAs({ suggestedName: 'q4', bytes: new Uint8Array([1]) })).toMatchObject({ ok: true, value: { name: 'q4.firebreak' } });
    expect(w.clicked.map((c) => c.download)).toEqual(['q4.firebreak']);
  });

  it('refuses edits neither localStorage nor IndexedDB will keep, in words', async () => {
    const inner = memoryStore();
    const store = { ...inner, put: (s: 'autosave' | 'recent', k: string, v: unknown) => (k.endsWith('.edits') ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : inner.put(s, k, v)) };
    const host = createWebHost(fakeWindow({}, { refuse: () => true }).win, store);
    await host.writeAutosave({ bytes: new Uint8Array([1]), name: 'A', handle: null, encrypted: false, base: 1, seq: 1 });
    expect(await host.writeAutosaveEdits({ base: 1, seq: 2, scenarios: [], viewState: null })).toEqual({
      ok: false,
      error: { kind: 'io', message: 'The browser refused to store the latest changes (its storage may be full or disabled).' },
    });
  });

  it('offers the one autosave of earlier versions (key `current`) like an earlier page’s', async () => {
    const store = memoryStore();
    await store.put('autosave', 'current', { name: 'Legacy', savedAt: '2026-11-01T00:00:00.000Z', encrypted: false, bytes: 1, payload: new Uint8Array([5]) });
    const host = createWebHost(fakeWindow().win, store);
    expect(await host.restoreOffer()).toMatchObject({ ok: true, value: { id: 'current', name: 'Legacy' } });
    expect(await host.readAutosave('current')).toMatchObject({ ok: true, value: { bytes: new Uint8Array([5]) } });
    await host.discardAutosave('current');
    expect(await host.restoreOffer()).toEqual({ ok: true, value: null });
  });

  it('puts the project in the title, warns before leaving unsaved work, and asks with confirm()', async () => {
    const w = fakeWindow({}, { confirm: true });
    const host = createWebHost(w.win, memoryStore());
    await host.setProjectState({ title: 'Q4.firebreak', dirty: true, readOnly: false });
    expect(w.document.title).toBe('Q4.firebreak • — Firebreak');
    const leaving = { preventDefault: vi.fn(), returnValue: undefined as unknown };
    w.fire('beforeunload', leaving);
    expect(leaving.preventDefault).toHaveBeenCalled();
    await host.setProjectState({ title: 'Q4.firebreak', dirty: false, readOnly: true });
    expect(w.document.title).toBe('Q4.firebreak (read-only) — Firebreak');
    const calm = { preventDefault: vi.fn() };
    w.fire('beforeunload', calm);
    expect(calm.preventDefault).not.toHaveBeenCalled();
    expect(await host.confirmUnsaved({ name: 'Q4' })).toEqual({ ok: true, value: 'discard' });
    expect(await createWebHost(fakeWindow({}, { confirm: false }).win, memoryStore()).confirmUnsaved({ name: 'Q4' })).toEqual({ ok: true, value: 'cancel' });
  });

  it('turns Ctrl+S, Ctrl+Shift+S and F1 into menu events (the browser has no menu)', () => {
    const w = fakeWindow();
    const host = createWebHost(w.win, memoryStore());
    const events: unknown[] = [];
    const stop = host.onHostEvent((e) => events.push(e));
    const key = (init: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean; key: string }) => {
      const preventDefault = vi.fn();
      w.fire('keydown', { ctrlKey: false, metaKey: false, shiftKey: false, preventDefault, ...init });
      return preventDefault.mock.calls.length > 0;
    };
    expect(key({ ctrlKey: true, key: 's' })).toBe(true);
    expect(key({ metaKey: true, shiftKey: true, key: 'S' })).toBe(true);
    expect(key({ key: 'F1' })).toBe(true);
    expect(key({ ctrlKey: true, key: 'o' })).toBe(false);
    expect(events).toEqual([
      { type: 'menu', command: 'save' },
      { type: 'menu', command: 'save-as' },
      { type: 'menu', command: 'user-guide' },
    ]);
    stop();
    expect(key({ ctrlKey: true, key: 's' })).toBe(false);
  });
});
