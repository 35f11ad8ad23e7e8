import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importWorkspace } from '../workspace/import';
import { main } from './cli';
import { readWorkspaceFolder } from './read-folder';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-folder-'));
  made.push(dir);
  return dir;
}

describe('readWorkspaceFolder', () => {
  it('reads the regular files at the top level, sorted by name, and nothing else', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'nodes.csv'), 'id,kind\nv,venue\n');
    writeFileSync(join(dir, 'assets.csv'), 'id,price\nETH,2000\n');
    mkdirSync(join(dir, 'positions.csv'));
    mkdirSync(join(dir, 'old'));
    writeFileSync(join(dir, 'old', 'holdings.csv'), 'owner,asset,amount\n');
    symlinkSync(join(dir, 'assets.csv'), join(dir, 'feeds.csv'));
    const files = await readWorkspaceFolder(dir);
    expect(files.map((f) => f.name)).toEqual(['assets.csv', 'nodes.csv']);
    expect(new TextDecoder().decode(files[0]?.bytes)).toBe('id,price\nETH,2000\n');
    const ws = importWorkspace(files);
    expect(ws.ok && ws.value.tables.assets?.numRows).toBe(1);
  });

  it('rejects, naming the folder, when it cannot be read', async () => {
    await expect(readWorkspaceFolder(join(folder(), 'missing'))).rejects.toThrow(/missing/);
  });

  it('says which subfolder holds the tables when the folder named does not import (a template filled in its csv/ folder)', async () => {
    const dir = folder();
    let out = '';
    let errText = '';
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (errText += t) };
    expect(await main(['template', dir], io)).toBe(0);
    writeFileSync(join(dir, 'csv', 'nodes.csv'), 'id,kind\nfund,entity\n');
    out = '';
    errText = '';
    expect(await main(['validate', dir], io)).toBe(2);
    expect(out + errText).toContain(`(a workspace is the files of one folder: its subfolder csv/ is not read; give ${join(dir, 'csv')} to read it)`);
    out = '';
    errText = '';
    expect(await main(['validate', dir, '--json'], io)).toBe(2);
    expect(errText).toContain('its subfolder csv/ is not read');
    expect((JSON.parse(out) as { ok: boolean }).ok).toBe(false);
    expect(await main(['validate', join(dir, 'csv')], io)).toBe(0);
    // A run's results beside them (a nodes table, no assets) are not offered as the workspace.
    mkdirSync(join(dir, 'results'));
    writeFileSync(join(dir, 'results', 'nodes.csv'), 'step,node\n');
    out = '';
    errText = '';
    expect(await main(['validate', dir], io)).toBe(2);
    expect(out + errText).toContain('its subfolder csv/ is not read');
    expect(out + errText).not.toContain('results/');
  });
});
