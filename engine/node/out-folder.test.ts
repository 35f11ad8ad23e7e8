import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTargets, isStaleTemp, OutFolder } from './out-folder';

const root = mkdtempSync(join(tmpdir(), 'firebreak-out-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('OutFolder', () => {
  it('writes every file or none: a failure removes the files and folders it made, and names the path', () => {
    const dir = join(root, 'a', 'b');
    const r = OutFolder.run(dir, (out) => {
      out.write('one.csv', ['x\n']);
      out.write('sub/two.csv', ['y\n']);
      out.write('three.csv', (function* () {
        yield 'z';
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      })());
    });
    expect(r).toEqual({ ok: false, error: `cannot write ${join(dir, 'three.csv')}: no space left on device` });
    expect(existsSync(join(root, 'a'))).toBe(false);
  });

  it('leaves a folder that existed as it was, its files included, when a file cannot be renamed into place', () => {
    const dir = join(root, 'kept');
    mkdirSync(join(dir, 'two.csv'), { recursive: true });
    writeFileSync(join(dir, 'mine.txt'), 'mine');
    const r = OutFolder.run(dir, (out) => {
      out.write('one.csv', ['x\n']);
      out.write('two.csv', ['y\n']);
    });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(new RegExp(`^cannot write ${join(dir, 'two.csv')}: `));
    expect(readdirSync(dir).sort()).toEqual(['mine.txt', 'two.csv']);
    expect(readFileSync(join(dir, 'mine.txt'), 'utf8')).toBe('mine');
  });

  it('puts back the files it had replaced when a later one cannot be renamed into place: old files or new, never a mix', () => {
    const dir = join(root, 'mix');
    mkdirSync(join(dir, 'two.csv', 'inside'), { recursive: true });
    writeFileSync(join(dir, 'one.csv'), 'old one');
    writeFileSync(join(dir, 'three.csv'), 'old three');
    const r = OutFolder.run(dir, (out) => {
      out.write('one.csv', ['new one']);
      out.write('three.csv', ['new three']);
      out.write('two.csv', ['new two']);
    });
    expect(r.ok).toBe(false);
    expect(readFileSync(join(dir, 'one.csv'), 'utf8')).toBe('old one');
    expect(readFileSync(join(dir, 'three.csv'), 'utf8')).toBe('old three');
    expect(readdirSync(dir).sort()).toEqual(['one.csv', 'three.csv', 'two.csv']);
  });

  it('knows the temporary files of a process no longer running', () => {
    expect(isStaleTemp('.assets.csv.999999999.0.tmp')).toBe(true);
    expect(isStaleTemp('.summary.json.999999999.3a.tmp.old')).toBe(true);
    expect(isStaleTemp(`.assets.csv.${process.pid}.0.tmp`)).toBe(false);
    expect(isStaleTemp('assets.csv')).toBe(false);
  });

  it('replaces a file in place and returns the names written', () => {
    const dir = join(root, 'replace');
    mkdirSync(dir);
    writeFileSync(join(dir, 'one.csv'), 'old');
    expect(OutFolder.run(dir, (out) => out.write('one.csv', ['new']))).toEqual({ ok: true, value: ['one.csv'] });
    expect(readFileSync(join(dir, 'one.csv'), 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['one.csv']);
  });
});

describe('checkTargets', () => {
  it('finds a file where a folder goes, and files in the way that are not the command’s', async () => {
    const dir = join(root, 'check');
    mkdirSync(dir);
    writeFileSync(join(dir, 'csv'), '');
    writeFileSync(join(dir, 'a.txt'), 'ours');
    writeFileSync(join(dir, 'b.txt'), 'theirs');
    const o = { force: false, inputs: [], writer: 'test' };
    expect(await checkTargets(dir, [{ name: 'csv/x.csv' }], o)).toEqual({ ok: false, error: `cannot write ${join(dir, 'csv', 'x.csv')}: ${join(dir, 'csv')} is a file, not a folder` });
    const ours = (path: string): boolean => readFileSync(path, 'utf8') === 'ours';
    expect(await checkTargets(dir, [{ name: 'a.txt', ours }, { name: 'c.txt', ours }], o)).toEqual({ ok: true, value: undefined });
    expect((await checkTargets(dir, [{ name: 'a.txt', ours }, { name: 'b.txt', ours }], o)).ok).toBe(false);
    expect((await checkTargets(dir, [{ name: 'b.txt', ours }], { ...o, force: true })).ok).toBe(true);
    // An input named through a link is the file it points to.
    const link = join(root, 'link.txt');
    symlinkSync(join(dir, 'b.txt'), link);
    expect(await checkTargets(dir, [{ name: 'b.txt' }], { ...o, force: true, inputs: [{ path: link, what: 'the input' }] })).toEqual({
      ok: false,
      error: `cannot write ${join(dir, 'b.txt')}: it is the input this command reads (${link}); choose another folder`,
    });
  });

  it('follows a link before "..", as the system does: link/../ws is the folder above the link’s target, so the workspace there is found', async () => {
    const deep = join(root, 'deep', 'a');
    mkdirSync(join(deep, 'b'), { recursive: true });
    mkdirSync(join(deep, 'ws'));
    writeFileSync(join(deep, 'ws', 'nodes.csv'), 'id,kind\n');
    const link = join(root, 'lnk');
    symlinkSync(join(deep, 'b'), link);
    const r = await checkTargets(join(deep, 'ws'), [{ name: 'nodes.csv' }], { force: true, inputs: [{ path: `${link}/../ws`, what: 'the workspace' }], writer: 'test' });
    expect(r.ok ? '' : r.error).toMatch(/^cannot write into .*: it is the workspace this command reads/);
  });
});
