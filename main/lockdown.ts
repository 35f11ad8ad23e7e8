import { app, protocol } from 'electron';
import type { Session, WebContents } from 'electron';
import { APP_SCHEME, isAppUrl, parseUrl } from './app-origin';
import { serveBundleRequest } from './bundle-protocol';
import { CONTENT_SECURITY_POLICY } from './csp';
import { classifyRequest, type BlockReason, type RequestPolicy } from './url-policy';

/** Every host name resolves to nothing: a last wall should any request slip past webRequest. */
export const NO_DNS_RULES = 'MAP * ~NOTFOUND';

export interface LockdownOptions {
  bundleDir: string;
  isPackaged: boolean;
}

export interface BlockCounter {
  add(reason: BlockReason, url: string): void;
  total(): number;
  byReason(): Record<BlockReason, number>;
}

export function createBlockCounter(log: (line: string) => void = (line) => console.warn(line)): BlockCounter {
  const counts: Record<BlockReason, number> = { remote: 0, 'file-outside-bundle': 0, 'foreign-app-host': 0, 'unknown-scheme': 0, malformed: 0 };
  let total = 0;
  return {
    add(reason, url) {
      counts[reason] += 1;
      total += 1;
      // The origin only: a path or query could carry data the user would not want in a log.
      const parsed = parseUrl(url);
      const where = parsed === null ? 'a malformed URL' : parsed.origin === 'null' ? parsed.protocol : parsed.origin;
      log(`[lockdown] blocked (${reason}) ${where}`);
    },
    total: () => total,
    byReason: () => ({ ...counts }),
  };
}

/** Must run before the app is ready: `app://` becomes a standard, secure origin that can fetch and run module workers. */
export function lockdownBeforeReady(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
  // Reviewed: this switch resolves every host to nothing (a last wall for offline use), never to an address.
  app.commandLine.appendSwitch('host-resolver-rules', NO_DNS_RULES); // eng-disable CUSTOM_ARGUMENTS_JS_CHECK
}

/** Serves the bundle on `app://`, cancels and counts every other request, and denies every permission. */
export function lockdownSession(ses: Session, options: LockdownOptions, counter: BlockCounter): void {
  const policy: RequestPolicy = { bundleDir: options.bundleDir, allowDevtools: !options.isPackaged };
  ses.protocol.handle(APP_SCHEME, (request) => serveBundleRequest(request, options.bundleDir));

  ses.webRequest.onBeforeRequest((details, callback) => {
    const verdict = classifyRequest(details.url, policy);
    if (!verdict.allow) counter.add(verdict.reason, details.url);
    callback({ cancel: !verdict.allow });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) return callback({});
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  ses.setSpellCheckerEnabled(false);
  ses.on('will-download', (event) => event.preventDefault());
  // Device pickers never open: no device is chosen, whatever a page asks.
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}

/** No navigation, no new windows, no webviews; DevTools stay closed in packaged builds. */
export function lockdownContents(contents: WebContents, options: Pick<LockdownOptions, 'isPackaged'>): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
  if (options.isPackaged) contents.on('devtools-opened', () => contents.closeDevTools());
}

export function lockdownAllContents(options: Pick<LockdownOptions, 'isPackaged'>): void {
  app.on('web-contents-created', (_event, contents) => lockdownContents(contents, options));
}
