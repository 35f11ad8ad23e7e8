import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IpcMain } from 'electron';
import type { Dialogs } from './dialogs';
import type { AppInfo, HostResult } from './host-api';
import { registerIpc, type IpcDeps } from './ipc';
import { INVOKE_CHANNELS } from './ipc-channels';

type Listener = (event: { senderFrame: unknown }, ...args: unknown[]) => Promise<HostResult<unknown>>;

const appFrame = { senderFrame: { url: 'app://firebreak/index.html', parent: null } };
const info: AppInfo = { name: 'Firebreak', version: '0.1.0', host: 'electron', platform: 'linux-x64', packaged: false, versions: {}, blockedRequests: 0 };

let dir = '';
const dialogs: Dialogs = { chooseFilesToOpen: vi.fn(), chooseSavePath: vi.fn() };

function register(overrides: Partial<IpcDeps> = {}): Map<string, Listener> {
  const handlers = new Map<string, Listener>();
  const ipcMain: Pick<IpcMain, 'handle'> = { handle: (channel, listener) => void handlers.set(channel, listener as Listener) };
  registerIpc(ipcMain, { dialogs, demoDir: join(dir, 'demo'), appInfo: () => info, ...overrides });
  return handlers;
}

function call(channel: string, event: { senderFrame: unknown }, ...args: unknown[]): Promise<HostResult<unknown>> {
  const listener = register().get(channel);
  if (listener === undefined) throw new Error(`no handler for ${channel}`);
  return listener(event, ...args);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-ipc-'));
  await mkdir(join(dir, 'demo', 'workspace'), { recursive: true });
  await mkdir(join(dir, 'demo', 'scenarios'), { recursive: true });
  await writeFile(join(dir, 'demo', 'workspace', 'assets.csv'), 'asset,price_usd\nBTC,60000\n');
  await writeFile(join(dir, 'demo', 'scenarios', 'flash-crash.json'), '{"name":"x"}');
  await writeFile(join(dir, 'positions.csv'), 'a,b\n1,2\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('registerIpc', () => {
  it('registers exactly one handler per HostApi call', () => {
    expect([...register().keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });

  it.each([
    ['a destroyed frame', { senderFrame: null }],
    ['a remote page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file page', { senderFrame: { url: 'file:///tmp/x.html', parent: null } }],
    ['a sub-frame', { senderFrame: { url: 'app://firebreak/index.html', parent: {} } }],
  ])('refuses every call from %s', async (_label, event) => {
    for (const channel of Object.values(INVOKE_CHANNELS)) {
      expect(await call(channel, event, undefined)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
  });

  it.each([
    [INVOKE_CHANNELS.openFiles, [{ path: '/etc/shadow' }]],
    [INVOKE_CHANNELS.openFiles, ['*.csv']],
    [INVOKE_CHANNELS.saveFile, [{ suggestedName: '../../x', bytes: new Uint8Array(1) }]],
    [INVOKE_CHANNELS.saveFile, [null]],
    [INVOKE_CHANNELS.readDemo, [{ dir: '/etc' }]],
    [INVOKE_CHANNELS.appInfo, ['x']],
    [INVOKE_CHANNELS.appInfo, [undefined, 'extra']],
  ])('answers malformed arguments to %s with an error value', async (channel, args) => {
    const result = await call(channel, appFrame, ...args);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  });

  it('turns an exception into an error value instead of crashing', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const listener = register({ appInfo: () => { throw new Error('boom'); } }).get(INVOKE_CHANNELS.appInfo);
    await expect(listener?.(appFrame)).resolves.toEqual({ ok: false, error: { kind: 'io', message: 'The host could not complete the request.' } });
    quiet.mockRestore();
  });

  it('answers app info', async () => {
    expect(await call(INVOKE_CHANNELS.appInfo, appFrame)).toEqual({ ok: true, value: info });
  });

  it('reads the bundled demo', async () => {
    const result = await call(INVOKE_CHANNELS.readDemo, appFrame);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const demo = result.value as { workspace: { name: string; bytes: Uint8Array }[]; scenarios: { name: string }[] };
    expect(demo.workspace.map((f) => f.name)).toEqual(['assets.csv']);
    expect(new TextDecoder().decode(demo.workspace[0]?.bytes)).toContain('BTC');
    expect(demo.scenarios.map((f) => f.name)).toEqual(['flash-crash.json']);
  });

  it('reads the files the user chose, and nothing when cancelled', async () => {
    vi.mocked(dialogs.chooseFilesToOpen).mockResolvedValueOnce([join(dir, 'positions.csv')]);
    const result = await call(INVOKE_CHANNELS.openFiles, appFrame, { multiple: true });
    expect(result).toMatchObject({ ok: true, value: [{ name: 'positions.csv' }] });
    vi.mocked(dialogs.chooseFilesToOpen).mockResolvedValueOnce([]);
    expect(await call(INVOKE_CHANNELS.openFiles, appFrame)).toEqual({ ok: true, value: [] });
  });

  it('names a file that cannot be read', async () => {
    vi.mocked(dialogs.chooseFilesToOpen).mockResolvedValueOnce([join(dir, 'missing.csv')]);
    expect(await call(INVOKE_CHANNELS.openFiles, appFrame)).toEqual({
      ok: false,
      error: { kind: 'io', message: 'Could not read "missing.csv": it does not exist.' },
    });
  });

  it('saves atomically to the chosen path, and not at all when cancelled', async () => {
    const target = join(dir, 'out.firebreak');
    vi.mocked(dialogs.chooseSavePath).mockResolvedValueOnce(target);
    const saved = await call(INVOKE_CHANNELS.saveFile, appFrame, { suggestedName: 'out.firebreak', bytes: new Uint8Array([7, 8, 9]) });
    expect(saved).toEqual({ ok: true, value: { saved: true, path: target } });
    expect([...(await readFile(target))]).toEqual([7, 8, 9]);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    vi.mocked(dialogs.chooseSavePath).mockResolvedValueOnce(null);
    expect(await call(INVOKE_CHANNELS.saveFile, appFrame, { suggestedName: 'x.firebreak', bytes: new Uint8Array(1) })).toEqual({
      ok: true,
      value: { saved: false, path: null },
    });
  });

  it('reports a failed save as a value and leaves no temp file', async () => {
    vi.mocked(dialogs.chooseSavePath).mockResolvedValueOnce(join(dir, 'no-such-folder', 'x.firebreak'));
    const result = await call(INVOKE_CHANNELS.saveFile, appFrame, { suggestedName: 'x.firebreak', bytes: new Uint8Array(1) });
    expect(result).toEqual({ ok: false, error: { kind: 'io', message: 'Could not save "x.firebreak": it does not exist.' } });
  });
});
