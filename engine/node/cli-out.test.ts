import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { RESULT_TABLES } from '../protocol';
import { main } from './cli';
import type { CliIo } from './cli-io';
import { RESULT_COLUMNS } from './cli-out';

const CASE = join(__dirname, '..', '..', 'test', 'cases', 'single-long');
const SCENARIO = join(CASE, 'scenario.json');
const tmp = mkdtempSync(join(tmpdir(), 'firebreak-cli-out-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function capture(): CliIo & { outText: string; errText: string } {
  const io = { outText: '', errText: '', out: (t: string) => void (io.outText += t), err: (t: string) => void (io.errText += t) };
  return io;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await main(argv, io);
  return { code, out: io.outText, err: io.errText };
}

/** Every file under dir with its bytes, to see that a command left it as it was. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        out[`${prefix}${e.name}/`] = '';
        walk(join(d, e.name), `${prefix}${e.name}/`);
      } else out[`${prefix}${e.name}`] = readFileSync(join(d, e.name)).toString('base64');
    }
  };
  walk(dir, '');
  return out;
}

const RESULT_FILES = [...RESULT_TABLES.flatMap((t) => [`${t}.arrow`, `${t}.csv`]), 'summary.json'].sort();

describe('run --out', () => {
  it('writes the result tables with the columns --out recognises an earlier run’s files by', async () => {
    const out = join(tmp, 'columns');
    expect((await cli('run', CASE, '--scenario', SCENARIO, '--out', out, '--json')).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(RESULT_FILES);
    for (const t of RESULT_TABLES) {
      expect(tableFromIPC(readFileSync(join(out, `${t}.arrow`))).schema.fields.map((f) => f.name), t).toEqual(RESULT_COLUMNS[t]);
      expect(readFileSync(join(out, `${t}.csv`), 'utf8').split('\n')[0], t).toBe(RESULT_COLUMNS[t].join(','));
    }
  });

  it('never writes into the workspace folder or over a file it reads, --force or not', async () => {
    const ws = join(tmp, 'ws-copy');
    cpSync(CASE, ws, { recursive: true });
    const before = snapshot(ws);
    for (const force of [[], ['--force']]) {
      const r = await cli('run', ws, '--scenario', join(ws, 'scenario.json'), '--out', ws, ...force);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`firebreak: cannot write into ${ws}: it is the workspace this command reads; choose another folder\n`);
      // Another spelling of the same folder is the same folder.
      const again = await cli('run', ws, '--scenario', SCENARIO, '--out', join(ws, '..', 'ws-copy', '.'), ...force);
      expect(again.code).toBe(2);
      expect(again.err).toContain('it is the workspace this command reads');
    }
    expect(snapshot(ws)).toEqual(before);
    // A scenario (or mapping, overrides file) at a path --out writes.
    const out = join(tmp, 'reads');
    mkdirSync(out);
    writeFileSync(join(out, 'summary.json'), readFileSync(SCENARIO));
    const r = await cli('run', CASE, '--scenario', join(out, 'summary.json'), '--out', out, '--force');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`firebreak: cannot write ${join(out, 'summary.json')}: it is the scenario this command reads; choose another folder\n`);
    expect(readdirSync(out)).toEqual(['summary.json']);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(readFileSync(SCENARIO, 'utf8'));
  });

  it('replaces an earlier run’s results; any other file in the way stops it before anything is written, unless --force', async () => {
    const out = join(tmp, 'again');
    expect((await cli('run', CASE, '--scenario', SCENARIO, '--out', out)).code).toBe(0);
    expect((await cli('run', CASE, '--scenario', SCENARIO, '-o', out, '--json')).code).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    expect((await cli('run', CASE, '--scenario', SCENARIO, '--out', out)).code).toBe(0);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');

    const mine = join(tmp, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'nodes.csv'), 'id,kind\nfund,entity\n');
    writeFileSync(join(mine, 'summary.json'), '{"total": 1}');
    const r = await cli('run', CASE, '--scenario', SCENARIO, '--out', mine);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `firebreak: nothing was written: 2 files in ${mine} that no earlier run --out wrote would be replaced (${join(mine, 'nodes.csv')}, ${join(mine, 'summary.json')}); add --force to replace them, or choose another folder\n`,
    );
    expect(readdirSync(mine).sort()).toEqual(['nodes.csv', 'summary.json']);
    expect((await cli('run', CASE, '--scenario', SCENARIO, '--out', mine, '--force')).code).toBe(0);
    expect(readFileSync(join(mine, 'nodes.csv'), 'utf8').split('\n')[0]).toBe(RESULT_COLUMNS.nodes.join(','));
  });

  it('checks every path before writing: a folder where a file goes is named, and nothing else is written', async () => {
    const out = join(tmp, 'blocked');
    mkdirSync(join(out, 'nodes.csv'), { recursive: true });
    const r = await cli('run', CASE, '--scenario', SCENARIO, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`firebreak: cannot write ${join(out, 'nodes.csv')}: it is a folder\n`);
    expect(readdirSync(out)).toEqual(['nodes.csv']);
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    expect((await cli('run', CASE, '--scenario', SCENARIO, '--out', join(file, 'sub'))).err).toBe(`firebreak: cannot write into ${join(file, 'sub')}: ${file} is a file, not a folder\n`);
  });
});

describe('generate', () => {
  it('refuses a folder of the user’s without --force, and replaces an earlier generate’s', async () => {
    const user = join(tmp, 'userws');
    mkdirSync(user);
    writeFileSync(join(user, 'assets.csv'), 'id,price\nETH,3000\n');
    const r = await cli('generate', user, '--positions', '10');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`nothing was written: ${user} is not empty (assets.csv) and is not a workspace generate wrote; add --force`);
    expect(readdirSync(user)).toEqual(['assets.csv']);
    expect(readFileSync(join(user, 'assets.csv'), 'utf8')).toBe('id,price\nETH,3000\n');
    writeFileSync(join(user, 'notes.txt'), 'mine');
    expect((await cli('generate', user, '--positions', '10', '--force')).code).toBe(0);
    expect(readFileSync(join(user, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(user, 'assets.csv'), 'utf8')).not.toContain('ETH,3000\n');

    const g = join(tmp, 'gen');
    expect((await cli('generate', g, '--positions', '10')).code).toBe(0);
    const first = readFileSync(join(g, 'positions.csv'));
    expect((await cli('generate', g, '--positions', '200', '--seed', '3')).code).toBe(0);
    expect(readFileSync(join(g, 'positions.csv')).equals(first)).toBe(false);
    // An earlier generate's folder with a file of the user's in it is the user's.
    writeFileSync(join(g, 'notes.txt'), 'mine');
    expect((await cli('generate', g, '--positions', '10')).code).toBe(2);
  });

  it('writes nothing when a path it writes is a folder, and names it', async () => {
    const g = join(tmp, 'gp');
    mkdirSync(join(g, 'positions.csv'), { recursive: true });
    const r = await cli('generate', g, '--positions', '100');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`firebreak: cannot write ${join(g, 'positions.csv')}: it is a folder\n`);
    expect(readdirSync(g)).toEqual(['positions.csv']);
    expect(statSync(join(g, 'positions.csv')).isDirectory()).toBe(true);
  });
});

describe('template --force', () => {
  it('writes nothing when a path it writes is a folder, and names it', async () => {
    const dir = join(tmp, 'tpl');
    expect((await cli('template', dir)).code).toBe(0);
    writeFileSync(join(dir, 'csv', 'assets.csv'), 'id,price\nETH,1\n');
    rmSync(join(dir, 'csv', 'nodes.csv'));
    mkdirSync(join(dir, 'csv', 'nodes.csv'));
    const before = snapshot(dir);
    const r = await cli('template', dir, '--force');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`firebreak: cannot write ${join(dir, 'csv', 'nodes.csv')}: it is a folder\n`);
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(dir, 'csv', 'assets.csv'))).toBe(true);
  });
});
