import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirs } from './make-dirs';

const root = mkdtempSync(join(tmpdir(), 'firebreak-make-dirs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('makeDirs', () => {
  it('makes every missing folder of a path, and leaves existing ones as they are', () => {
    const deep = join(root, 'a', 'b', 'c');
    makeDirs(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    writeFileSync(join(deep, 'kept.txt'), 'x');
    makeDirs(deep);
    makeDirs(join(root, 'a'));
    expect(statSync(join(deep, 'kept.txt')).isFile()).toBe(true);
  });

  it('refuses a path through a file as not a folder', () => {
    writeFileSync(join(root, 'file'), '');
    expect(() => makeDirs(join(root, 'file', 'x'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }) as Error);
    expect(() => makeDirs(join(root, 'file'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }) as Error);
  });
  // Under /proc (where Node's recursive mkdir spins): test/cli.test.ts, in a child process with a time limit.
});
