import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aboutDetail, buildHash } from './about';

let dir = '';
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('About', () => {
  it('shows the version, build hash, runtime versions and the offline promise', () => {
    const text = aboutDetail(
      { name: 'Firebreak', version: '0.1.0', host: 'electron', platform: 'linux-x64', packaged: true, versions: { electron: '45.5.0', chrome: '140.0', node: '22.1' }, blockedRequests: 1 },
      'a1b2c3d4e5f6',
    );
    expect(text.split('\n')).toEqual([
      'Version 0.1.0 (build a1b2c3d4e5f6)',
      'Electron 45.5.0',
      'Chrome 140.0',
      'Node 22.1',
      'Platform linux-x64',
      '',
      'Offline by design: no telemetry, no update checks, no crash reports.',
      '1 outgoing request blocked this session.',
    ]);
  });

  it('hashes the bundles, so any change to the build changes it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'firebreak-build-'));
    await mkdir(join(dir, 'dist', 'main'), { recursive: true });
    await mkdir(join(dir, 'dist', 'renderer'), { recursive: true });
    expect(await buildHash(dir)).toBe('unknown');
    await writeFile(join(dir, 'dist', 'main', 'index.cjs'), 'main');
    await writeFile(join(dir, 'dist', 'main', 'preload.cjs'), 'preload');
    await writeFile(join(dir, 'dist', 'renderer', 'index.html'), '<script src="assets/index-abc.js">');
    const first = await buildHash(dir);
    expect(first).toMatch(/^[0-9a-f]{12}$/);
    await writeFile(join(dir, 'dist', 'renderer', 'index.html'), '<script src="assets/index-abd.js">');
    expect(await buildHash(dir)).not.toBe(first);
  });
});
