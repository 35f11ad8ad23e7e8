// The built main and preload bundles (dist/main/*.cjs), run in Node against a stand-in for the
// `electron` module: the closest this machine gets to launching Electron (its binary cannot be
// downloaded here). It checks the bundles load, lock the session down and serve the real bundle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/csp';
import { INVOKE_CHANNELS } from '../../main/ipc-channels';

const root = join(import.meta.dirname, '..', '..');
const requireHere = createRequire(import.meta.url);
const userData = mkdtempSync(join(tmpdir(), 'firebreak-userdata-'));

type Handler = (...args: unknown[]) => unknown;

function fakeElectron() {
  const calls = {
    privileged: [] as unknown[],
    switches: [] as [string, string][],
    protocol: new Map<string, (request: Request) => Promise<Response>>(),
    beforeRequest: null as Handler | null,
    ipc: new Map<string, Handler>(),
    windows: [] as { options: { webPreferences?: Record<string, unknown> }; url: string }[],
    exposed: new Map<string, Record<string, unknown>>(),
    sandboxed: false,
  };
  let ready: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const module = {
    app: {
      enableSandbox: () => void (calls.sandboxed = true),
      commandLine: { appendSwitch: (name: string, value: string) => void calls.switches.push([name, value]) },
      on: () => undefined,
      requestSingleInstanceLock: () => true,
      whenReady: () => whenReady,
      isReady: () => true,
      getAppPath: () => root,
      getPath: () => userData,
      getName: () => 'Firebreak',
      getVersion: () => '0.1.0',
      isPackaged: false,
      quit: () => undefined,
      exit: () => undefined,
    },
    protocol: { registerSchemesAsPrivileged: (schemes: unknown) => void calls.privileged.push(schemes) },
    session: {
      defaultSession: {
        protocol: { handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void calls.protocol.set(scheme, handler) },
        webRequest: { onBeforeRequest: (listener: Handler) => void (calls.beforeRequest = listener), onHeadersReceived: () => undefined },
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        setDevicePermissionHandler: () => undefined,
        setDisplayMediaRequestHandler: () => undefined,
        setSpellCheckerEnabled: () => undefined,
        on: () => undefined,
      },
    },
    ipcMain: { handle: (channel: string, handler: Handler) => void calls.ipc.set(channel, handler), on: () => undefined },
    nativeTheme: { themeSource: 'system' },
    BrowserWindow: class {
      webContents = { send: () => undefined, on: () => undefined };
      constructor(readonly options: { webPreferences?: Record<string, unknown> }) {}
      once(): void {}
      on(): void {}
      setTitle(): void {}
      setDocumentEdited(): void {}
      loadURL(url: string): Promise<void> {
        calls.windows.push({ options: this.options, url });
        return Promise.resolve();
      }
    },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => undefined },
    dialog: {},
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => void calls.exposed.set(key, api) },
    ipcRenderer: { invoke: (channel: string, arg: unknown) => Promise.resolve({ channel, arg }), on: () => undefined, send: () => undefined, removeListener: () => undefined },
  };
  return { module, calls, ready: () => ready() };
}

describe('the built Electron bundles', () => {
  const electron = fakeElectron();

  beforeAll(() => {
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
    // Stand in for the electron package before the bundles require it.
    const electronPath = requireHere.resolve('electron');
    requireHere.cache[electronPath] = { id: electronPath, filename: electronPath, loaded: true, exports: electron.module } as NodeJS.Module;
    requireHere(join(root, 'dist', 'main', 'index.cjs'));
    requireHere(join(root, 'dist', 'main', 'preload.cjs'));
  });

  it('sandboxes, registers app:// as privileged and kills DNS before ready', () => {
    expect(electron.calls.sandboxed).toBe(true);
    expect(electron.calls.privileged).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]]);
    expect(electron.calls.switches).toContainEqual(['host-resolver-rules', 'MAP * ~NOTFOUND']);
  });

  it('once ready, serves dist/renderer on app://firebreak and opens the locked window', async () => {
    electron.ready();
    await expect.poll(() => electron.calls.windows.length).toBe(1);
    expect(electron.calls.windows[0]?.url).toBe('app://firebreak/index.html');
    expect(electron.calls.windows[0]?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });

    const serve = electron.calls.protocol.get('app');
    const page = await serve?.(new Request('app://firebreak/index.html'));
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = (await page?.text()) ?? '';
    const script = /src="\.\/(assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await serve?.(new Request(`app://firebreak/${script}`));
    expect(js?.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // Built inside Vitest (NODE_ENV=test), it must still be React's and ECharts' production code.
    const code = (await js?.text()) ?? '';
    expect(code.length).toBeGreaterThan(100_000);
    expect(code).not.toContain("Can't get DOM width or height");
    expect(code).not.toContain('Each child in a list should have a unique');
    expect((await serve?.(new Request('app://firebreak/..%2F..%2Fpackage.json')))?.status).toBe(403);

    const decide = (url: string): unknown => {
      let answer: unknown;
      electron.calls.beforeRequest?.({ url }, (response: unknown) => (answer = response));
      return answer;
    };
    expect(decide('app://firebreak/index.html')).toEqual({ cancel: false });
    expect(decide('https://fonts.googleapis.com/css')).toEqual({ cancel: true });
  });

  it('answers the app, and only the app, with the same bundled demo the web host reads', async () => {
    const readDemo = electron.calls.ipc.get('host:read-demo');
    const trusted = { senderFrame: { url: 'app://firebreak/index.html', parent: null } };
    const demo = (await readDemo?.(trusted)) as { ok: boolean; value?: { workspace: { name: string }[]; scenarios: { name: string }[] } };
    const manifest = JSON.parse(await (await electron.calls.protocol.get('app')?.(new Request('app://firebreak/demo/manifest.json')))!.text()) as {
      workspace: string[];
      scenarios: string[];
    };
    if (manifest.workspace.length === 0) {
      expect(demo).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    } else {
      expect(demo.ok).toBe(true);
      expect(demo.value?.workspace.map((f) => f.name)).toEqual(manifest.workspace);
      expect(demo.value?.scenarios.map((f) => f.name)).toEqual(manifest.scenarios);
    }
    expect(await readDemo?.({ senderFrame: { url: 'https://evil.example/', parent: null } })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('the preload exposes only `host`', () => {
    expect([...electron.calls.exposed.keys()]).toEqual(['host']);
    expect(Object.keys(electron.calls.exposed.get('host') ?? {}).sort()).toEqual(
      [...Object.keys(INVOKE_CHANNELS), 'onHostEvent', 'onMenuCommand'].sort(),
    );
  });
});
