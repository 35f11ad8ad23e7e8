import { chmod, mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMain } from 'electron';
import { AutosaveStore, sessionAutosaveId } from './autosave';
import type { Dialogs } from './dialogs';
import type { AppInfo, HostResult, ProjectFile, ProjectSaved } from './host-api';
import { registerIpc, type IpcDeps } from './ipc';
import { INVOKE_CHANNELS, LISTENING_CHANNEL } from './ipc-channels';
import { FileRegistry } from './project-files';
import { ProjectHost } from './project-host';
import { RecentFiles } from './recent';

type Listener = (event: { senderFrame: unknown }, ...args: unknown[]) => Promise<HostResult<unknown>>;

const appFrame = { senderFrame: { url: 'app://firebreak/index.html', parent: null } };
const info: AppInfo = { name: 'Firebreak', version: '0.1.0', host: 'electron', platform: 'linux-x64', packaged: false, versions: {}, blockedRequests: 0 };

let dir = '';
const dialogs: Dialogs = { chooseFilesToOpen: vi.fn(), chooseSavePath: vi.fn(), chooseProjectToOpen: vi.fn(), askUnsaved: vi.fn() };
let projects: ProjectHost;
const respondToClose = vi.fn();
const onListening = vi.fn();
let handlers = new Map<string, Listener>();
let messages = new Map<string, (event: { senderFrame: unknown }) => void>();

function register(overrides: Partial<IpcDeps> = {}): void {
  handlers = new Map();
  messages = new Map();
  const ipcMain: Pick<IpcMain, 'handle' | 'on'> = {
    handle: (channel, listener) => void handlers.set(channel, listener as Listener),
    on: (channel, listener) => {
      messages.set(channel, listener as (event: { senderFrame: unknown }) => void);
      return ipcMain as IpcMain;
    },
  };
  registerIpc(ipcMain, { dialogs, demoDir: join(dir, 'demo'), appInfo: () => info, projects, respondToClose, ...overrides }, onListening);
}

function call(channel: string, event: { senderFrame: unknown }, ...args: unknown[]): Promise<HostResult<unknown>> {
  const listener = handlers.get(channel);
  if (listener === undefined) throw new Error(`no handler for ${channel}`);
  return listener(event, ...args);
}

async function value<T>(promise: Promise<HostResult<unknown>>): Promise<T> {
  const r = await promise;
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-ipc-'));
  await mkdir(join(dir, 'demo', 'workspace'), { recursive: true });
  await mkdir(join(dir, 'demo', 'scenarios'), { recursive: true });
  await mkdir(join(dir, 'projects'));
  await writeFile(join(dir, 'demo', 'workspace', 'assets.csv'), 'asset,price_usd\nBTC,60000\n');
  await writeFile(join(dir, 'demo', 'scenarios', 'flash-crash.json'), '{"name":"x"}');
  await writeFile(join(dir, 'positions.csv'), 'a,b\n1,2\n');
  await writeFile(join(dir, 'projects', 'q4.firebreak'), 'old project');
});
afterAll(() => rm(dir, { recursive: true, force: true }));
/** This test's app data folder. */
let data = '';

beforeEach(async () => {
  vi.clearAllMocks();
  data = await mkdtemp(join(dir, 'data-'));
  const recent = new RecentFiles(join(data, 'recent.json'), () => new Date('2026-11-30T10:00:00Z'));
  projects = new ProjectHost(new FileRegistry(), recent, new AutosaveStore(join(data, 'autosave'), sessionAutosaveId(200, new Date('2026-11-30T10:00:00Z')), () => new Date('2026-11-30T10:05:00Z')), false, () => undefined);
  register();
});

describe('registerIpc', () => {
  it('registers exactly one handler per HostApi call, and the listening message', () => {
    expect([...handlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    expect([...messages.keys()]).toEqual([LISTENING_CHANNEL]);
  });

  it.each([
    ['a destroyed frame', { senderFrame: null }],
    ['a remote page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file page', { senderFrame: { url: 'file:///tmp/x.html', parent: null } }],
    ['a sub-frame', { senderFrame: { url: 'app://firebreak/index.html', parent: {} } }],
  ])('refuses every call and message from %s', async (_label, event) => {
    for (const channel of Object.values(INVOKE_CHANNELS)) {
      expect(await call(channel, event, undefined), channel).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    messages.get(LISTENING_CHANNEL)?.(event);
    expect(onListening).not.toHaveBeenCalled();
    expect(dialogs.chooseProjectToOpen).not.toHaveBeenCalled();
  });

  it('hears the renderer listen only from the app', () => {
    messages.get(LISTENING_CHANNEL)?.(appFrame);
    expect(onListening).toHaveBeenCalledTimes(1);
  });

  const handle = '0b8f6c1e-2f4a-4c55-9f0e-0a1b2c3d4e5f';
  it.each([
    [INVOKE_CHANNELS.openFiles, [{ path: '/etc/shadow' }]],
    [INVOKE_CHANNELS.openFiles, ['*.csv']],
    [INVOKE_CHANNELS.saveFile, [{ suggestedName: '../../x', bytes: new Uint8Array(1) }]],
    [INVOKE_CHANNELS.saveFile, [null]],
    [INVOKE_CHANNELS.readDemo, [{ dir: '/etc' }]],
    [INVOKE_CHANNELS.appInfo, ['x']],
    [INVOKE_CHANNELS.appInfo, [undefined, 'extra']],
    [INVOKE_CHANNELS.openProject, [{ path: '/tmp/a.firebreak' }]],
    [INVOKE_CHANNELS.saveProject, [{ handle: '/home/analyst/q4.firebreak', bytes: new Uint8Array(1) }]],
    [INVOKE_CHANNELS.saveProject, [{ handle, bytes: [1, 2] }]],
    [INVOKE_CHANNELS.saveProject, [{ handle, bytes: new Uint8Array(1), path: '/tmp/x' }]],
    [INVOKE_CHANNELS.saveProjectAs, [{ suggestedName: '/etc/passwd', bytes: new Uint8Array(1) }]],
    [INVOKE_CHANNELS.saveProject, [{ handle, bytes: new Uint8Array(1), autosaveSeq: -1 }]],
    [INVOKE_CHANNELS.saveProjectAs, [{ suggestedName: 'x', bytes: new Uint8Array(1), autosaveSeq: '3' }]],
    [INVOKE_CHANNELS.openRecent, ['/home/analyst/q4.firebreak']],
    [INVOKE_CHANNELS.openRecent, [{ id: 'abc' }]],
    [INVOKE_CHANNELS.setProjectState, [{ title: 'x', dirty: 'yes', readOnly: false }]],
    [INVOKE_CHANNELS.setProjectState, [{ title: 'x', dirty: true }]],
    [INVOKE_CHANNELS.writeAutosave, [{ bytes: new Uint8Array(1), name: 'x', handle: '../x', encrypted: false }]],
    [INVOKE_CHANNELS.writeAutosave, [{ bytes: 'AAEC', name: 'x', handle: null, encrypted: false }]],
    [INVOKE_CHANNELS.writeAutosave, [{ bytes: new Uint8Array(1), name: 'x', handle: null, encrypted: false, base: -1, seq: 2 }]],
    [INVOKE_CHANNELS.writeAutosave, [{ bytes: new Uint8Array(1), name: 'x', handle: null, encrypted: false, clean: 'yes' }]],
    [INVOKE_CHANNELS.writeAutosaveEdits, [{ base: 1, seq: 2, scenarios: [{ name: 7 }], viewState: null }]],
    [INVOKE_CHANNELS.writeAutosaveEdits, [{ base: 1, seq: 2, scenarios: [], viewState: null, path: '/tmp/x' }]],
    [INVOKE_CHANNELS.writeAutosaveEdits, [{ base: '1', seq: 2, scenarios: [], viewState: null }]],
    [INVOKE_CHANNELS.writeAutosaveEdits, [{ base: 1, seq: 2, scenarios: [], viewState: null, whole: { name: 'x', handle: '/home/a/x.firebreak', seq: 1 } }]],
    [INVOKE_CHANNELS.writeAutosaveEdits, [{ base: 1, seq: 2, scenarios: [], viewState: null, whole: { name: 'x', handle: null, seq: 1, path: '/tmp/x' } }]],
    [INVOKE_CHANNELS.confirmUnsaved, [{ name: 42 }]],
    [INVOKE_CHANNELS.respondToClose, [{ proceed: 'yes' }]],
    [INVOKE_CHANNELS.respondToClose, [true]],
    [INVOKE_CHANNELS.restoreOffer, [{ reason: 'crash' }]],
  ])('answers malformed arguments to %s with an error value', async (channel, args) => {
    expect(await call(channel, appFrame, ...args)).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(respondToClose).not.toHaveBeenCalled();
  });

  it('turns an exception into an error value instead of crashing', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    register({ appInfo: () => { throw new Error('boom'); } });
    await expect(call(INVOKE_CHANNELS.appInfo, appFrame)).resolves.toEqual({ ok: false, error: { kind: 'io', message: 'The host could not complete the request.' } });
    quiet.mockRestore();
  });

  it('answers app info and reads the bundled demo', async () => {
    expect(await call(INVOKE_CHANNELS.appInfo, appFrame)).toEqual({ ok: true, value: info });
    const demo = await value<{ workspace: { name: string; bytes: Uint8Array }[]; scenarios: { name: string }[] }>(call(INVOKE_CHANNELS.readDemo, appFrame));
    expect(demo.workspace.map((f) => f.name)).toEqual(['assets.csv']);
    expect(new TextDecoder().decode(demo.workspace[0]?.bytes)).toContain('BTC');
    expect(demo.scenarios.map((f) => f.name)).toEqual(['flash-crash.json']);
  });

  it('reads the files the user chose, and nothing when cancelled; names a file that cannot be read', async () => {
    vi.mocked(dialogs.chooseFilesToOpen).mockResolvedValueOnce([join(dir, 'positions.csv')]);
    expect(await call(INVOKE_CHANNELS.openFiles, appFrame, { multiple: true })).toMatchObject({ ok: true, value: [{ name: 'positions.csv' }] });
    vi.mocked(dialogs.chooseFilesToOpen).mockResolvedValueOnce([]);
    expect(await call(INVOKE_CHANNELS.openFiles, appFrame)).toEqual({ ok: true, value: [] });
    vi.mocked(dialogs.chooseFilesToOpen).mockResolvedValueOnce([join(dir, 'missing.csv')]);
    expect(await call(INVOKE_CHANNELS.openFiles, appFrame)).toEqual({ ok: false, error: { kind: 'io', message: 'Could not read "missing.csv": it does not exist.' } });
  });

  it('exports atomically to the chosen path, and not at all when cancelled', async () => {
    const target = join(dir, 'out.csv');
    vi.mocked(dialogs.chooseSavePath).mockResolvedValueOnce(target);
    expect(await call(INVOKE_CHANNELS.saveFile, appFrame, { suggestedName: 'out.csv', bytes: new Uint8Array([7, 8, 9]) })).toEqual({ ok: true, value: { saved: true, path: target } });
    expect([...(await readFile(target))]).toEqual([7, 8, 9]);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    vi.mocked(dialogs.chooseSavePath).mockResolvedValueOnce(null);
    expect(await call(INVOKE_CHANNELS.saveFile, appFrame, { suggestedName: 'x.csv', bytes: new Uint8Array(1) })).toEqual({ ok: true, value: { saved: false, path: null } });
    vi.mocked(dialogs.chooseSavePath).mockResolvedValueOnce(join(dir, 'no-such-folder', 'x.csv'));
    expect(await call(INVOKE_CHANNELS.saveFile, appFrame, { suggestedName: 'x.csv', bytes: new Uint8Array(1) })).toEqual({
      ok: false,
      error: { kind: 'io', message: 'Could not save "x.csv": it does not exist.' },
    });
  });
});

describe('project calls', () => {
  const path = (): string => join(dir, 'projects', 'q4.firebreak');

  it('open a chosen project with a handle, save back through it, and list it as recent', async () => {
    vi.mocked(dialogs.chooseProjectToOpen).mockResolvedValueOnce(path());
    const file = await value<ProjectFile>(call(INVOKE_CHANNELS.openProject, appFrame));
    expect(file).toMatchObject({ name: 'q4.firebreak', location: join(dir, 'projects'), readOnly: false, handle: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(new TextDecoder().decode(file.bytes)).toBe('old project');
    const saved = await value<ProjectSaved>(call(INVOKE_CHANNELS.saveProject, appFrame, { handle: file.handle, bytes: new TextEncoder().encode('new project') }));
    expect(saved).toEqual({ handle: file.handle, name: 'q4.firebreak', location: join(dir, 'projects') });
    expect(await readFile(path(), 'utf8')).toBe('new project');
    const recent = await value<{ id: string; name: string }[]>(call(INVOKE_CHANNELS.recentProjects, appFrame));
    expect(recent).toEqual([{ id: expect.stringMatching(/^[0-9a-f]{16}$/), name: 'q4.firebreak', location: join(dir, 'projects'), openedAt: '2026-11-30T10:00:00.000Z' }]);
    const again = await value<ProjectFile>(call(INVOKE_CHANNELS.openRecent, appFrame, recent[0]?.id));
    expect(again.handle).toBe(file.handle);
    await value(call(INVOKE_CHANNELS.clearRecent, appFrame));
    expect(await call(INVOKE_CHANNELS.recentProjects, appFrame)).toEqual({ ok: true, value: [] });
    expect(await call(INVOKE_CHANNELS.openRecent, appFrame, recent[0]?.id)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('answer a cancelled dialog with null', async () => {
    vi.mocked(dialogs.chooseProjectToOpen).mockResolvedValueOnce(null);
    expect(await call(INVOKE_CHANNELS.openProject, appFrame)).toEqual({ ok: true, value: null });
    vi.mocked(dialogs.chooseSavePath).mockResolvedValueOnce(null);
    expect(await call(INVOKE_CHANNELS.saveProjectAs, appFrame, { suggestedName: 'x', bytes: new Uint8Array(1) })).toEqual({ ok: true, value: null });
  });

  it('refuse a handle the host never gave', async () => {
    expect(await call(INVOKE_CHANNELS.saveProject, appFrame, { handle: '0b8f6c1e-2f4a-4c55-9f0e-0a1b2c3d4e5f', bytes: new Uint8Array(1) })).toMatchObject({
      ok: false,
      error: { kind: 'not-found', message: 'This project has no file to save to in this session; use Save As.' },
    });
  });

  it('refuse to save in viewer mode, and Save As makes an editable copy with the .firebreak extension', async () => {
    vi.mocked(dialogs.chooseProjectToOpen).mockResolvedValueOnce(path());
    const file = await value<ProjectFile>(call(INVOKE_CHANNELS.openProject, appFrame));
    await value(call(INVOKE_CHANNELS.setProjectState, appFrame, { title: 'q4.firebreak', dirty: false, readOnly: true }));
    expect(await call(INVOKE_CHANNELS.saveProject, appFrame, { handle: file.handle, bytes: new Uint8Array(1) })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const copy = join(dir, 'projects', 'q4 copy');
    vi.mocked(dialogs.chooseSavePath).mockResolvedValueOnce(copy);
    const saved = await value<ProjectSaved>(call(INVOKE_CHANNELS.saveProjectAs, appFrame, { suggestedName: 'q4 copy', bytes: new TextEncoder().encode('copy'), autosaveSeq: 3 }));
    expect(dialogs.chooseSavePath).toHaveBeenCalledWith('q4 copy.firebreak', [{ name: 'Firebreak project', extensions: ['firebreak'] }]);
    expect(saved.name).toBe('q4 copy.firebreak');
    expect(await readFile(`${copy}.firebreak`, 'utf8')).toBe('copy');
    await value(call(INVOKE_CHANNELS.setProjectState, appFrame, { title: 'q4 copy.firebreak', dirty: false, readOnly: false }));
    expect((await call(INVOKE_CHANNELS.saveProject, appFrame, { handle: saved.handle, bytes: new TextEncoder().encode('edited'), autosaveSeq: 4 })).ok).toBe(true);
    // How far this session's autosave is saved is written before the save answers (the window may go next).
    const marker = join(data, 'autosave', `${sessionAutosaveId(200, new Date('2026-11-30T10:00:00Z'))}.saved`);
    expect(JSON.parse(await readFile(marker, 'utf8'))).toEqual({ seq: 4, path: `${copy}.firebreak` });
  });

  it('never write to a handle registered read-only', async () => {
    const handle = projects.files.register(path(), false);
    expect(await call(INVOKE_CHANNELS.saveProject, appFrame, { handle, bytes: new Uint8Array(1) })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: '"q4.firebreak" was opened read-only; use Save As to make an editable copy.' },
    });
  });

  it.skipIf(process.getuid?.() === 0)('open a file without write permission read-only (root may write anything, so not as root)', async () => {
    const locked = join(dir, 'projects', 'locked.firebreak');
    await writeFile(locked, 'x');
    await chmod(locked, 0o444);
    vi.mocked(dialogs.chooseProjectToOpen).mockResolvedValueOnce(locked);
    expect(await value<ProjectFile>(call(INVOKE_CHANNELS.openProject, appFrame))).toMatchObject({ readOnly: true });
  });

  it('autosave this session’s work apart; offer, read back (with its file to save to) and discard an earlier session’s by id', async () => {
    vi.mocked(dialogs.chooseProjectToOpen).mockResolvedValueOnce(path());
    const file = await value<ProjectFile>(call(INVOKE_CHANNELS.openProject, appFrame));
    expect(await call(INVOKE_CHANNELS.restoreOffer, appFrame)).toEqual({ ok: true, value: null });
    const info = await value<Record<string, unknown>>(call(INVOKE_CHANNELS.writeAutosave, appFrame, { bytes: new TextEncoder().encode('unsaved'), name: 'Q4', handle: file.handle, encrypted: true }));
    expect(info).toEqual({ name: 'Q4', savedAt: '2026-11-30T10:05:00.000Z', encrypted: true, bytes: 7 });
    // This session's own work is not offered back to it.
    expect(await call(INVOKE_CHANNELS.restoreOffer, appFrame)).toEqual({ ok: true, value: null });
    // An earlier session's work, left in the same folder.
    const earlier = sessionAutosaveId(100, new Date('2026-11-29T10:00:00Z'));
    const before = new AutosaveStore(join(data, 'autosave'), earlier, () => new Date('2026-11-29T11:00:00Z'));
    await before.write({ bytes: new TextEncoder().encode('yesterday'), name: 'Q4', handle: null, encrypted: false }, path());
    before.markClosed();
    expect(await call(INVOKE_CHANNELS.restoreOffer, appFrame)).toEqual({ ok: true, value: { id: earlier, name: 'Q4', savedAt: '2026-11-29T11:00:00.000Z', encrypted: false, bytes: 9, reason: 'unsaved' } });
    const restored = await value<ProjectFile>(call(INVOKE_CHANNELS.readAutosave, appFrame, earlier));
    expect(restored).toMatchObject({ name: 'q4.firebreak', readOnly: false });
    expect(typeof restored.handle).toBe('string');
    expect(new TextDecoder().decode(restored.bytes)).toBe('yesterday');
    // Clearing this session's autosave leaves the earlier one; discarding it by id forgets it.
    await value(call(INVOKE_CHANNELS.clearAutosave, appFrame));
    expect((await value<{ id: string }>(call(INVOKE_CHANNELS.restoreOffer, appFrame))).id).toBe(earlier);
    await value(call(INVOKE_CHANNELS.discardAutosave, appFrame, earlier));
    expect(await call(INVOKE_CHANNELS.restoreOffer, appFrame)).toEqual({ ok: true, value: null });
    expect(await call(INVOKE_CHANNELS.readAutosave, appFrame, earlier)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    // An id is a name the host gave, never a path.
    expect(await call(INVOKE_CHANNELS.readAutosave, appFrame, '../recent-projects')).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(await call(INVOKE_CHANNELS.discardAutosave, appFrame)).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  });


  it('keeps a file just opened as the clean base of its first edit: after a crash, both come back, to save to the same file', async () => {
    vi.mocked(dialogs.chooseProjectToOpen).mockResolvedValueOnce(path());
    const file = await value<ProjectFile>(call(INVOKE_CHANNELS.openProject, appFrame));
    await value(call(INVOKE_CHANNELS.writeAutosave, appFrame, { bytes: file.bytes, name: file.name, handle: file.handle, encrypted: false, base: 1, seq: 1, clean: true }));
    const scenarios = [{ name: 'first edit after opening', scenario: { steps: 2 } }];
    expect(await call(INVOKE_CHANNELS.writeAutosaveEdits, appFrame, { base: 1, seq: 2, scenarios, viewState: null })).toMatchObject({ ok: true, value: { sync: true } });
    const session = sessionAutosaveId(200, new Date('2026-11-30T10:00:00Z'));
    const next = new AutosaveStore(join(data, 'autosave'), sessionAutosaveId(300, new Date('2026-11-30T12:00:00Z')));
    expect(await next.offer(true)).toMatchObject({ id: session, name: file.name });
    expect(await next.read(session)).toMatchObject({ meta: { clean: true, path: path() }, bytes: file.bytes, edits: { scenarios } });
    await value(call(INVOKE_CHANNELS.clearAutosave, appFrame));
  });
  it('after Save As and a crash before the clean copy of the new file is in: the work comes back under the new file, and saves there', async () => {
    vi.mocked(dialogs.chooseProjectToOpen).mockResolvedValueOnce(path());
    const file = await value<ProjectFile>(call(INVOKE_CHANNELS.openProject, appFrame));
    const before = await readFile(path(), 'utf8');
    await value(call(INVOKE_CHANNELS.writeAutosave, appFrame, { bytes: file.bytes, name: file.name, handle: file.handle, encrypted: false, base: 1, seq: 1, clean: true }));
    await value(call(INVOKE_CHANNELS.writeAutosaveEdits, appFrame, { base: 1, seq: 2, scenarios: [{ name: 'edited, then saved as', scenario: {} }], viewState: null, whole: { name: file.name, handle: file.handle, seq: 1 } }));
    const board = join(dir, 'projects', 'q4 board');
    vi.mocked(dialogs.chooseSavePath).mockResolvedValueOnce(board);
    const saved = await value<ProjectSaved>(call(INVOKE_CHANNELS.saveProjectAs, appFrame, { suggestedName: 'q4 board', bytes: new TextEncoder().encode('saved as'), autosaveSeq: 3 }));
    // The clean copy of the new file (seq 4) is still being written when the next edit is kept, over it; then the app crashes.
    const scenarios = [{ name: 'edited after saving as', scenario: {} }];
    await value(call(INVOKE_CHANNELS.writeAutosaveEdits, appFrame, { base: 1, seq: 5, scenarios, viewState: null, whole: { name: saved.name, handle: saved.handle, seq: 4 } }));
    const session = sessionAutosaveId(200, new Date('2026-11-30T10:00:00Z'));
    projects = new ProjectHost(new FileRegistry(), new RecentFiles(join(data, 'recent.json')), new AutosaveStore(join(data, 'autosave'), sessionAutosaveId(300, new Date('2026-11-30T12:00:00Z'))), true, () => undefined);
    register();
    expect(await call(INVOKE_CHANNELS.restoreOffer, appFrame)).toMatchObject({ ok: true, value: { id: session, name: 'q4 board.firebreak', reason: 'crash' } });
    const restored = await value<ProjectFile>(call(INVOKE_CHANNELS.readAutosave, appFrame, session));
    expect(restored).toMatchObject({ name: 'q4 board.firebreak', location: join(dir, 'projects'), edits: { scenarios } });
    // Save goes to the file saved as, never over the one it was saved from.
    await value(call(INVOKE_CHANNELS.saveProject, appFrame, { handle: restored.handle, bytes: new TextEncoder().encode('restored, then saved') }));
    expect(await readFile(`${board}.firebreak`, 'utf8')).toBe('restored, then saved');
    expect(await readFile(path(), 'utf8')).toBe(before);
  });

  it('mark edits the disk refused, and say at the next start, through restoreOffer, which changes are not in the work', async () => {
    await value(call(INVOKE_CHANNELS.writeAutosave, appFrame, { bytes: new TextEncoder().encode('work'), name: 'Q4', handle: null, encrypted: false, base: 1, seq: 1 }));
    const scenarios = [{ name: 'kept', scenario: {} }];
    await value(call(INVOKE_CHANNELS.writeAutosaveEdits, appFrame, { base: 1, seq: 2, scenarios, viewState: null }));
    const session = sessionAutosaveId(200, new Date('2026-11-30T10:00:00Z'));
    // The edits file cannot be replaced (here: something else stands in its place).
    await rm(join(data, 'autosave', `${session}.edits`));
    await mkdir(join(data, 'autosave', `${session}.edits`));
    expect(await call(INVOKE_CHANNELS.writeAutosaveEdits, appFrame, { base: 1, seq: 3, scenarios: [{ name: 'refused', scenario: {} }], viewState: null })).toMatchObject({ ok: false, error: { kind: 'io' } });
    // The next start.
    projects = new ProjectHost(new FileRegistry(), new RecentFiles(join(data, 'recent.json')), new AutosaveStore(join(data, 'autosave'), sessionAutosaveId(300, new Date('2026-11-30T12:00:00Z'))), true, () => undefined);
    register();
    expect(await call(INVOKE_CHANNELS.restoreOffer, appFrame)).toEqual({
      ok: true,
      value: { id: session, name: 'Q4', savedAt: '2026-11-30T10:05:00.000Z', encrypted: false, bytes: 4, reason: 'crash', dropped: '2026-11-30T10:05:00.000Z' },
    });
  });

  it('ask about unsaved changes through the dialog, and pass the close answer on', async () => {
    vi.mocked(dialogs.askUnsaved).mockResolvedValueOnce('discard');
    expect(await call(INVOKE_CHANNELS.confirmUnsaved, appFrame, { name: 'Q4' })).toEqual({ ok: true, value: 'discard' });
    expect(dialogs.askUnsaved).toHaveBeenCalledWith('Q4');
    expect(await call(INVOKE_CHANNELS.respondToClose, appFrame, { proceed: false })).toEqual({ ok: true, value: null });
    expect(respondToClose).toHaveBeenCalledWith(false);
  });
});
