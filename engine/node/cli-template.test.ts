import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEMA, TABLE_NAMES } from '../workspace/schema';
import { main } from './cli';
import type { CliIo } from './cli-io';
import { TEMPLATE_WORKBOOK } from './cli-template';

const tmp = mkdtempSync(join(tmpdir(), 'firebreak-template-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function capture(): CliIo & { outText: string; errText: string } {
  const io = { outText: '', errText: '', out: (t: string) => void (io.outText += t), err: (t: string) => void (io.errText += t) };
  return io;
}

describe('firebreak template', () => {
  it('writes a header-only CSV per table and a workbook with a sheet per table and a README of every column', async () => {
    const dir = join(tmp, 't1');
    const io = capture();
    expect(await main(['template', dir], io)).toBe(0);
    expect(readdirSync(join(dir, 'csv')).sort()).toEqual(TABLE_NAMES.map((t) => `${t}.csv`).sort());
    expect(readFileSync(join(dir, 'csv', 'holdings.csv'), 'utf8')).toBe('owner,asset,amount\n');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, TEMPLATE_WORKBOOK));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['README', ...TABLE_NAMES]);
    const positions = wb.getWorksheet('positions');
    expect(positions?.getRow(1).values).toEqual([undefined, ...SCHEMA.positions.columns.map((c) => c.name)]);
    const readme = wb.getWorksheet('README');
    const rows: string[][] = [];
    readme?.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const lt = rows.find((r) => r[0] === 'positions' && r[1] === 'liquidation_threshold');
    expect(lt).toEqual(['positions', 'liquidation_threshold', 'yes', 'number', 'fraction', '0 < x ≤ 1', '(required)', 'Liquidated when collateral value × threshold < debt value']);
    const bonus = rows.find((r) => r[0] === 'positions' && r[1] === 'liquidation_bonus');
    expect(bonus?.slice(2, 7)).toEqual(['no', 'number', 'fraction', '≥ 0', '0.05']);
    const columnRows = rows.filter((r) => r[1] !== '' && r[0] !== 'table');
    expect(columnRows).toHaveLength(TABLE_NAMES.reduce((n, t) => n + SCHEMA[t].columns.length, 0));
    // One drop-down per enumerated column, over its rows once (not two overlapping ranges).
    const zip = unzipSync(new Uint8Array(readFileSync(join(dir, TEMPLATE_WORKBOOK))));
    const ranges = (sheet: number) => [...strFromU8(zip[`xl/worksheets/sheet${sheet}.xml`] as Uint8Array).matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
    expect(ranges(2 + TABLE_NAMES.indexOf('nodes'))).toEqual(['B2:B1000']);
    expect(ranges(2 + TABLE_NAMES.indexOf('perps'))).toEqual(['E2:E1000']);
    expect(ranges(2 + TABLE_NAMES.indexOf('obligations'))).toEqual(['E2:E1000']);
    expect(wb.getWorksheet('nodes')?.getCell('B7').dataValidation).toMatchObject({ type: 'list', formulae: ['"entity,venue"'] });
  });

  it('writes files that read as every table, empty — not yet a workspace: it needs a node — and refuses to overwrite without --force', async () => {
    const dir = join(tmp, 't2');
    expect(await main(['template', dir], capture())).toBe(0);
    for (const target of [join(dir, TEMPLATE_WORKBOOK), join(dir, 'csv')]) {
      const io = capture();
      expect(await main(['validate', target], io)).toBe(2);
      // Every sheet or file is read as its table; the one problem is that nothing is in them.
      expect(io.outText.trim().split('\n').filter((l) => /\serror\s/.test(l))).toEqual([expect.stringMatching(/^nodes\s.*has no rows: a workspace needs at least one node/)]);
    }
    writeFileSync(join(dir, 'csv', 'nodes.csv'), 'id,kind,name,external_assets_usd\nfund,entity,Fund,100\n');
    const filled = capture();
    expect(await main(['validate', join(dir, 'csv')], filled)).toBe(0);
    expect(filled.outText).toMatch(/^OK\n/);
    const again = capture();
    expect(await main(['template', dir], again)).toBe(2);
    expect(again.errText).toContain('pass --force to overwrite');
    expect(await main(['template', dir, '--force'], capture())).toBe(0);
  });
});
