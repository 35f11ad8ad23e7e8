import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecentFiles, recentId } from './recent';

let dir = '';
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'firebreak-recent-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('RecentFiles', () => {
  it('keeps the ten newest, newest first, without repeats, across restarts', async () => {
    const file = join(dir, 'recent.json');
    let t = 0;
    const recent = new RecentFiles(file, () => new Date(Date.UTC(2026, 10, 30, 9, t++)));
    await recent.load();
    for (let i = 0; i < 12; i++) await recent.add(`/p/${i}.firebreak`);
    await recent.add('/p/3.firebreak');
    const names = recent.list().map((r) => r.name);
    expect(names).toEqual(['3.firebreak', '11.firebreak', '10.firebreak', '9.firebreak', '8.firebreak', '7.firebreak', '6.firebreak', '5.firebreak', '4.firebreak', '2.firebreak']);
    const again = new RecentFiles(file);
    await again.load();
    expect(again.list()).toEqual(recent.list());
    expect(again.pathOf(recentId('/p/3.firebreak'))).toBe('/p/3.firebreak');
    expect(recent.list()[0]).toEqual({ id: recentId('/p/3.firebreak'), name: '3.firebreak', location: '/p', openedAt: '2026-11-30T09:12:00.000Z' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveLength(10);
  });

  it('reads a damaged or foreign list as empty, keeping only sound entries', async () => {
    const file = join(dir, 'damaged.json');
    await writeFile(file, '{not json');
    const recent = new RecentFiles(file);
    await recent.load();
    expect(recent.list()).toEqual([]);
    await writeFile(file, JSON.stringify([{ path: '/a.firebreak', openedAt: '2026-01-01T00:00:00Z' }, { path: 5 }, 'x', null]));
    await recent.load();
    expect(recent.list().map((r) => r.name)).toEqual(['a.firebreak']);
    await recent.clear();
    expect(recent.list()).toEqual([]);
  });
});
