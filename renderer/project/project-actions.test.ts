import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { asWorkerMessage, type OpenedProject } from '../../engine/protocol';
import { serve } from '../../engine/serve';
import type { AutosaveContent, AutosaveEdits, AutosaveRequest, HostApi, HostResult, ProjectFile, RestoreOffer, UnsavedChoice } from '../../main/host-api';
import { createEngineClient, type EngineClient } from '../engine-client';
import type { ContentChange, ProjectBridge, ProjectContent } from './bridge';
import { createProjectActions, type ProjectActions } from './project-actions';
import { createProjectStore, type ProjectStore } from './project-store';

const DEMO = join(import.meta.dirname, '..', '..', 'assets', 'demo');
const TABLES = ['assets', 'nodes', 'oracles', 'feeds', 'positions', 'perps', 'holdings', 'obligations', 'backing'];
const flash = JSON.parse(readFileSync(join(DEMO, 'scenarios', 'flash-crash.json'), 'utf8')) as unknown;
const MAGIC = [0x89, 0x46, 0x42, 0x4b, 0x45, 0x4e, 0x43, 0x0a];

/** The real engine, in this process, behind the real client. */
function inProcessEngine(): EngineClient {
  let toEngine: (msg: unknown) => void = () => undefined;
  let toClient: (msg: unknown) => void = () => undefined;
  serve(
    { post: (msg) => queueMicrotask(() => toClient(msg)), onMessage: (cb) => (toEngine = cb) },
    { now: () => performance.now(), yieldToEvents: () => new Promise((r) => setTimeout(r, 0)) },
  );
  return createEngineClient({
    post: (msg) => queueMicrotask(() => toEngine(msg)),
    onMessage: (cb) => (toClient = (m) => asWorkerMessage(m) && cb(m)),
    onFailure: () => undefined,
    close: () => undefined,
  });
}

/** A desktop host with a pretend disk: files by handle, this session's autosave and earlier sessions', scripted answers. */
class FakeHost {
  disk = new Map<string, { name: string; bytes: Uint8Array; readOnly: boolean }>();
  autosaved: AutosaveRequest | null = null;
  /** This session's edits since its autosave. */
  edits: AutosaveEdits | null = null;
  /** Earlier sessions' autosaves, the oldest first. */
  earlier: { offer: RestoreOffer; work: AutosaveRequest; edits?: AutosaveContent }[] = [];
  /** Earlier work comes back as a read-only file (as a viewer's project opens). */
  restoresReadOnly = false;
  answers: UnsavedChoice[] = [];
  toOpen: string | null = null;
  states: unknown[] = [];
  closeAnswers: boolean[] = [];
  private n = 0;

  put(name: string, bytes: Uint8Array, readOnly = false): string {
    const handle = `0000000${++this.n}-0000-4000-8000-000000000000`;
    this.disk.set(handle, { name, bytes, readOnly });
    return handle;
  }

  file(handle: string): ProjectFile {
    const f = this.disk.get(handle);
    if (!f) throw new Error('no such file');
    return { handle, name: f.name, location: '/home/analyst', bytes: f.bytes, readOnly: f.readOnly };
  }

  api(): HostApi {
    const ok = <T>(value: T): Promise<HostResult<T>> => Promise.resolve({ ok: true, value });
    const unused = () => Promise.reject(new Error('not used here'));
    return {
      openFiles: unused,
      saveFile: unused,
      printReport: unused,
      readDemo: unused,
      appInfo: unused,
      openProject: vi.fn(() => ok(this.toOpen === null ? null : this.file(this.toOpen))),
      saveProject: vi.fn(({ handle, bytes }) => {
        const f = this.disk.get(handle);
        if (!f || f.readOnly) return Promise.resolve({ ok: false as const, error: { kind: 'forbidden' as const, message: 'read-only' } });
        f.bytes = bytes;
        return ok({ handle, name: f.name, location: '/home/analyst' });
      }),
      saveProjectAs: vi.fn(({ suggestedName, bytes }) => {
        const name = `${suggestedName}.firebreak`;
        return ok({ handle: this.put(name, bytes), name, location: '/home/analyst' });
      }),
      recentProjects: vi.fn(() => ok([])),
      openRecent: vi.fn(() => Promise.resolve({ ok: false as const, error: { kind: 'not-found' as const, message: 'gone' } })),
      clearRecent: vi.fn(() => ok(null)),
      setProjectState: vi.fn((s) => (this.states.push(s), ok(null))),
      writeAutosave: vi.fn((r: AutosaveRequest) => ((this.autosaved = r), ok({ name: r.name, savedAt: '2026-11-30T10:00:00.000Z', encrypted: r.encrypted, bytes: r.bytes.length }))),
      writeAutosaveEdits: vi.fn((e: AutosaveEdits) => ((this.edits = e), ok({ savedAt: '2026-11-30T10:00:01.000Z', sync: true }))),
      restoreOffer: vi.fn(() => ok(this.earlier[0]?.offer ?? null)),
      readAutosave: vi.fn((id: string) => {
        const e = this.earlier.find((x) => x.offer.id === id);
        const w = e?.work;
        return w === undefined
          ? Promise.resolve({ ok: false as const, error: { kind: 'not-found' as const, message: 'none' } })
          : ok({ handle: w.handle, name: w.name, location: null, bytes: w.bytes, readOnly: this.restoresReadOnly, edits: e?.edits ?? null });
      }),
      discardAutosave: vi.fn((id: string) => ((this.earlier = this.earlier.filter((e) => e.offer.id !== id)), ok(null))),
      clearAutosave: vi.fn(() => ((this.autosaved = null), (this.edits = null), ok(null))),
      confirmUnsaved: vi.fn(() => ok(this.answers.shift() ?? 'cancel')),
      respondToClose: vi.fn(({ proceed }) => (this.closeAnswers.push(proceed), ok(null))),
      onHostEvent: () => () => undefined,
      onMenuCommand: () => () => undefined,
    };
  }
}

class TestBridge implements ProjectBridge {
  content: ProjectContent = { scenarios: [{ name: 'Flash crash', scenario: flash }], run: { runId: 'r1', scenario: flash }, viewState: { view: 'results' } };
  applied: { opened: OpenedProject; name: string }[] = [];
  resets = 0;
  workspaceKey?: () => unknown;
  private listener: (c: ContentChange) => void = () => undefined;
  collect = (): ProjectContent => this.content;
  apply = (opened: OpenedProject, name: string): void => {
    this.applied.push({ opened, name });
    this.listener('edited');
  };
  reset = (): void => {
    this.resets += 1;
  };
  subscribe(listener: (c: ContentChange) => void): () => void {
    this.listener = listener;
    return () => undefined;
  }
}

let engine: EngineClient;
let fake: FakeHost;
let host: HostApi;
let bridge: TestBridge;
let store: ProjectStore;
let actions: ProjectActions;

async function importAndRun(e: EngineClient): Promise<void> {
  const files = TABLES.map((t) => ({ name: `${t}.csv`, bytes: new Uint8Array(readFileSync(join(DEMO, 'workspace', `${t}.csv`))) }));
  const imported = await e.request('workspace.import', { files });
  const run = await e.request('sim.run', { runId: 'r1', scenario: flash });
  if (!imported.ok || !run.ok) throw new Error('fixture');
}

/** Answers the passphrase dialog once it is shown. */
async function answerPassphrase(value: string | null): Promise<void> {
  await vi.waitFor(() => expect(store.getState().passphrase).not.toBeNull());
  if (value === null) actions.cancelPassphrase();
  else actions.submitPassphrase(value);
}

/** Holds back each clean copy of saved bytes (a big project, a slow disk) until `release` lets the last one through. */
function holdCleanCopies(): { release: () => void } {
  const held = { release: (): void => undefined };
  const write = host.writeAutosave;
  host.writeAutosave = vi.fn((r: AutosaveRequest) => (r.clean === true ? new Promise<void>((go) => (held.release = go)).then(() => write(r)) : write(r)));
  return held;
}

beforeEach(async () => {
  engine = inProcessEngine();
  await importAndRun(engine);
  fake = new FakeHost();
  host = fake.api();
  bridge = new TestBridge();
  store = createProjectStore();
  actions = createProjectActions({ host, engine, bridge, store, now: () => new Date('2026-11-30T09:15:00Z') });
});

describe('saving', () => {
  it('makes an untitled project on the first edit; its first Save asks where (Save As), then saves in place', async () => {
    expect(actions.contentChanged('edited')).toBe(true);
    expect(store.getState().project).toMatchObject({ name: 'Untitled', handle: null, dirty: true });
    expect(await actions.save()).toBe(true);
    expect(host.saveProjectAs).toHaveBeenCalledWith({ suggestedName: 'Untitled', bytes: expect.any(Uint8Array), autosaveSeq: expect.any(Number) });
    const p = store.getState().project;
    expect(p).toMatchObject({ name: 'Untitled.firebreak', dirty: false, readOnly: false });
    expect(store.getState().notice).toBe('Saved Untitled.firebreak');
    // The saved file is the autosave now: clean, the base of the next edits.
    await actions.autosave();
    expect(fake.autosaved).toMatchObject({ name: 'Untitled.firebreak', handle: p?.handle, clean: true, bytes: fake.disk.get(p?.handle as string)?.bytes });
    actions.contentChanged('edited');
    expect(await actions.save()).toBe(true);
    expect(host.saveProject).toHaveBeenCalledWith({ handle: p?.handle, bytes: expect.any(Uint8Array), autosaveSeq: expect.any(Number) });
  });

  it('saves without results (and says so) when the last run no longer belongs to the workspace', async () => {
    bridge.content = { ...bridge.content, run: { runId: 'gone', scenario: flash } };
    actions.contentChanged('edited');
    expect(await actions.save()).toBe(true);
    expect(store.getState().notice).toBe('Saved Untitled.firebreak without results (the last run no longer matches the workspace; run again to include them)');
  });

  it('names the problem when there is nothing to save', async () => {
    const empty = createProjectActions({ host, engine: inProcessEngine(), bridge, store, now: () => new Date() });
    empty.contentChanged('edited');
    expect(await empty.save()).toBe(false);
    expect(store.getState().error).toBe('There is nothing to save yet: import a workspace or open a project first.');
  });
});

describe('opening', () => {
  async function savedProject(options: { readOnly?: boolean; viewer?: boolean } = {}): Promise<string> {
    actions.contentChanged('edited');
    await actions.saveAs(options.viewer ? { viewerCopy: true } : {});
    const handle = [...fake.disk.keys()].at(-1) as string;
    const f = fake.disk.get(handle);
    if (f && options.readOnly) f.readOnly = true;
    return handle;
  }

  it('opens a project in a fresh engine with its results, and shows it through the bridge', async () => {
    const handle = await savedProject();
    const other = createProjectActions({ host, engine: inProcessEngine(), bridge, store: createProjectStore(), now: () => new Date() });
    fake.toOpen = handle;
    expect(await other.open()).toBe(true);
    const { opened, name } = bridge.applied.at(-1) as { opened: OpenedProject; name: string };
    expect(name).toBe('Untitled.firebreak');
    expect(opened.scenarios).toEqual(bridge.content.scenarios);
    expect(opened.run?.summary.scenario).toBe('Flash crash: ETH -30%, stale oracle, Bitnova outage');
    expect(opened.viewState).toEqual({ view: 'results' });
  });

  it('asks before dropping unsaved work: cancel keeps it, discard drops it, save saves it first', async () => {
    const handle = await savedProject();
    fake.toOpen = handle;
    actions.contentChanged('edited');
    fake.answers = ['cancel'];
    expect(await actions.open()).toBe(false);
    expect(host.openProject).not.toHaveBeenCalled();
    expect(store.getState().project?.dirty).toBe(true);
    fake.answers = ['discard'];
    expect(await actions.open()).toBe(true);
    expect(store.getState().project?.dirty).toBe(false);
    actions.contentChanged('edited');
    fake.answers = ['save'];
    const saves = vi.mocked(host.saveProject).mock.calls.length;
    expect(await actions.open()).toBe(true);
    expect(vi.mocked(host.saveProject).mock.calls.length).toBe(saves + 1);
  });

  it('opens a read-only file as a viewer: no edit marks it unsaved, Save makes an editable copy', async () => {
    fake.toOpen = await savedProject({ readOnly: true });
    await actions.open();
    expect(store.getState().project).toMatchObject({ readOnly: true, readOnlyReason: 'file', dirty: false });
    expect(store.getState().notice).toContain('read-only');
    expect(actions.contentChanged('edited')).toBe(false);
    expect(store.getState().project?.dirty).toBe(false);
    vi.mocked(host.saveProjectAs).mockClear();
    expect(await actions.save()).toBe(true);
    expect(host.saveProject).not.toHaveBeenCalled();
    expect(host.saveProjectAs).toHaveBeenCalled();
    expect(store.getState().project).toMatchObject({ readOnly: false, readOnlyReason: null, name: 'Untitled.firebreak' });
  });

  it('opens a copy saved for viewers read-only, while the author keeps editing the original', async () => {
    actions.contentChanged('edited');
    await actions.save();
    const original = store.getState().project;
    fake.toOpen = await savedProject({ viewer: true });
    expect(store.getState().project?.handle).toBe(original?.handle);
    expect(store.getState().notice).toMatch(/^Saved a read-only copy for viewers: Untitled \(view only\)\.firebreak$/);
    const viewer = createProjectStore();
    const executive = createProjectActions({ host, engine: inProcessEngine(), bridge, store: viewer, now: () => new Date() });
    await executive.open();
    expect(viewer.getState().project).toMatchObject({ readOnly: true, readOnlyReason: 'author', meta: { openAs: 'viewer' } });
  });

  it('names a damaged file and changes nothing', async () => {
    const handle = fake.put('broken.firebreak', new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]));
    fake.toOpen = handle;
    expect(await actions.open()).toBe(false);
    expect(store.getState().error).toMatch(/^“broken.firebreak” cannot be opened\. The project file is cut short/);
    expect(store.getState().project).toBeNull();
    expect(bridge.applied).toEqual([]);
  });
});

describe('encryption', () => {
  it('protects a project, re-seals every save without asking again, and asks for the passphrase to open it', async () => {
    actions.contentChanged('edited');
    const protecting = actions.protect();
    await answerPassphrase('treasury-2026!');
    expect(await protecting).toBe(true);
    expect(store.getState().project).toMatchObject({ encrypted: true });
    await actions.save();
    await actions.save();
    const handle = store.getState().project?.handle as string;
    const bytes = fake.disk.get(handle)?.bytes as Uint8Array;
    expect([...bytes.subarray(0, 8)]).toEqual(MAGIC);

    const viewer = createProjectStore();
    const reader = createProjectActions({ host, engine: inProcessEngine(), bridge, store: viewer, now: () => new Date() });
    fake.toOpen = handle;
    const opening = reader.openHandedOver(fake.file(handle));
    await vi.waitFor(() => expect(viewer.getState().passphrase).toEqual({ purpose: 'open', name: 'Untitled.firebreak', retry: false }));
    reader.submitPassphrase('treasury-2025!');
    await vi.waitFor(() => expect(viewer.getState().passphrase).toEqual({ purpose: 'open', name: 'Untitled.firebreak', retry: true }));
    reader.submitPassphrase('treasury-2026!');
    expect(await opening).toBe(true);
    expect(viewer.getState().project).toMatchObject({ encrypted: true, dirty: false });
    reader.contentChanged('edited');
    await reader.save();
    expect([...(fake.disk.get(handle)?.bytes ?? []).slice(0, 8)]).toEqual(MAGIC);
  });

  it('opens nothing when the passphrase dialog is cancelled', async () => {
    actions.contentChanged('edited');
    const p = actions.protect();
    await answerPassphrase('a long passphrase');
    await p;
    await actions.save();
    const handle = store.getState().project?.handle as string;
    const reader = createProjectActions({ host, engine: inProcessEngine(), bridge, store: (store = createProjectStore()), now: () => new Date() });
    actions = reader;
    const opening = reader.openHandedOver(fake.file(handle));
    await answerPassphrase(null);
    expect(await opening).toBe(false);
    expect(store.getState().project).toBeNull();
  });
});

describe('autosave, restore and closing', () => {
  it('autosaves unsaved work only, with the file it belongs to', async () => {
    await actions.autosave();
    expect(host.writeAutosave).not.toHaveBeenCalled();
    actions.contentChanged('edited');
    await actions.save();
    actions.contentChanged('edited');
    await actions.autosave();
    expect(fake.autosaved).toMatchObject({ name: 'Untitled.firebreak', handle: store.getState().project?.handle, encrypted: false });
    expect(store.getState().lastAutosave).toBe('2026-11-30T10:00:00.000Z');
  });

  /** Earlier sessions' work: this session's autosave of an edit, moved to them under each id. */
  async function earlierWork(...ids: string[]): Promise<void> {
    actions.contentChanged('edited');
    await actions.autosave();
    const work = fake.autosaved as AutosaveRequest;
    fake.autosaved = null;
    fake.earlier = ids.map((id, k) => ({ offer: { id, name: 'Untitled', savedAt: `2026-11-2${k}T10:00:00.000Z`, encrypted: false, bytes: work.bytes.length, reason: 'crash' }, work }));
  }

  it('offers an earlier session’s work and restores it as unsaved, autosaved as this session’s before the earlier copy goes; then the next', async () => {
    await earlierWork('s1764500000000-1', 's1764600000000-2');
    const fresh = createProjectStore();
    const next = createProjectActions({ host, engine: inProcessEngine(), bridge, store: fresh, now: () => new Date() });
    await next.checkRestore();
    expect(fresh.getState().restore?.id).toBe('s1764500000000-1');
    expect(await next.restore()).toBe(true);
    expect(fresh.getState()).toMatchObject({ project: { name: 'Untitled', dirty: true } });
    expect(fake.autosaved).not.toBeNull();
    expect(host.discardAutosave).toHaveBeenCalledWith('s1764500000000-1');
    // The next earlier session's work is offered at once; Discard forgets it.
    expect(fresh.getState().restore?.id).toBe('s1764600000000-2');
    await next.discardRestore();
    expect(fresh.getState().restore).toBeNull();
    expect(fake.earlier).toEqual([]);
  });

  it('lets the earlier copy go once restored read-only (nothing to autosave), offering the next', async () => {
    await earlierWork('s1764500000000-1', 's1764600000000-2');
    fake.restoresReadOnly = true;
    await actions.checkRestore();
    fake.answers = ['discard'];
    expect(await actions.restore()).toBe(true);
    expect(store.getState().project?.readOnly).toBe(true);
    expect(host.discardAutosave).toHaveBeenCalledWith('s1764500000000-1');
    expect(store.getState().restore?.id).toBe('s1764600000000-2');
  });

  it('keeps the offer when the restore is cancelled at the question about the work open now', async () => {
    await earlierWork('s1764500000000-1');
    await actions.checkRestore();
    actions.contentChanged('edited');
    fake.answers = ['cancel'];
    expect(await actions.restore()).toBe(false);
    expect(store.getState().restore?.id).toBe('s1764500000000-1');
    expect(fake.earlier).toHaveLength(1);
  });

  it('autosaves this session’s work while an earlier session’s is offered, never over it; Close clears only this session’s', async () => {
    await earlierWork('s1764500000000-1');
    const offered = fake.earlier[0]?.work;
    await actions.checkRestore();
    actions.contentChanged('edited');
    expect(await actions.autosave()).toBe(true);
    expect(fake.autosaved).not.toBeNull();
    fake.answers = ['discard'];
    expect(await actions.close()).toBe(true);
    expect(fake.autosaved).toBeNull();
    expect(fake.earlier.map((e) => e.work)).toEqual([offered]);
    expect(store.getState().restore?.id).toBe('s1764500000000-1');
    expect(host.discardAutosave).not.toHaveBeenCalled();
  });

  it('on a close request, autosaves first, then asks; the answer goes back to the host', async () => {
    const ui = { command: vi.fn() };
    actions.contentChanged('edited');
    fake.answers = ['cancel'];
    await actions.handleHostEvent({ type: 'close-requested' }, ui);
    expect(fake.autosaved).not.toBeNull();
    fake.answers = ['discard'];
    await actions.handleHostEvent({ type: 'close-requested' }, ui);
    expect(fake.closeAnswers).toEqual([false, true]);
  });

  it('Close and New empty the UI after asking', async () => {
    actions.contentChanged('edited');
    fake.answers = ['cancel'];
    expect(await actions.close()).toBe(false);
    expect(bridge.resets).toBe(0);
    fake.answers = ['discard'];
    expect(await actions.newProject()).toBe(true);
    expect(bridge.resets).toBe(1);
    expect(store.getState().project).toBeNull();
  });
});

describe('autosave: the whole project, then only the edits', () => {
  const edited = (name: string): void => {
    bridge.content = { ...bridge.content, scenarios: [{ name, scenario: flash }], viewState: { view: 'scenario', name } };
    actions.contentChanged('edited');
  };

  it('writes the whole project once, then only the edits while the workspace stays, nothing when nothing changed, the whole again for another workspace', async () => {
    let key = {};
    bridge.workspaceKey = () => key;
    actions.contentChanged('edited');
    expect(await actions.autosaveSoon()).toBe(true);
    expect(host.writeAutosave).toHaveBeenCalledTimes(1);
    const whole = fake.autosaved as AutosaveRequest;
    expect(whole).toMatchObject({ base: expect.any(Number), seq: expect.any(Number) });
    expect(await actions.autosave()).toBe(true);
    expect(host.writeAutosave).toHaveBeenCalledTimes(1);
    expect(host.writeAutosaveEdits).not.toHaveBeenCalled();

    edited('Flash crash, deeper');
    expect(await actions.autosaveSoon()).toBe(true);
    expect(host.writeAutosave).toHaveBeenCalledTimes(1);
    expect(fake.edits).toMatchObject({ base: whole.base, scenarios: [{ name: 'Flash crash, deeper', scenario: flash }], viewState: { view: 'scenario' } });
    expect(fake.edits?.seq).toBeGreaterThan(whole.seq ?? Infinity);
    expect(store.getState().lastAutosave).toBe('2026-11-30T10:00:01.000Z');

    key = {};
    expect(await actions.autosaveSoon()).toBe(true);
    expect(host.writeAutosave).toHaveBeenCalledTimes(2);
    expect(fake.autosaved?.base).not.toBe(whole.base);
  });

  it('hands the edits to the host at once as the page goes, only over an autosave of the workspace shown', async () => {
    let key = {};
    bridge.workspaceKey = () => key;
    edited('before any autosave');
    actions.flushEdits();
    expect(host.writeAutosaveEdits).not.toHaveBeenCalled();
    await actions.autosave();
    actions.flushEdits();
    expect(host.writeAutosaveEdits).not.toHaveBeenCalled();
    edited('just before the reload');
    actions.flushEdits();
    // Called synchronously: nothing awaited between the edit and the host.
    expect(host.writeAutosaveEdits).toHaveBeenCalledTimes(1);
    expect(fake.edits?.scenarios[0]?.name).toBe('just before the reload');
    key = {};
    edited('on another workspace');
    actions.flushEdits();
    expect(host.writeAutosaveEdits).toHaveBeenCalledTimes(1);
  });

  it('after a save the saved file is the autosave (clean): the next edit writes only the edits over it, at once as the page goes', async () => {
    bridge.workspaceKey = () => 'ws';
    actions.contentChanged('edited');
    await actions.autosave();
    await actions.saveAs();
    await actions.autosave();
    expect(host.writeAutosave).toHaveBeenCalledTimes(2);
    expect(fake.autosaved).toMatchObject({ clean: true, name: 'Untitled.firebreak' });
    edited('after the save');
    actions.flushEdits();
    expect(host.writeAutosaveEdits).toHaveBeenCalledTimes(1);
    expect(fake.edits).toMatchObject({ base: fake.autosaved?.base, scenarios: [{ name: 'after the save' }] });
    expect(fake.edits?.seq).toBeGreaterThan(fake.autosaved?.seq ?? Infinity);
    expect(host.writeAutosave).toHaveBeenCalledTimes(2);
  });

  it('keeps an edit made right after a save at once, while the clean copy of the saved file is still being written: over either copy', async () => {
    bridge.workspaceKey = () => 'ws';
    actions.contentChanged('edited');
    await actions.autosave();
    const before = fake.autosaved as AutosaveRequest;
    const held = holdCleanCopies();
    await actions.saveAs();
    expect(store.getState().project?.dirty).toBe(false);
    const clean = vi.mocked(host.writeAutosave).mock.calls[0]?.[0] as AutosaveRequest;
    expect(clean).toMatchObject({ clean: true, name: 'Untitled.firebreak' });
    edited('right after the save');
    // Written without a page going away (a crash gives no pagehide), not after the clean copy.
    void actions.autosaveSoon();
    await vi.waitFor(() => expect(fake.edits?.scenarios[0]?.name).toBe('right after the save'), { timeout: 2_000 });
    // Of the same workspace as both copies, gathered after both: applies over whichever is there.
    expect(fake.edits?.base).toBe(before.base);
    expect(clean.base).toBe(before.base);
    expect(fake.edits?.seq).toBeGreaterThan(clean.seq ?? Infinity);
    // And as the page goes.
    edited('just before the reload');
    actions.flushEdits();
    expect(fake.edits?.scenarios[0]?.name).toBe('just before the reload');
    held.release();
    await vi.waitFor(() => expect(fake.autosaved).toMatchObject({ clean: true, base: before.base }));
    edited('once the clean copy is in');
    expect(await actions.autosaveSoon()).toBe(true);
    expect(fake.edits).toMatchObject({ base: before.base, scenarios: [{ name: 'once the clean copy is in' }] });
    expect(host.writeAutosave).toHaveBeenCalledTimes(1);
  });

  it('names in the edits the whole part they go over: while Save As runs, the part before; after it, the file saved to, though its clean copy is still being written', async () => {
    bridge.workspaceKey = () => 'ws';
    actions.contentChanged('edited');
    await actions.autosave();
    const before = fake.autosaved as AutosaveRequest;
    const held = holdCleanCopies();
    const saveAs = host.saveProjectAs;
    host.saveProjectAs = vi.fn((r: Parameters<HostApi['saveProjectAs']>[0]) => {
      // The file's content is gathered: this edit is not in it, and is kept as the page goes.
      edited('while saving as');
      actions.flushEdits();
      return saveAs(r);
    });
    await actions.saveAs();
    const during = vi.mocked(host.writeAutosaveEdits).mock.calls[0]?.[0];
    expect(during).toMatchObject({ scenarios: [{ name: 'while saving as' }], whole: { name: 'Untitled', handle: null, seq: before.seq } });
    const clean = vi.mocked(host.writeAutosave).mock.calls[0]?.[0] as AutosaveRequest;
    expect(clean).toMatchObject({ clean: true, name: 'Untitled.firebreak' });
    // Not in the saved file: written over it at once, naming it.
    await vi.waitFor(() => expect(host.writeAutosaveEdits).toHaveBeenCalledTimes(2));
    const project = store.getState().project;
    expect(fake.edits).toMatchObject({ scenarios: [{ name: 'while saving as' }], whole: { name: 'Untitled.firebreak', handle: project?.handle, seq: clean.seq } });
    edited('after saving as');
    actions.flushEdits();
    expect(fake.edits).toMatchObject({ scenarios: [{ name: 'after saving as' }], whole: { name: 'Untitled.firebreak', handle: project?.handle, seq: clean.seq } });
    held.release();
  });

  it('never writes the edits of a sealed project in the clear: its autosave is the whole project, sealed', async () => {
    bridge.workspaceKey = () => 'ws';
    actions.contentChanged('edited');
    const protecting = actions.protect();
    await answerPassphrase('treasury-2026!');
    await protecting;
    await actions.autosave();
    edited('sealed edit');
    actions.flushEdits();
    expect(await actions.autosaveSoon()).toBe(true);
    expect(host.writeAutosaveEdits).not.toHaveBeenCalled();
    expect(host.writeAutosave).toHaveBeenCalledTimes(2);
    expect([...(fake.autosaved?.bytes.subarray(0, 8) ?? [])]).toEqual(MAGIC);
  });

  it('follows a sealed write with another when an edit came while it ran, though nothing asks for it again', async () => {
    bridge.workspaceKey = () => 'ws';
    actions.contentChanged('edited');
    const protecting = actions.protect();
    await answerPassphrase('treasury-2026!');
    await protecting;
    await actions.autosave();
    const request = engine.request;
    let once = true;
    // The edit comes while the engine seals the autosave (the shell's debounced call for it lost, as when a save took it).
    engine.request = ((method, args) => {
      if (method === 'project.save' && once) {
        once = false;
        edited('edited just before the sealed write finished');
      }
      return request(method, args);
    }) as EngineClient['request'];
    edited('edited first');
    expect(await actions.autosave()).toBe(true);
    await vi.waitFor(() => expect(host.writeAutosave).toHaveBeenCalledTimes(3), { timeout: 3_000 });
    const opened = await request('project.open', { bytes: fake.autosaved?.bytes as Uint8Array, runId: 'check', passphrase: 'treasury-2026!' });
    expect(opened.ok && opened.value.scenarios[0]?.name).toBe('edited just before the sealed write finished');
    expect(host.writeAutosaveEdits).not.toHaveBeenCalled();
  });

  it('writes an edit made while a sealed save ran (not in the file; its edits never in the clear) sealed once the save ends', async () => {
    bridge.workspaceKey = () => 'ws';
    actions.contentChanged('edited');
    const protecting = actions.protect();
    await answerPassphrase('treasury-2026!');
    await protecting;
    await actions.autosave();
    const saveAs = host.saveProjectAs;
    // The edit comes as the file is written, and its autosave is asked for at once (the shell's first edit after a quiet spell).
    host.saveProjectAs = vi.fn((r) => (edited('edited as the sealed save finished'), void actions.autosaveSoon(), saveAs(r)));
    // The save ends a moment after the saved file's copy is kept (the recent list answers late).
    const recent = host.recentProjects;
    host.recentProjects = vi.fn(() => new Promise<Awaited<ReturnType<HostApi['recentProjects']>>>((r) => setTimeout(() => void recent().then(r), 50)));
    await actions.saveAs();
    expect(store.getState().project?.dirty).toBe(true);
    await vi.waitFor(() => expect(fake.autosaved?.clean).toBeUndefined(), { timeout: 2_000 });
    expect(fake.autosaved).toMatchObject({ encrypted: true, name: 'Untitled.firebreak' });
    expect([...(fake.autosaved?.bytes.subarray(0, 8) ?? [])]).toEqual(MAGIC);
    const opened = await engine.request('project.open', { bytes: fake.autosaved?.bytes as Uint8Array, runId: 'check', passphrase: 'treasury-2026!' });
    expect(opened.ok && opened.value.scenarios[0]?.name).toBe('edited as the sealed save finished');
    expect(host.writeAutosaveEdits).not.toHaveBeenCalled();
  });

  it('writes another workspace whole at once, however long the last whole write took', async () => {
    let t = Date.parse('2026-11-30T09:15:00Z');
    // Every reading of the clock is 0.6 s later: a whole write "takes" over half a second.
    actions = createProjectActions({ host, engine, bridge, store, now: () => new Date((t += 600)) });
    let key = {};
    bridge.workspaceKey = () => key;
    actions.contentChanged('edited');
    expect(await actions.autosaveSoon()).toBe(true);
    key = {};
    expect(await actions.autosaveSoon()).toBe(true);
    expect(host.writeAutosave).toHaveBeenCalledTimes(2);
  });

  it('lets a costly rewrite of the workspace already autosaved (a sealed edit) wait after an edit, then writes it by itself', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let t = Date.parse('2026-11-30T09:15:00Z');
      actions = createProjectActions({ host, engine, bridge, store, now: () => new Date((t += 600)) });
      bridge.workspaceKey = () => 'ws';
      actions.contentChanged('edited');
      const protecting = actions.protect();
      await answerPassphrase('treasury-2026!');
      await protecting;
      expect(await actions.autosaveSoon()).toBe(true);
      edited('sealed, a moment later');
      expect(await actions.autosaveSoon()).toBe(false);
      expect(host.writeAutosave).toHaveBeenCalledTimes(1);
      // Not left for the 30 s timer: once the wait (as long as the last write took) is over, it is written.
      await vi.advanceTimersByTimeAsync(5_000);
      await vi.waitFor(() => expect(host.writeAutosave).toHaveBeenCalledTimes(2));
      expect(host.writeAutosaveEdits).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('restores an autosave with its later edits in place of its scenarios and view', async () => {
    actions.contentChanged('edited');
    await actions.autosave();
    const work = fake.autosaved as AutosaveRequest;
    const edits = { scenarios: [{ name: 'Edited a second before the crash', scenario: flash }], viewState: { view: 'scenario' } };
    fake.earlier = [{ offer: { id: 's1764500000000-1', name: 'Untitled', savedAt: '2026-11-29T10:00:00.000Z', encrypted: false, bytes: work.bytes.length, reason: 'crash' }, work, edits }];
    await actions.checkRestore();
    fake.answers = ['discard'];
    expect(await actions.restore()).toBe(true);
    const opened = bridge.applied.at(-1)?.opened;
    expect(opened?.scenarios).toEqual(edits.scenarios);
    expect(opened?.viewState).toEqual(edits.viewState);
  });
});

describe('autosave: a base before the first edit, and saying when it fails', () => {
  const edited = (name: string): void => {
    bridge.content = { ...bridge.content, scenarios: [{ name, scenario: flash }], viewState: { view: 'scenario', name } };
    actions.contentChanged('edited');
  };
  async function openedFile(): Promise<{ handle: string; bytes: Uint8Array }> {
    actions.contentChanged('edited');
    await actions.saveAs();
    const handle = store.getState().project?.handle as string;
    actions = createProjectActions({ host, engine: inProcessEngine(), bridge, store: (store = createProjectStore()), now: () => new Date('2026-11-30T09:20:00Z') });
    vi.mocked(host.writeAutosave).mockClear();
    fake.autosaved = null;
    const apply = vi.spyOn(bridge, 'apply');
    expect(await actions.openHandedOver(fake.file(handle))).toBe(true);
    // Kept while the engine read it, before it was shown.
    expect(vi.mocked(host.writeAutosave).mock.invocationCallOrder[0]).toBeLessThan(apply.mock.invocationCallOrder[0] ?? 0);
    return { handle, bytes: fake.disk.get(handle)?.bytes as Uint8Array };
  }

  it('keeps a file just opened as the autosave (clean) before any edit: the first edit is only the edits over it, written at once as the page goes', async () => {
    bridge.workspaceKey = () => 'the file\'s workspace';
    const { handle, bytes } = await openedFile();
    // The file's own bytes, not a new save by the engine (no seconds of work on a large workspace).
    expect(fake.autosaved).toMatchObject({ name: 'Untitled.firebreak', handle, encrypted: false, clean: true, bytes });
    edited('first edit after opening');
    actions.flushEdits();
    expect(host.writeAutosaveEdits).toHaveBeenCalledTimes(1);
    expect(fake.edits).toMatchObject({ base: fake.autosaved?.base, scenarios: [{ name: 'first edit after opening' }] });
    expect(await actions.autosaveSoon()).toBe(true);
    expect(host.writeAutosave).toHaveBeenCalledTimes(1);
  });

  it('keeps nothing of a file that could not be opened', async () => {
    fake.toOpen = fake.put('broken.firebreak', new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]));
    expect(await actions.open()).toBe(false);
    expect(host.writeAutosave).toHaveBeenCalledTimes(1);
    expect(fake.autosaved).toBeNull();
  });

  it('keeps no autosave for a file opened read-only', async () => {
    actions.contentChanged('edited');
    await actions.saveAs();
    const handle = fake.put('read-only.firebreak', fake.disk.get(store.getState().project?.handle as string)?.bytes as Uint8Array, true);
    fake.answers = ['discard'];
    expect(await actions.openHandedOver(fake.file(handle))).toBe(true);
    expect(store.getState().project?.readOnly).toBe(true);
    expect(fake.autosaved).toBeNull();
  });

  it('writes fresh content (the demo) clean before its first edit, and only once; the edit is then only the edits', async () => {
    bridge.workspaceKey = () => 'demo';
    actions.contentChanged('fresh');
    expect(await actions.autosaveSoon()).toBe(true);
    expect(fake.autosaved).toMatchObject({ name: 'Untitled', clean: true });
    expect(store.getState().lastAutosave).toBeNull();
    actions.contentChanged('fresh');
    expect(await actions.autosaveSoon()).toBe(false);
    expect(host.writeAutosave).toHaveBeenCalledTimes(1);
    edited('first edit of the demo');
    actions.flushEdits();
    expect(fake.edits).toMatchObject({ base: fake.autosaved?.base, scenarios: [{ name: 'first edit of the demo' }] });
  });

  it('starts the sealed whole write at the first edit of a sealed project just opened (its edits are never in the clear)', async () => {
    bridge.workspaceKey = () => 'ws';
    actions.contentChanged('edited');
    const protecting = actions.protect();
    await answerPassphrase('treasury-2026!');
    await protecting;
    await actions.saveAs();
    const handle = store.getState().project?.handle as string;
    actions = createProjectActions({ host, engine: inProcessEngine(), bridge, store: (store = createProjectStore()), now: () => new Date() });
    const opening = actions.openHandedOver(fake.file(handle));
    await answerPassphrase('treasury-2026!');
    expect(await opening).toBe(true);
    // The sealed file itself, kept as it is (its bytes are sealed).
    expect(fake.autosaved).toMatchObject({ clean: true, bytes: fake.disk.get(handle)?.bytes });
    vi.mocked(host.writeAutosave).mockClear();
    edited('sealed first edit');
    actions.flushEdits();
    expect(await actions.autosaveSoon()).toBe(true);
    expect(host.writeAutosaveEdits).not.toHaveBeenCalled();
    expect(host.writeAutosave).toHaveBeenCalledTimes(1);
    expect(fake.autosaved).toMatchObject({ encrypted: true });
    expect(fake.autosaved?.clean).toBeUndefined();
    expect([...(fake.autosaved?.bytes.subarray(0, 8) ?? [])]).toEqual(MAGIC);
  });

  it('when the file just saved cannot be kept, says nothing yet (nothing is unsaved): the first edit writes the whole project', async () => {
    bridge.workspaceKey = () => 'ws';
    actions.contentChanged('edited');
    vi.mocked(host.writeAutosave).mockResolvedValueOnce({ ok: false, error: { kind: 'io', message: 'full' } });
    await actions.saveAs();
    await actions.autosave();
    expect(host.writeAutosave).toHaveBeenCalledTimes(1);
    expect(store.getState().autosaveProblem).toBeNull();
    edited('first edit, no base');
    actions.flushEdits();
    expect(host.writeAutosaveEdits).not.toHaveBeenCalled();
    expect(await actions.autosaveSoon()).toBe(true);
    expect(host.writeAutosave).toHaveBeenCalledTimes(2);
    expect(fake.autosaved?.clean).toBeUndefined();
  });

  it('says when the autosave cannot keep the work, and what to do; a later write that keeps it clears that', async () => {
    bridge.workspaceKey = () => 'ws';
    actions.contentChanged('edited');
    vi.mocked(host.writeAutosave).mockResolvedValueOnce({ ok: false, error: { kind: 'io', message: 'The browser could not store the data (storage may be full or disabled).' } });
    expect(await actions.autosave()).toBe(false);
    const problem = store.getState().autosaveProblem;
    expect(problem).toMatch(/^Autosave failed: The browser could not store the data \(storage may be full or disabled\)\. .*save now \(Ctrl\+S\)/);
    expect(problem).not.toMatch(/at |Error|\n/);
    expect(await actions.autosave()).toBe(true);
    expect(store.getState().autosaveProblem).toBeNull();

    // Edits kept only where a page going away does not wait: kept, but the user is told to save.
    edited('kept, but not at once');
    vi.mocked(host.writeAutosaveEdits).mockResolvedValueOnce({ ok: true, value: { savedAt: '2026-11-30T10:00:02.000Z', sync: false } });
    expect(await actions.autosave()).toBe(true);
    expect(store.getState().autosaveProblem).toMatch(/may be lost\. Save now \(Ctrl\+S\)/);
    // Refused outright: the whole project is tried; when that fails too, it says so.
    edited('refused');
    vi.mocked(host.writeAutosaveEdits).mockResolvedValueOnce({ ok: false, error: { kind: 'io', message: 'The browser refused to store the latest changes (its storage may be full or disabled).' } });
    vi.mocked(host.writeAutosave).mockResolvedValueOnce({ ok: false, error: { kind: 'io', message: 'The browser could not store the data (storage may be full or disabled).' } });
    expect(await actions.autosave()).toBe(false);
    expect(store.getState().autosaveProblem).toMatch(/^Autosave failed/);
    // Saving settles it.
    await actions.saveAs();
    expect(store.getState().autosaveProblem).toBeNull();
  });
});

describe('menu commands', () => {
  it('handles the project commands and hands the rest to the UI', async () => {
    const ui = { command: vi.fn() };
    actions.contentChanged('edited');
    await actions.handleHostEvent({ type: 'menu', command: 'save' }, ui);
    expect(host.saveProjectAs).toHaveBeenCalledTimes(1);
    for (const command of ['export', 'undo', 'redo', 'presentation', 'theme-dark', 'user-guide', 'open-files'] as const) {
      await actions.handleHostEvent({ type: 'menu', command }, ui);
      expect(ui.command).toHaveBeenLastCalledWith(command);
    }
    expect(ui.command).toHaveBeenCalledTimes(7);
  });

  it('opens a file the OS handed over (file association), after asking about unsaved work', async () => {
    actions.contentChanged('edited');
    await actions.save();
    const file = fake.file(store.getState().project?.handle as string);
    actions.contentChanged('edited');
    fake.answers = ['discard'];
    await actions.handleHostEvent({ type: 'open-project', file }, { command: vi.fn() });
    expect(host.confirmUnsaved).toHaveBeenCalledWith({ name: 'Untitled.firebreak' });
    expect(bridge.applied).toHaveLength(1);
  });
});

describe('content changes', () => {
  it('fresh content (the demo) makes a clean untitled project, and never overwrites an open file', async () => {
    actions.contentChanged('fresh');
    expect(store.getState().project).toMatchObject({ name: 'Untitled', dirty: false });
    actions.contentChanged('edited');
    await actions.save();
    expect(store.getState().project?.handle).not.toBeNull();
    actions.contentChanged('fresh');
    expect(store.getState().project).toMatchObject({ name: 'Untitled', handle: null, dirty: false });
  });

  it('lock() puts an editable project in viewer mode', () => {
    actions.contentChanged('edited');
    actions.lock();
    expect(store.getState().project).toMatchObject({ readOnly: true, readOnlyReason: 'user' });
    expect(actions.contentChanged('edited')).toBe(false);
  });
});
