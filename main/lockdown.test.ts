import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  registerSchemesAsPrivileged: vi.fn(),
  appendSwitch: vi.fn(),
  appOn: vi.fn(),
}));

vi.mock('electron', () => ({
  app: { on: electron.appOn, commandLine: { appendSwitch: electron.appendSwitch } },
  protocol: { registerSchemesAsPrivileged: electron.registerSchemesAsPrivileged },
}));

import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';
import { createBlockCounter, lockdownAllContents, lockdownBeforeReady, lockdownContents, lockdownSession, NO_DNS_RULES } from './lockdown';

type Callback = (response: Record<string, unknown>) => void;
type BeforeRequest = (details: { url: string }, callback: Callback) => void;
type HeadersReceived = (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: Callback) => void;

function fakeSession() {
  const captured: {
    scheme?: string;
    handler?: (request: { url: string; method: string }) => Promise<Response>;
    beforeRequest?: BeforeRequest;
    headersReceived?: HeadersReceived;
    permissionRequest?: (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
    permissionCheck?: () => boolean;
    devicePermission?: () => boolean;
    displayMedia?: (request: unknown, cb: (streams: unknown) => void) => void;
    events: Map<string, (event: { preventDefault(): void }) => void>;
  } = { events: new Map() };
  const session = {
    protocol: { handle: (scheme: string, handler: typeof captured.handler) => Object.assign(captured, { scheme, handler }) },
    webRequest: {
      onBeforeRequest: (listener: BeforeRequest) => void (captured.beforeRequest = listener),
      onHeadersReceived: (listener: HeadersReceived) => void (captured.headersReceived = listener),
    },
    setPermissionRequestHandler: (h: typeof captured.permissionRequest) => void (captured.permissionRequest = h),
    setPermissionCheckHandler: (h: typeof captured.permissionCheck) => void (captured.permissionCheck = h),
    setDevicePermissionHandler: (h: typeof captured.devicePermission) => void (captured.devicePermission = h),
    setDisplayMediaRequestHandler: (h: typeof captured.displayMedia) => void (captured.displayMedia = h),
    setSpellCheckerEnabled: vi.fn(),
    on: (name: string, listener: (event: { preventDefault(): void }) => void) => void captured.events.set(name, listener),
  };
  return { session: session as unknown as Session, captured, spellcheck: session.setSpellCheckerEnabled };
}

const bundleDir = '/opt/firebreak/dist/renderer';

describe('lockdownBeforeReady', () => {
  it('registers app:// as a standard, secure, fetchable scheme and kills DNS', () => {
    lockdownBeforeReady();
    expect(electron.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    const privileges = electron.registerSchemesAsPrivileged.mock.calls[0]?.[0]?.[0]?.privileges as Record<string, boolean>;
    expect(privileges.bypassCSP).toBeUndefined();
    expect(electron.appendSwitch).toHaveBeenCalledWith('host-resolver-rules', NO_DNS_RULES);
  });
});

describe('lockdownSession', () => {
  const decide = (beforeRequest: BeforeRequest | undefined, url: string): unknown => {
    let answer: unknown;
    beforeRequest?.({ url }, (response) => (answer = response));
    return answer;
  };

  it('cancels and counts every request that is not the bundle', () => {
    const { session, captured } = fakeSession();
    const lines: string[] = [];
    const counter = createBlockCounter((line) => lines.push(line));
    lockdownSession(session, { bundleDir, isPackaged: true }, counter);
    expect(captured.scheme).toBe('app');
    for (const url of ['app://firebreak/index.html', 'blob:app://firebreak/1', 'data:text/plain,hi', 'file:///opt/firebreak/dist/renderer/a.js']) {
      expect(decide(captured.beforeRequest, url)).toEqual({ cancel: false });
    }
    const blocked = [
      'https://fonts.googleapis.com/css?family=Inter',
      'http://10.1.2.3/collect?positions=1',
      'ws://localhost:9000',
      'ftp://example.org/',
      'file:///home/analyst/positions.csv',
      'devtools://devtools/bundled/inspector.html',
    ];
    for (const url of blocked) expect(decide(captured.beforeRequest, url)).toEqual({ cancel: true });
    expect(counter.total()).toBe(blocked.length);
    expect(counter.byReason()).toMatchObject({ remote: 4, 'file-outside-bundle': 1, 'unknown-scheme': 1 });
    expect(lines.join('\n')).not.toContain('positions');
  });

  it('serves the bundle through protocol.handle with path-traversal protection', async () => {
    const { session, captured } = fakeSession();
    lockdownSession(session, { bundleDir, isPackaged: true }, createBlockCounter(() => undefined));
    const response = await captured.handler?.({ url: 'app://firebreak/..%2F..%2F..%2Fetc%2Fpasswd', method: 'GET' });
    expect(response?.status).toBe(403);
  });

  it('puts the CSP on app pages only, replacing any other', () => {
    const { session, captured } = fakeSession();
    lockdownSession(session, { bundleDir, isPackaged: true }, createBlockCounter(() => undefined));
    let answer: Record<string, unknown> = {};
    captured.headersReceived?.({ url: 'app://firebreak/index.html', responseHeaders: { 'content-security-policy': ['default-src *'] } }, (r) => (answer = r));
    expect(answer).toEqual({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    captured.headersReceived?.({ url: 'devtools://devtools/x' }, (r) => (answer = r));
    expect(answer).toEqual({});
  });

  it('denies every permission, device, screen capture and download, and turns off the spellchecker', () => {
    const { session, captured, spellcheck } = fakeSession();
    lockdownSession(session, { bundleDir, isPackaged: false }, createBlockCounter(() => undefined));
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      const answer = vi.fn();
      captured.permissionRequest?.({}, permission, answer);
      expect(answer).toHaveBeenCalledWith(false);
    }
    expect(captured.permissionCheck?.()).toBe(false);
    expect(captured.devicePermission?.()).toBe(false);
    const media = vi.fn();
    captured.displayMedia?.({}, media);
    expect(media).toHaveBeenCalledWith(null);
    expect(spellcheck).toHaveBeenCalledWith(false);
    const download = { preventDefault: vi.fn() };
    captured.events.get('will-download')?.(download);
    expect(download.preventDefault).toHaveBeenCalled();
  });

  it('never lets a page pick a HID, serial or USB device', () => {
    const { session, captured } = fakeSession();
    lockdownSession(session, { bundleDir, isPackaged: true }, createBlockCounter(() => undefined));
    const picks: [string, unknown[], unknown[]][] = [
      ['select-hid-device', [{ deviceList: [{ deviceId: 'x' }] }], []],
      ['select-serial-port', [[{ portId: 'COM1' }], {}], ['']],
      ['select-usb-device', [{ deviceList: [{ deviceId: 'y' }] }], []],
    ];
    for (const [name, args, answer] of picks) {
      const event = { preventDefault: vi.fn() };
      const callback = vi.fn();
      (captured.events.get(name) as unknown as (...a: unknown[]) => void)(event, ...args, callback);
      expect(event.preventDefault, name).toHaveBeenCalled();
      expect(callback, name).toHaveBeenCalledWith(...answer);
    }
  });
});

describe('lockdownContents', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault(): void }) => void>();
    let openHandler: (() => unknown) | undefined;
    const contents = {
      on: (name: string, listener: (event: { preventDefault(): void }) => void) => void listeners.set(name, listener),
      setWindowOpenHandler: (h: () => unknown) => void (openHandler = h),
      closeDevTools: vi.fn(),
    };
    return { contents: contents as unknown as WebContents, listeners, open: () => openHandler?.(), closeDevTools: contents.closeDevTools };
  }

  it('denies navigation, redirects, webviews and window.open', () => {
    const { contents, listeners, open } = fakeContents();
    lockdownContents(contents, { isPackaged: false });
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      listeners.get(name)?.(event);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(open()).toEqual({ action: 'deny' });
    expect(listeners.has('devtools-opened')).toBe(false);
    const bluetooth = { preventDefault: vi.fn() };
    const chosen = vi.fn();
    (listeners.get('select-bluetooth-device') as unknown as (...a: unknown[]) => void)(bluetooth, [{ deviceId: 'z' }], chosen);
    expect(bluetooth.preventDefault).toHaveBeenCalled();
    expect(chosen).toHaveBeenCalledWith('');
  });

  it('closes DevTools in packaged builds', () => {
    const { contents, listeners, closeDevTools } = fakeContents();
    lockdownContents(contents, { isPackaged: true });
    listeners.get('devtools-opened')?.({ preventDefault: vi.fn() });
    expect(closeDevTools).toHaveBeenCalled();
  });

  it('hardens every web contents the app creates', () => {
    lockdownAllContents({ isPackaged: true });
    expect(electron.appOn).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
  });
});
