import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY as MAIN_CSP } from '../../main/csp';
import { CONTENT_SECURITY_POLICY, contentTypeOf, resolveRequestPath, serveStatic } from '../../scripts/serve-static.mjs';

let dir = '';
let root = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-static-'));
  root = join(dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html>');
  await writeFile(join(root, 'assets', 'main.js'), 'export {};');
  await writeFile(join(dir, 'secret.csv'), 'positions');
  await symlink(join(dir, 'secret.csv'), join(root, 'link.csv'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('serve-static', () => {
  it('sends the same CSP as the Electron app', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(MAIN_CSP);
  });

  it('knows the MIME types a module app needs', () => {
    expect(contentTypeOf('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a.json')).toBe('application/json; charset=utf-8');
    expect(contentTypeOf('a.csv')).toBe('text/csv; charset=utf-8');
    expect(contentTypeOf('a.bin')).toBe('application/octet-stream');
  });

  it('serves only files under its root', async () => {
    expect(await resolveRequestPath(root, '/')).toBe(join(root, 'index.html'));
    expect(await resolveRequestPath(root, '/assets/main.js?v=1')).toBe(join(root, 'assets', 'main.js'));
    for (const path of ['/../secret.csv', '/..%2Fsecret.csv', '/assets/..%2F..%2Fsecret.csv', '/link.csv', '/assets', '/nope.js', '/%E0%A4%A', '/a%00.js']) {
      expect(await resolveRequestPath(root, path), path).toBeNull();
    }
  });

  it('listens on 127.0.0.1 only and answers with types and headers', async () => {
    const served = await serveStatic({ root });
    try {
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const script = await fetch(new URL('assets/main.js', served.url));
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(script.headers.get('content-security-policy')).toBe(MAIN_CSP);
      // Cross-origin isolated as the app is: the engine worker's helpers get shared memory.
      expect(script.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(script.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect((await fetch(new URL('link.csv', served.url))).status).toBe(404);
      expect((await fetch(served.url, { method: 'POST' })).status).toBe(405);
    } finally {
      await served.close();
    }
  });
});
