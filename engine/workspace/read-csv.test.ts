import { describe, expect, it } from 'vitest';
import type { ImportProblem } from './problems';
import { cells } from '../../test/fixtures/workspaces/raw';
import { rowNumberOf, type RawTable, type ReadOptions } from './raw-table';
import { readCsv } from './read-csv';

const enc = new TextEncoder();
const numeric = (...names: string[]): ReadOptions => ({ isNumeric: (h) => names.includes(h) });
const TEXT = numeric();

function read(text: string | Uint8Array, opts: ReadOptions = TEXT, source = 'holdings.csv'): RawTable {
  const r = readCsv(typeof text === 'string' ? enc.encode(text) : text, 'holdings', source, opts);
  if (!r.ok) throw new Error(`expected a table: ${JSON.stringify(r.error)}`);
  return r.value;
}

function problems(text: string | Uint8Array, opts: ReadOptions = TEXT, source = 'holdings.csv'): ImportProblem[] {
  const r = readCsv(typeof text === 'string' ? enc.encode(text) : text, 'holdings', source, opts);
  if (r.ok) throw new Error('expected problems');
  return r.error;
}

const lines = (t: RawTable): number[] => Array.from({ length: t.rowCount }, (_, i) => rowNumberOf(t, i));

describe('readCsv: dialects', () => {
  it('reads UTF-8 with and without BOM, LF and CRLF alike', () => {
    const plain = read('owner,asset,amount\nfund,ETH,5\n', numeric('amount'));
    const bom = read(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('owner,asset,amount\r\nfund,ETH,5\r\n')]), numeric('amount'));
    expect(cells(bom)).toEqual([['fund', 'ETH', 5]]);
    expect(bom.columns.map((c) => c.header)).toEqual(['owner', 'asset', 'amount']);
    expect(cells(plain)).toEqual(cells(bom));
  });

  it.each([
    [';', 'owner;asset;amount\nfund;ETH;1,5\n', 'holdings.csv'],
    ['tab', 'owner\tasset\tamount\nfund\tETH\t1,5\n', 'holdings.csv'],
    ['|', 'owner|asset|amount\nfund|ETH|1,5\n', 'holdings.csv'],
    ['tab for .tsv', 'owner\tasset,x\tamount\nfund\tETH,y\t1,5\n', 'holdings.TSV'],
  ])('detects the delimiter %s', (_name, text, source) => {
    const t = read(text, TEXT, source);
    expect(t.columns).toHaveLength(3);
    expect(cells(t)[0]?.[2]).toBe('1,5');
  });

  it('counts delimiters outside quotes only when detecting', () => {
    const t = read('"a;b;c;d",x,y\n1,2,3\n');
    expect(t.columns.map((c) => c.header)).toEqual(['a;b;c;d', 'x', 'y']);
  });

  it('reads quoted cells with delimiters, doubled quotes and line breaks', () => {
    const t = read('owner,asset,amount\n"fund, ""X""","multi\nline\r\nnote",  "  7 "  \n');
    expect(cells(t)).toEqual([['fund, "X"', 'multi\nline\r\nnote', '7']]);
  });

  it('numbers rows by the file line where each record starts, across multi-line records and blank lines', () => {
    const text = 'owner,asset,amount\n\nfund,"a\nb\nc",1\n   \n,,\r\nbank,ETH,2\n\n"x\ny",z,3';
    const t = read(text, numeric('amount'));
    expect(cells(t)).toEqual([['fund', 'a\nb\nc', 1], ['bank', 'ETH', 2], ['x\ny', 'z', 3]]);
    expect(lines(t)).toEqual([3, 8, 10]);
  });

  it('trims cells and skips a blank line before the header', () => {
    const t = read('\n  owner , asset ,amount\n  fund ,\tETH\t, 5 \n', numeric('amount'));
    expect(t.columns.map((c) => c.header)).toEqual(['owner', 'asset', 'amount']);
    expect(cells(t)).toEqual([['fund', 'ETH', 5]]);
    expect(lines(t)).toEqual([3]);
  });

  it('reads model number columns into Float64Array and lists what is not a number', () => {
    const t = read('owner,amount,note\na,1.5,2\nb,,x\nc,0x10,y\nd,"1,5",z\ne,Infinity,w\nf, -2e3 ,v\ng,1e400,u\n', numeric('amount'));
    const amount = t.columns[1];
    if (amount?.kind !== 'number') throw new Error('amount is not numeric');
    expect(Array.from(amount.values)).toEqual([1.5, NaN, NaN, NaN, NaN, -2000, NaN]);
    expect(amount.invalid).toEqual([
      { row: 2, text: '0x10' },
      { row: 3, text: '1,5' },
      { row: 4, text: 'Infinity' },
      { row: 6, text: '1e400' },
    ]);
    expect(t.columns[2]?.kind).toBe('string');
  });

  it('dictionary-encodes text cells; empty cells are -1', () => {
    const t = read('owner,asset\nfund,ETH\nbank,ETH\nfund,\n');
    const owner = t.columns[0];
    const asset = t.columns[1];
    if (owner?.kind !== 'string' || asset?.kind !== 'string') throw new Error('not text');
    expect(owner.dict).toEqual(['fund', 'bank']);
    expect(Array.from(owner.codes)).toEqual([0, 1, 0]);
    expect(Array.from(asset.codes)).toEqual([0, 0, -1]);
  });

  it('reads a header alone as an empty table, and a last line without line break', () => {
    expect(read('owner,asset,amount').rowCount).toBe(0);
    expect(cells(read('owner,asset\nfund,ETH'))).toEqual([['fund', 'ETH']]);
  });

  it('grows past its first guess of the row count', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `n${i},${i}`).join('\n');
    const t = read(`owner,amount\n${'x'.repeat(3000)},1\n${rows}\n`, numeric('amount'));
    expect(t.rowCount).toBe(5001);
    expect(cells(t)[5000]).toEqual(['n4999', 4999]);
    expect(lines(t)[5000]).toBe(5002);
  });

  it('reads non-ASCII text', () => {
    const t = read('owner,asset\nSociété Générale,€URO\n  ünïcödé\u00a0,x\n');
    expect(cells(t)).toEqual([['Société Générale', '€URO'], ['ünïcödé', 'x']]);
  });
});

describe('readCsv: problems', () => {
  it('names the line of a record with the wrong number of cells', () => {
    expect(problems('owner,asset,amount\nfund,ETH,5\nbank,ETH\n\nx,y,z,w\n')).toEqual([
      { table: 'holdings', row: 3, column: null, value: 'bank,ETH', rule: 'has 2 cells; the header has 3', severity: 'error' },
      { table: 'holdings', row: 5, column: null, value: 'x,y,z,w', rule: 'has 4 cells; the header has 3', severity: 'error' },
    ]);
  });

  it('rejects duplicate headers after normalisation and empty ones', () => {
    expect(problems('owner, Owner ,amount\n1,2,3\n')[0]).toMatchObject({ row: 1, column: 'Owner', rule: expect.stringContaining('second column named "owner"') });
    expect(problems('owner,,amount\n1,2,3\n')[0]).toMatchObject({ row: 1, column: 'column 2', rule: 'has no name in the header; name the column or delete it' });
  });

  it('reports a quote that is never closed, on the line where it opens', () => {
    expect(problems('owner,asset\nfund,ETH\nbank,"ETH\nmore\n')).toEqual([
      { table: 'holdings', row: 3, column: 'asset', value: null, rule: 'opens a quote that is never closed; close it or remove it', severity: 'error' },
    ]);
  });

  it('reports text after a closing quote', () => {
    expect(problems('owner,asset\n"fund"x,ETH\n')[0]).toMatchObject({ row: 2, column: 'owner', rule: expect.stringContaining('text after its closing quote') });
  });

  it('reports invalid UTF-8 with its line, and UTF-16', () => {
    const bytes = new Uint8Array([...enc.encode('owner,asset\nfund,ETH\nbank,'), 0xc3, 0x28, ...enc.encode('\n')]);
    expect(problems(bytes)).toEqual([
      { table: 'holdings', row: 3, column: null, value: null, rule: 'is not valid UTF-8 text (byte 27 of the file); save it as UTF-8', severity: 'error' },
    ]);
    expect(problems(new Uint8Array([0xff, 0xfe, 0x6f, 0x00]))[0]?.rule).toBe('is UTF-16 text; save it as UTF-8 (with or without BOM)');
    // Without its byte order mark, either byte order: said once, as the file's encoding.
    const text = 'owner,asset,amount\nfund,ETH,1\n';
    const le = new Uint8Array(text.length * 2);
    const be = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      le[2 * i] = text.charCodeAt(i);
      be[2 * i + 1] = text.charCodeAt(i);
    }
    for (const bytes of [le, be]) {
      expect(problems(bytes).map((p) => [p.row, p.rule])).toEqual([[null, 'looks like UTF-16 text without a byte order mark (every other byte is 0); save it as UTF-8, or as UTF-16 with its byte order mark']]);
    }
  });

  it('reports a file of only a byte order mark, or of a few bytes, at any place in its buffer', () => {
    // Node hands small files over as views into a shared pool at any offset: the ASCII check
    // must not make a 32-bit view at an odd offset, even an empty one.
    for (let at = 0; at < 4; at++) {
      const pool = new Uint8Array(16);
      pool.set([0xef, 0xbb, 0xbf], at);
      expect(problems(pool.subarray(at, at + 3))[0]?.rule).toBe('is empty; a header line naming the columns is expected');
      pool.set(enc.encode('ab'), at);
      expect(read(pool.subarray(at, at + 2)).rowCount).toBe(0);
      pool.set([0x61, 0xc3], at);
      expect(problems(pool.subarray(at, at + 2))[0]?.rule).toBe('is not valid UTF-8 text (byte 2 of the file); save it as UTF-8');
    }
  });

  it('reports an empty file and one above the size limit', () => {
    expect(problems('')[0]?.rule).toBe('is empty; a header line naming the columns is expected');
    expect(problems('\n\n  \n')[0]?.rule).toBe('is empty; a header line naming the columns is expected');
    expect(problems('owner,asset\nfund,ETH\n', { isNumeric: () => false, maxBytes: 10 })[0]?.rule).toBe(
      'is 21 bytes; CSV files are read up to 10 bytes',
    );
  });
});
