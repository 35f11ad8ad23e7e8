import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VALID } from '../../test/fixtures/workspaces/valid';
import { main } from './cli';
import type { CliIo } from './cli-io';

const tmp = mkdtempSync(join(tmpdir(), 'firebreak-map-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function capture(): CliIo & { outText: string; errText: string } {
  const io = { outText: '', errText: '', out: (t: string) => void (io.outText += t), err: (t: string) => void (io.errText += t) };
  return io;
}

/** The valid fixture as a folder, with holdings exported under other headers and another name. */
function folder(): string {
  const dir = mkdtempSync(join(tmp, 'ws-'));
  for (const [t, text] of Object.entries(VALID)) if (t !== 'holdings') writeFileSync(join(dir, `${t}.csv`), text);
  writeFileSync(join(dir, 'balances export.csv'), 'Holder,Token,Qty\nfund,ETH,5\nbank,USDC,100000\n');
  return dir;
}

describe('firebreak map', () => {
  it('prints the table, each column matched, guessed or missing with the reason, and a mapping to save', async () => {
    const dir = folder();
    const io = capture();
    expect(await main(['map', join(dir, 'balances export.csv')], io)).toBe(0);
    expect(io.outText).toContain('balances export.csv → holdings (from its columns)');
    expect(io.outText).toMatch(/amount \*\s+guessed\s+Qty\s+"Qty" is a usual name for amount/);
    expect(io.outText).toContain('"tables": {\n    "balances export.csv": "holdings"\n  }');
  });

  it('maps onto a chosen table, and the saved mapping makes validate accept the folder', async () => {
    const dir = folder();
    const io = capture();
    expect(await main(['map', join(dir, 'balances export.csv'), '--table', 'holdings', '--json'], io)).toBe(0);
    const doc = JSON.parse(io.outText) as { mapping: unknown; sources: { table: string; tableFrom: string }[] };
    expect(doc.sources[0]).toMatchObject({ table: 'holdings', tableFrom: 'option' });
    expect(doc.mapping).toEqual({ holdings: { owner: 'Holder', asset: 'Token', amount: 'Qty' }, tables: { 'balances export.csv': 'holdings' } });
    const mapFile = join(tmp, 'mapping.json');
    writeFileSync(mapFile, JSON.stringify(doc.mapping));
    const without = capture();
    expect(await main(['validate', dir], without)).toBe(2);
    expect(without.outText).toContain('is missing: the table needs a column named owner; the column "Holder" may be it');
    const withMap = capture();
    expect(await main(['validate', dir, '--map', mapFile], withMap)).toBe(0);
    expect(withMap.outText).toMatch(/holdings\s+2/);
  });

  it('maps a file whose columns lack a required one onto the table they come closest to, the missing column shown', async () => {
    const file = join(tmp, 'export.csv');
    writeFileSync(file, 'Loan,Borrower,Lender,Collateral,Coll amount,Debt,Debt amount\np1,fund,aave,ETH,100,USDC,150000\n');
    const io = capture();
    expect(await main(['map', file], io)).toBe(0);
    expect(io.outText).toContain('export.csv → positions (its columns come closest to it; it lacks liquidation_threshold: add that column to the file or map it below)');
    expect(io.outText).toMatch(/liquidation_threshold \*\s+missing/);
    expect(io.outText).toContain('"tables": {\n    "export.csv": "positions"\n  }');
  });

  it('in a workbook, --table names the one sheet whose name does not place it, or the sheet given as book.xlsx#Sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = (name: string, csv: string) => {
      const ws = wb.addWorksheet(name);
      for (const line of csv.trim().split('\n')) ws.addRow(line.split(',').map((v) => (v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v === '' ? null : v)));
    };
    sheet('assets', VALID.assets as string);
    sheet('nodes', VALID.nodes as string);
    sheet('Loans', 'Loan,Borrower,Lender,Collateral,Coll amount,Debt,Debt amount,LT\np1,fund,aave,ETH,100,USDC,150000,0.825\n');
    const book = join(tmp, 'book.xlsx');
    writeFileSync(book, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));

    const io = capture();
    expect(await main(['map', book, '--table', 'positions', '--json'], io)).toBe(0);
    const doc = JSON.parse(io.outText) as { mapping: { tables?: Record<string, string> }; sources: { source: string; table: string }[] };
    expect(doc.sources.map((x) => [x.source, x.table])).toEqual([
      ['book.xlsx#assets', 'assets'],
      ['book.xlsx#nodes', 'nodes'],
      ['book.xlsx#Loans', 'positions'],
    ]);
    expect(doc.mapping.tables).toEqual({ 'book.xlsx#Loans': 'positions' });
    const mapFile = join(tmp, 'book-map.json');
    writeFileSync(mapFile, JSON.stringify(doc.mapping));
    const v = capture();
    expect(await main(['validate', book, '--map', mapFile], v)).toBe(0);

    const named = capture();
    expect(await main(['map', `${book}#Loans`, '--table', 'positions', '--json'], named)).toBe(0);
    const one = JSON.parse(named.outText) as { mapping: Record<string, unknown>; sources: { source: string }[] };
    const full = doc.mapping as Record<string, unknown>;
    expect(one.mapping).toEqual({ positions: full.positions, tables: full.tables });
    writeFileSync(mapFile, JSON.stringify(one.mapping));
    expect(await main(['validate', book, '--map', mapFile], capture())).toBe(0);
    // The sheet named, alone (every sheet was listed).
    expect(one.sources.map((x) => x.source)).toEqual(['book.xlsx#Loans']);
    const text = capture();
    expect(await main(['map', `${book}#Loans`], text)).toBe(0);
    expect(text.outText).toContain('book.xlsx#Loans →');
    expect(text.outText).not.toContain('book.xlsx#assets');
    const missing = capture();
    expect(await main(['map', `${book}#Nope`], missing)).toBe(2);
    expect(missing.errText).toContain('book.xlsx has no sheet "Nope"; its sheets: assets, nodes, Loans');
  });

  it('says what is wrong with its arguments and with a mapping file', async () => {
    const io = capture();
    expect(await main(['map'], io)).toBe(2);
    expect(io.errText).toContain('map expects a file');
    expect(await main(['map', 'x.csv', '--table', 'prices'], io)).toBe(2);
    expect(io.errText).toContain('--table expects one of assets, nodes');
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"prices": {}}');
    const v = capture();
    expect(await main(['validate', folder(), '--map', bad], v)).toBe(2);
    expect(v.errText).toContain('the mapping names "prices", which is not a table');
    expect(readFileSync(bad, 'utf8')).toBe('{"prices": {}}');
  });
});
