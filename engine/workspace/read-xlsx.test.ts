import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cells } from '../../test/fixtures/workspaces/raw';
import { csvFiles, VALID } from '../../test/fixtures/workspaces/valid';
import { handWorkbook, type Cell } from '../../test/fixtures/workspaces/xlsx';
import type { InputFile } from '../protocol';
import { importWorkspace, type ImportFailure } from './import';
import { readOptions } from './mapping';
import { ProblemLog } from './problems';
import { rowNumberOf, type RawTable } from './raw-table';
import { openWorkbook } from './xlsx-book';
import { excelDateText, SheetReader } from './xlsx-sheet';

/** The VALID fixture table as sheet rows (numbers where the text is a number). */
function rowsOf(table: string): Cell[][] {
  return (VALID[table] as string)
    .trim()
    .split('\n')
    .map((line, i) => line.split(',').map((c) => (c === '' ? null : i > 0 && /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
}

function sheetTable(file: InputFile, sheet: number, table: 'holdings' | 'positions' = 'holdings'): { t: RawTable | null; log: ProblemLog } {
  const book = openWorkbook(file.bytes);
  if (typeof book === 'string') throw new Error(book);
  const s = book.sheets[sheet];
  if (!s) throw new Error('no sheet');
  const xml = zipPart(file, s.entry.name);
  const log = new ProblemLog();
  const r = new SheetReader(xml, book.strings, table, 'x.xlsx', readOptions(table), log);
  while (!r.step(64));
  return { t: r.result(), log };
}

function zipPart(file: InputFile, name: string): Uint8Array {
  const part = unzipSync(file.bytes)[name];
  if (!part) throw new Error(`no ${name}`);
  return part;
}

function failure(files: InputFile[]): ImportFailure {
  const r = importWorkspace(files);
  if (r.ok) throw new Error('expected the import to fail');
  return r.error;
}

describe('xlsx: a whole workspace in one workbook', () => {
  it('reads a sheet per table, named after it, and ignores a README sheet', () => {
    const sheets: Record<string, { rows: Cell[][] }> = { README: { rows: [['notes'], ['anything at all', 1, 2]] } };
    for (const t of Object.keys(VALID)) sheets[t] = { rows: rowsOf(t) };
    const r = importWorkspace([handWorkbook('Workspace.XLSX', sheets)]);
    if (!r.ok) throw new Error(JSON.stringify(r.error.problems.slice(0, 3)));
    const fromCsv = importWorkspace(csvFiles());
    if (!fromCsv.ok) throw new Error('fixture');
    expect(Object.keys(r.value.tables).sort()).toEqual(Object.keys(fromCsv.value.tables).sort());
    expect(r.value.tables.positions?.getChild('collateral_amount')?.toArray()).toEqual(new Float64Array([100, 2]));
    expect(r.value.warnings).toEqual([]);
  });

  it('numbers rows as the sheet does: a header on row 3 and blank rows in between', () => {
    const file = handWorkbook('h.xlsx', { holdings: { firstRow: 3, rows: [['owner', 'asset', 'amount'], ['fund', 'ETH', 5], [null, null, null], ['bank', 'USDC', '1e5']] } });
    const { t } = sheetTable(file, 0);
    if (!t) throw new Error('no table');
    expect(cells(t)).toEqual([['fund', 'ETH', 5], ['bank', 'USDC', 100000]]);
    expect([rowNumberOf(t, 0), rowNumberOf(t, 1)]).toEqual([4, 6]);
  });

  it('reads inline and rich text, booleans, formulas by their cached value, and errors as text', () => {
    const file = handWorkbook('h.xlsx', {
      holdings: {
        rows: [
          ['owner', 'asset', 'amount', 'note'],
          [{ xml: '<c r="$REF" t="inlineStr"><is><t>fu</t><r><t>nd</t></r><rPh><t>x</t></rPh></is></c>' }, 'ETH', { xml: '<c r="$REF"><f>2+3</f><v>5</v></c>' }, { xml: '<c r="$REF" t="b"><v>1</v></c>' }],
          ['bank', { xml: '<c r="$REF" t="str"><f>A1</f><v>US&amp;D</v></c>' }, { xml: '<c r="$REF" t="e"><v>#N/A</v></c>' }, { xml: '<c r="$REF" t="s"><v>0</v></c>' }],
        ],
      },
    });
    const { t, log } = sheetTable(file, 0);
    expect(t).toBeTruthy();
    expect(log.items).toEqual([]);
    if (!t) return;
    expect(cells(t)[0]).toEqual(['fund', 'ETH', 5, 'TRUE']);
    expect(cells(t)[1]?.slice(0, 2)).toEqual(['bank', 'US&D']);
    const amount = t.columns[2];
    expect(amount?.kind === 'number' && amount.invalid).toEqual([{ row: 1, text: '#N/A' }]);
  });

  it('refuses a TRUE/FALSE cell where an id or a reference goes, at its sheet row; reads one elsewhere as text', () => {
    const file = handWorkbook('h.xlsx', {
      holdings: {
        rows: [
          ['owner', 'asset', 'amount', 'note'],
          ['fund', { xml: '<c r="$REF" t="b"><v>0</v></c>' }, 1, { xml: '<c r="$REF" t="b"><v>1</v></c>' }],
        ],
      },
    });
    const { log } = sheetTable(file, 0);
    expect(log.items.map((p) => [p.row, p.column, p.value, p.rule])).toEqual([
      [2, 'asset', 'FALSE', 'is true/false (a boolean); an id is text or a whole number: store this column as text'],
    ]);
  });

  it('reports a value outside the header, and a shared string the workbook lacks, at their sheet row', () => {
    const file = handWorkbook('h.xlsx', { holdings: { rows: [['owner', 'asset', 'amount'], ['fund', 'ETH', 5, 'stray'], ['bank', { xml: '<c r="$REF" t="s"><v>999</v></c>' }, 1]] } });
    const { t, log } = sheetTable(file, 0);
    expect(t).toBeNull();
    expect(log.items.map((p) => [p.row, p.value, p.rule])).toEqual([
      [2, 'stray', 'has a value in column D, which has no header; name the column or clear the cell'],
      [3, null, 'refers to shared text number 999, which the workbook does not have (damaged)'],
    ]);
  });

  it('reads a single sheet as the table its file is named after, or as a chosen table', () => {
    const one = handWorkbook('positions.xlsx', { Sheet1: { rows: rowsOf('positions') } });
    const files = [...csvFiles({ positions: null }), one];
    const r = importWorkspace(files);
    if (!r.ok) throw new Error(JSON.stringify(r.error.problems.slice(0, 3)));
    expect(r.value.tables.positions?.numRows).toBe(2);
    const other = handWorkbook('book.xlsx', { Data: { rows: rowsOf('holdings') }, Notes: { rows: [['x']] } });
    const chosen = importWorkspace([...csvFiles({ holdings: null }), other], { tables: { 'book.xlsx#Data': 'holdings', 'book.xlsx#Notes': null } });
    if (!chosen.ok) throw new Error(JSON.stringify(chosen.error.problems.slice(0, 3)));
    expect(chosen.value.tables.holdings?.numRows).toBe(2);
  });

  it('gives row numbers of the sheet in validation problems', () => {
    const rows = rowsOf('holdings');
    (rows[2] as Cell[])[2] = -1;
    const f = failure([...csvFiles({ holdings: null }), handWorkbook('holdings.xlsx', { holdings: { firstRow: 5, rows } })]);
    expect(f.problems).toEqual([{ table: 'holdings', row: 7, column: 'amount', value: '-1', rule: 'must be ≥ 0', severity: 'error' }]);
  });

  it('reads a workbook exceljs wrote, as Excel users would have it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('holdings');
    ws.addRow(['Owner', 'Asset', 'Amount']);
    ws.addRow(['fund', 'ETH', 5.25]);
    ws.addRow(['bank', 'USDC', { formula: '2*50000', result: 100000 }]);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const { t } = sheetTable({ name: 'h.xlsx', bytes }, 0);
    expect(t && cells(t)).toEqual([['fund', 'ETH', 5.25], ['bank', 'USDC', 100000]]);
  });
});

describe('xlsx: cells whose stored number is not what the sheet shows', () => {
  it('refuses a date in a number column and a formula without a stored result, naming row and column (a workbook exceljs wrote)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('holdings');
    ws.addRow(['Owner', 'Asset', 'Amount']);
    ws.addRow(['fund', 'ETH', new Date(Date.UTC(2024, 0, 1))]);
    ws.addRow(['bank', 'USDC', { formula: '2*50000' }]);
    ws.addRow(['desk', 'ETH', 7]);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const f = failure([...csvFiles({ holdings: null }), { name: 'holdings.xlsx', bytes }]);
    expect(f.problems).toEqual([
      { table: 'holdings', row: 2, column: 'Amount', value: '45292', rule: 'is a date (Excel stores it as the number of days since 1900); this column takes a number: format the cell as a number', severity: 'error' },
      { table: 'holdings', row: 3, column: 'Amount', value: null, rule: 'is a formula without a stored result (the program that saved the workbook did not calculate it); open and save it in Excel, or paste its values', severity: 'error' },
    ]);
  });

  it('reads a date-styled cell of a text column (a column kept as it is) as the date it shows, and a number styled as a number', () => {
    const styles = strToU8('<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>');
    const file = handWorkbook('h.xlsx', { holdings: { rows: [['owner', 'asset', 'amount', 'as_of'], [{ xml: '<c r="$REF" s="1"><v>45292</v></c>', }, 'ETH', { xml: '<c r="$REF" s="2"><v>12.5</v></c>' }, { xml: '<c r="$REF" s="1"><v>45296.5625</v></c>' }]] } }, { 'xl/styles.xml': styles });
    const book = openWorkbook(file.bytes);
    if (typeof book === 'string') throw new Error(book);
    const log = new ProblemLog();
    const r = new SheetReader(zipPart(file, 'xl/worksheets/sheet1.xml'), book.strings, 'holdings', 'x.xlsx', readOptions('holdings'), log, Infinity, book.dateStyles);
    while (!r.step(64));
    const t = r.result();
    expect(log.items).toEqual([]);
    expect(t && cells(t)).toEqual([['2024-01-01', 'ETH', 12.5, '2024-01-05T13:30:00']]);
  });

  it('gives a date serial as the date Excel shows, across its 1900 leap-year slip', () => {
    expect([1, 59, 61, 45292, 45296.5625, 2958465.5].map(excelDateText)).toEqual(['1900-01-01', '1900-02-28', '1900-03-01', '2024-01-01', '2024-01-05T13:30:00', '9999-12-31T12:00:00']);
    expect([0, -1, 2958466, NaN].map(excelDateText)).toEqual([null, null, null, null]);
  });
});

describe('xlsx: damaged and hostile workbooks', () => {
  const problem = (bytes: Uint8Array): string => failure([...csvFiles({ holdings: null }), { name: 'holdings.xlsx', bytes }]).problems[0]?.rule ?? '';

  it('says what is wrong with a file that is not a workbook', () => {
    expect(problem(strToU8('owner,asset\n'))).toBe('is not a readable Excel workbook: it is not a zip archive (an .xlsx workbook is one), or it is cut short');
    expect(problem(zipSync({ 'a.txt': strToU8('hello') }))).toBe('is not a readable Excel workbook: it is a zip archive but not an Excel workbook (it has no workbook part)');
    const good = handWorkbook('h.xlsx', { holdings: { rows: rowsOf('holdings') } }).bytes;
    expect(problem(good.subarray(0, good.length - 30))).toMatch(/^is not a readable Excel workbook: /);
  });

  it('stops a zip bomb at the size its directory declares', () => {
    const big = new Uint8Array(8 * 1024 * 1024).fill(32);
    const bytes = zipSync({ "xl/workbook.xml": big }, { level: 6 });
    // Make the directory claim 100 bytes: the unpacking must stop there, not fill memory.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = bytes.length - 22; at >= 0; at--) {
      if (view.getUint32(at, true) === 0x02014b50) {
        view.setUint32(at + 24, 100, true);
        break;
      }
    }
    expect(bytes.length).toBeLessThan(200_000);
    expect(problem(bytes)).toBe('is not a readable Excel workbook: its part xl/workbook.xml unpacks to more than the 100 bytes it declares (damaged, or a zip bomb)');
  });

  it('refuses an encrypted entry', () => {
    const bytes = handWorkbook('h.xlsx', { holdings: { rows: rowsOf('holdings') } }).bytes.slice();
    const view = new DataView(bytes.buffer);
    for (let at = 0; at + 4 <= bytes.length; at++) if (view.getUint32(at, true) === 0x02014b50) view.setUint16(at + 8, 1, true);
    expect(problem(bytes)).toBe('is not a readable Excel workbook: it is password-protected; save it without a password');
  });
});
