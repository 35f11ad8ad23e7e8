import { describe, expect, it } from 'vitest';
import { createWebHost } from './web-host';

function fakeWindow(files: Record<string, string | number>) {
  const requested: string[] = [];
  const fetch = async (input: URL): Promise<Response> => {
    requested.push(input.href);
    const body = files[input.pathname];
    if (body === undefined) return new Response('Not found', { status: 404 });
    if (typeof body === 'number') throw new TypeError('Failed to fetch');
    return new Response(body, { status: 200 });
  };
  const win = { document: { baseURI: 'http://127.0.0.1:5178/index.html' }, fetch, navigator: { userAgent: 'Mozilla/5.0 Chrome/156.0.1.2', platform: 'Linux x86_64' } };
  return { win: win as unknown as Window, requested };
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
    const result = await createWebHost(win).readDemo();
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
    const result = await createWebHost(fakeWindow(files).win).readDemo();
    expect(result).toMatchObject({ ok: false, error: { message } });
  });

  it('describes itself as the web host', async () => {
    const info = await createWebHost(fakeWindow({}).win).appInfo();
    expect(info).toMatchObject({ ok: true, value: { host: 'web', packaged: false, blockedRequests: 0, versions: { chrome: '156.0.1.2' } } });
  });
});
