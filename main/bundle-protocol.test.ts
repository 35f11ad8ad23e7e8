import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBundleRequest } from './bundle-protocol';
import { CONTENT_SECURITY_POLICY } from './csp';

let root = '';
let bundle = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'firebreak-bundle-'));
  bundle = join(root, 'renderer');
  await mkdir(join(bundle, 'assets'), { recursive: true });
  await writeFile(join(bundle, 'index.html'), '<!doctype html><title>x</title>');
  await writeFile(join(bundle, 'assets', 'main.js'), 'export {};');
  await writeFile(join(root, 'secret.txt'), 'positions');
});
afterAll(() => rm(root, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveBundleRequest({ url, method }, bundle);

describe('serveBundleRequest', () => {
  it('serves the entry page and module scripts with the right type and the CSP', async () => {
    const page = await get('app://firebreak/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>x</title>');
    const script = await get('app://firebreak/assets/main.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    // Cross-origin isolated (every file it loads is its own): its workers get shared memory.
    for (const r of [page, script]) {
      expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(r.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    }
  });

  it.each(['app://firebreak/..%2Fsecret.txt', 'app://firebreak/assets/..%2F..%2Fsecret.txt', 'app://other/index.html'])(
    'refuses %s',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('positions');
    },
  );

  it('answers 404 for missing files and folders, 405 for writes', async () => {
    expect((await get('app://firebreak/nope.js')).status).toBe(404);
    expect((await get('app://firebreak/assets')).status).toBe(404);
    expect((await get('app://firebreak/index.html', 'POST')).status).toBe(405);
    expect(await (await get('app://firebreak/index.html', 'HEAD')).text()).toBe('');
  });
});
