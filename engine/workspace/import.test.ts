import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvFiles, file, VALID } from '../../test/fixtures/workspaces/valid';
import type { InputFile } from '../protocol';
import { importWorkspace, MAX_FILE_BYTES, type ImportFailure } from './import';
import type { Workspace } from './workspace';

const CASES = new URL('../../test/cases/', import.meta.url);

function accepted(files: InputFile[]): Workspace {
  const r = importWorkspace(files);
  if (!r.ok) throw new Error(JSON.stringify(r.error.problems.slice(0, 5)));
  return r.value;
}

function rejected(files: InputFile[], limits = MAX_FILE_BYTES): ImportFailure {
  const r = importWorkspace(files, { limits });
  if (r.ok) throw new Error('expected the import to fail');
  return r.error;
}

describe('importWorkspace', () => {
  it.each(['single-long', 'chain-en', 'oracle-lag'])('imports the worked case %s without any problem', (name) => {
    const dir = new URL(`${name}/`, CASES);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(new URL(f, dir))) }));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const ws = accepted(files);
    expect(ws.warnings).toEqual([]);
    expect(Object.keys(ws.tables).sort()).toEqual(files.map((f) => f.name.replace('.csv', '')).sort());
  });

  it('reads UTF-16 text files (Excel’s "Unicode Text": a byte order mark, tabs) as their UTF-8 twins, and refuses broken UTF-16', () => {
    const utf16 = (text: string, bigEndian: boolean): Uint8Array => {
      const out = new Uint8Array(2 + 2 * text.length);
      out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        out[2 + 2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
        out[2 + 2 * i + (bigEndian ? 0 : 1)] = c >> 8;
      }
      return out;
    };
    const nodes = (VALID.nodes as string).replace('Fund X', 'Fonds Élan – 日本');
    const plain = accepted(csvFiles({ nodes }));
    for (const bigEndian of [false, true]) {
      const files = csvFiles({ nodes }).map((f) => (f.name === 'nodes.csv' || f.name === 'assets.csv' ? { name: f.name.replace('.csv', '.txt'), bytes: utf16(new TextDecoder().decode(f.bytes).replace(/,/g, '\t'), bigEndian) } : f));
      const ws = accepted(files);
      for (const t of ['assets', 'nodes'] as const) expect(ws.tables[t]?.toArray().map((r) => JSON.stringify(r)), `${t} ${bigEndian ? 'BE' : 'LE'}`).toEqual(plain.tables[t]?.toArray().map((r) => JSON.stringify(r)));
    }
    // A JSON file too (the whole workspace as one document).
    const doc = JSON.stringify({ assets: plain.tables.assets?.toArray().map((r) => r.toJSON()), nodes: plain.tables.nodes?.toArray().map((r) => r.toJSON()) });
    const fromJson = accepted([...csvFiles().filter((f) => !/^(assets|nodes)\./.test(f.name)), { name: 'workspace.json', bytes: utf16(doc, false) }]);
    expect(fromJson.tables.nodes?.toArray().map((r) => JSON.stringify(r))).toEqual(plain.tables.nodes?.toArray().map((r) => JSON.stringify(r)));
    // An odd number of bytes (or a lone surrogate) is not UTF-16: refused as before, with what to do.
    const broken = csvFiles().map((f) => (f.name === 'assets.csv' ? { name: f.name, bytes: Uint8Array.of(0xff, 0xfe, 0x41) } : f));
    expect(rejected(broken).problems.map((p) => p.rule)).toContain('is UTF-16 text; save it as UTF-8 (with or without BOM)');
  });

  it('finds the table from the base name in any case and the reader from the extension', () => {
    const files = csvFiles({ positions: null, holdings: null, nodes: null, perps: null });
    const ws = accepted([
      ...files,
      file('some/dir/Positions.CSV', VALID.positions as string),
      file('C:\\data\\HOLDINGS.tsv', (VALID.holdings as string).replace(/,/g, '\t')),
      file('nodes.txt', (VALID.nodes as string).replace(/,/g, ';')),
      file('perps.json', JSON.stringify([
        { id: 'q1', owner: 'fund', venue: 'cex', asset: 'ETH', side: 'long', size: 10, entry_price: 2000, margin_usd: 5000, maintenance_margin: 0.05 },
        { id: 'q2', owner: 'bank', venue: 'cex', asset: 'WBTC', side: 'short', size: '1', entry_price: 60000, margin_usd: 1e4, maintenance_margin: '0.1' },
      ])),
    ]);
    expect(ws.tables.positions?.numRows).toBe(2);
    expect(ws.tables.holdings?.numRows).toBe(2);
    expect(ws.tables.nodes?.numRows).toBe(4);
    expect(ws.tables.perps?.getChild('size')?.toArray()).toEqual(new Float64Array([10, 1]));
  });

  it('ignores scenarios, expected results and files that are not tables, with a warning each', () => {
    const ws = accepted([...csvFiles(), file('scenario.json', '{}'), file('Expected-2.json', '{}'), file('mapping.json', '{"tables":{"loans.csv":"positions"}}'), file('loans-mapping.json', '{}'), file('notes.md', '# x'), file('readme', ''),
      file('prices.csv', 'a,b\n')]);
    expect(ws.warnings.map((w) => [w.table, w.rule])).toEqual([
      ['scenario.json', 'holds a scenario, not a table; ignored'],
      ['Expected-2.json', 'holds expected results, not a table; ignored'],
      ['mapping.json', 'holds a column mapping (pass it with --map), not a table; ignored'],
      ['loans-mapping.json', 'holds a column mapping (pass it with --map), not a table; ignored'],
      ['notes.md', expect.stringMatching(/^is not a table of the workspace \(its name is none of assets, nodes, .*\); ignored$/)],
      ['readme', expect.stringMatching(/^is not a table of the workspace/)],
      ['prices.csv', expect.stringMatching(/^is not a table of the workspace/)],
    ]);
  });

  it('reads a JSON file holding the whole workspace', () => {
    const ws = accepted([file('workspace.json', JSON.stringify({ assets: [{ id: 'ETH', price: 2000 }], nodes: [{ id: 'v', kind: 'venue' }, { id: 'f', kind: 'entity' }],
      positions: [{ id: 'p', owner: 'f', venue: 'v', collateral_asset: 'ETH', collateral_amount: 1, debt_asset: 'USD', debt_amount: 100, liquidation_threshold: 0.8 }] }))]);
    expect(Object.keys(ws.tables).sort()).toEqual(['assets', 'nodes', 'positions']);
  });

  it('reports a Parquet or Excel file that is damaged, and a kind of file it cannot read, naming what to do', () => {
    const failure = rejected([...csvFiles({ positions: null }), file('positions.parquet', 'PAR1'), file('book.xlsx', 'PK'), file('old.xls', 'x')]);
    expect(failure.problems.map((p) => [p.table, p.value, p.rule])).toEqual([
      ['positions', 'positions.parquet', 'is not a readable Parquet file: the file is too short to be Parquet'],
      ['book.xlsx', 'book.xlsx', 'is not a readable Excel workbook: it is not a zip archive (an .xlsx workbook is one), or it is cut short'],
      ['old.xls', 'old.xls', 'is an Excel 97–2003 workbook (.xls); save it as .xlsx (Excel Workbook) or CSV'],
    ]);
  });

  it('refuses a file above its size limit, stating both sizes', () => {
    const failure = rejected(csvFiles(), { ...MAX_FILE_BYTES, csv: 100 });
    expect(failure.problems).toContainEqual({
      table: 'positions', row: null, column: null, value: 'positions.csv', severity: 'error',
      rule: `is ${(VALID.positions as string).length} bytes; CSV files are read up to 100 bytes`,
    });
    expect(failure.problems.some((p) => p.rule.startsWith('is missing'))).toBe(false);
  });

  it('rejects the same table given twice in two formats', () => {
    const failure = rejected([...csvFiles(), file('nodes.json', JSON.stringify([{ id: 'x', kind: 'venue' }]))]);
    expect(failure.problems).toContainEqual({
      table: 'nodes', row: null, column: null, value: 'nodes.csv, nodes.json', severity: 'error',
      rule: 'is given 2 times (nodes.csv and nodes.json); keep one file per table',
    });
  });

  it('lists the problems of every file, and does not blame references into a table it could not read', () => {
    const failure = rejected(csvFiles({ nodes: 'id,kind\n"fund,entity\n', holdings: 'owner,asset,amount\nfund,ETH,-1\n' }));
    expect(failure.problems.map((p) => [p.table, p.row, p.column, p.rule])).toEqual([
      ['nodes', 2, 'id', 'opens a quote that is never closed; close it or remove it'],
      ['holdings', 2, 'amount', 'must be ≥ 0'],
    ]);
    expect(failure.errors).toBe(2);
    expect(failure.total).toBe(2);
  });

  it('changes nothing it was given, and gives the same answer twice', () => {
    const files = csvFiles({ holdings: 'owner,asset,amount\nfund,ETH,-1\n' });
    const before = files.map((f) => Array.from(f.bytes));
    const first = importWorkspace(files);
    const second = importWorkspace(files);
    expect(files.map((f) => Array.from(f.bytes))).toEqual(before);
    expect(second).toEqual(first);
  });
});
