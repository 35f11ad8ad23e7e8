import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './files';

// A save that dies half-way must leave the old file exactly as it was. The writer here is the
// real writeFileAtomic in a child process, killed with SIGKILL (no cleanup can run) mid-write.

const SIZE = 256 * 1024 * 1024;
let dir = '';
let writer = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-atomic-'));
  writer = join(dir, 'writer.cjs');
  await build({
    stdin: {
      contents: `
        const { writeFileAtomic } = require('./files');
        const bytes = new Uint8Array(${SIZE}).fill(0x4e);
        process.stdout.write('ready\\n');
        writeFileAtomic(process.argv[2], bytes).then((r) => process.stdout.write(r.ok ? 'done\\n' : 'failed\\n'));
      `,
      resolveDir: import.meta.dirname,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: writer,
    logLevel: 'error',
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const temps = async (): Promise<string[]> => (await readdir(dir)).filter((n) => n.endsWith('.tmp'));

describe('writeFileAtomic', () => {
  it('leaves the old file intact when the writer is killed mid-write, and the next save cleans up', async () => {
    const target = join(dir, 'q4.firebreak');
    const old = new TextEncoder().encode('the old project, saved yesterday');
    await writeFile(target, old);

    const child = spawn(process.execPath, [writer, target], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill as soon as part of the new file is on disk, before the rename can happen.
    let partial = 0;
    for (;;) {
      const [temp] = await temps();
      const size = temp === undefined ? 0 : await stat(join(dir, temp)).then((s) => s.size, () => 0);
      if (size > 0 && size < SIZE) {
        child.kill('SIGKILL');
        partial = size;
        break;
      }
      if (child.exitCode !== null) throw new Error('the writer finished before it could be killed');
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(await exited).toBe('SIGKILL');
    expect(partial).toBeGreaterThan(0);
    expect(new Uint8Array(await readFile(target))).toEqual(old);
    const left = await temps();
    expect(left).toHaveLength(1);
    expect((await stat(join(dir, left[0] as string))).size).toBeLessThan(SIZE);

    const next = new TextEncoder().encode('the new project');
    expect(await writeFileAtomic(target, next)).toEqual({ ok: true, value: { path: target } });
    expect(new Uint8Array(await readFile(target))).toEqual(next);
    expect(await temps()).toEqual([]);
  });

  it('keeps the permissions of the file it replaces; a new file is its owner’s only', async () => {
    if (process.platform === 'win32') return;
    const shared = join(dir, 'shared.firebreak');
    await writeFile(shared, 'x', { mode: 0o640 });
    await writeFileAtomic(shared, new Uint8Array([1]));
    expect((await stat(shared)).mode & 0o777).toBe(0o640);
    const fresh = join(dir, 'fresh.firebreak');
    await writeFileAtomic(fresh, new Uint8Array([1]));
    expect((await stat(fresh)).mode & 0o777).toBe(0o600);
  });

  it('reports a failed save as a value and leaves nothing behind', async () => {
    const r = await writeFileAtomic(join(dir, 'missing-folder', 'x.firebreak'), new Uint8Array(1));
    expect(r).toEqual({ ok: false, error: { kind: 'io', message: 'Could not save "x.firebreak": it does not exist.' } });
  });
});
