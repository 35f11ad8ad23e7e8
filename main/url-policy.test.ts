import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyRequest, isInside, resolveBundlePath, type BlockReason } from './url-policy';

const bundleDir = resolve('/opt/firebreak/dist/renderer');
const prod = { bundleDir, allowDevtools: false };
const dev = { bundleDir, allowDevtools: true };
const fileUrl = (p: string): string => pathToFileURL(p).href;

describe('classifyRequest', () => {
  const allowed: string[] = [
    'app://firebreak/index.html',
    'app://firebreak/assets/index-abc123.js',
    'app://firebreak/assets/worker-entry-x.js',
    'app://firebreak/demo/workspace/positions.csv',
    'app://firebreak/',
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:app://firebreak/2f0a5f1c-4b7e-4a56-9a0e-0c8b8a0a0a0a',
    fileUrl(join(bundleDir, 'index.html')),
    fileUrl(join(bundleDir, 'assets', 'a.js')),
  ];
  it.each(allowed)('allows %s', (url) => {
    expect(classifyRequest(url, prod)).toEqual({ allow: true });
  });

  const blocked: [string, BlockReason][] = [
    ['http://example.com/', 'remote'],
    ['https://fonts.googleapis.com/css2?family=Inter', 'remote'],
    ['https://fonts.gstatic.com/s/inter/v12/a.woff2', 'remote'],
    ['https://update.electronjs.org/firebreak/linux/0.1.0', 'remote'],
    ['http://127.0.0.1:8080/', 'remote'],
    ['http://localhost/', 'remote'],
    ['ws://10.0.0.1:9222/devtools', 'remote'],
    ['wss://telemetry.example.net/socket', 'remote'],
    ['ftp://ftp.example.org/file', 'remote'],
    [fileUrl('/etc/passwd'), 'file-outside-bundle'],
    [fileUrl(join(bundleDir, '..', 'main', 'index.cjs')), 'file-outside-bundle'],
    [fileUrl(`${bundleDir}-evil/index.html`), 'file-outside-bundle'],
    [fileUrl(bundleDir), 'file-outside-bundle'],
    ['app://evil/index.html', 'foreign-app-host'],
    ['app://firebreak.evil.com/index.html', 'foreign-app-host'],
    ['chrome://settings', 'unknown-scheme'],
    ['chrome-extension://abcdef/bg.js', 'unknown-scheme'],
    ['devtools://devtools/bundled/inspector.html', 'unknown-scheme'],
    ['javascript:alert(1)', 'unknown-scheme'],
    ['mailto:someone@example.com', 'unknown-scheme'],
    ['not a url', 'malformed'],
    ['', 'malformed'],
  ];
  it.each(blocked)('blocks %s as %s', (url, reason) => {
    expect(classifyRequest(url, prod)).toEqual({ allow: false, reason });
  });

  it('allows DevTools pages only in development', () => {
    expect(classifyRequest('devtools://devtools/bundled/inspector.html', dev)).toEqual({ allow: true });
    expect(classifyRequest('https://chrome-devtools-frontend.appspot.com/x', dev)).toEqual({ allow: false, reason: 'remote' });
  });
});

describe('resolveBundlePath', () => {
  it.each([
    ['app://firebreak/', 'index.html'],
    ['app://firebreak/index.html', 'index.html'],
    ['app://firebreak/assets/a%20b.js', join('assets', 'a b.js')],
    ['app://firebreak/demo/workspace/positions.csv?x=1#y', join('demo', 'workspace', 'positions.csv')],
    // The URL parser folds plain dot segments before we see them: these stay inside the bundle.
    ['app://firebreak/../../etc/passwd', join('etc', 'passwd')],
    ['app://firebreak/%2e%2e/%2e%2e/etc/passwd', join('etc', 'passwd')],
  ])('maps %s inside the bundle', (url, rel) => {
    expect(resolveBundlePath(url, bundleDir)).toBe(join(bundleDir, rel));
  });

  it.each([
    'app://firebreak/..%2F..%2Fetc%2Fpasswd',
    'app://firebreak/assets/..%2F..%2F..%2Fmain%2Findex.cjs',
    'app://firebreak/index.html%00.png',
    'app://firebreak/%E0%A4%A',
    'app://evil/index.html',
    'https://firebreak/index.html',
    'file:///etc/passwd',
    'garbage',
  ])('refuses %s', (url) => {
    expect(resolveBundlePath(url, bundleDir)).toBeNull();
  });

  it('never escapes through encoded backslashes (a separator on Windows, a name character elsewhere)', () => {
    const resolved = resolveBundlePath('app://firebreak/..%5C..%5Cwindows%5Cwin.ini', bundleDir);
    expect(resolved === null || isInside(bundleDir, resolved)).toBe(true);
  });
});

describe('isInside', () => {
  it('is strict about prefixes and the folder itself', () => {
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/b')).toBe(false);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a/b/../c')).toBe(false);
    expect(isInside('/a/b', '/a/b/..c')).toBe(true);
  });
});
