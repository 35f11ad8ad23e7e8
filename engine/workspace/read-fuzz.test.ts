import { tableToIPC, type Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../node/parquet-wasm-node';
import { asParquet, rowsOf } from '../../test/fixtures/workspaces/write-formats';
import { csvFiles, VALID } from '../../test/fixtures/workspaces/valid';
import { handWorkbook, type Cell } from '../../test/fixtures/workspaces/xlsx';
import type { InputFile } from '../protocol';
import { importWorkspace } from './import';
import { readParquetFooter } from './parquet-footer';
import { previewFiles } from './preview';
import { readZipDirectory } from './zip';

// Every reader, fed random, cut and damaged files, gives a value — never an exception or a hang.

const base = csvFiles({ holdings: null, positions: null });
const good = importWorkspace(csvFiles());
if (!good.ok) throw new Error('fixture');
const ws = good.value;

const rows = (table: string): Cell[][] =>
  (VALID[table] as string)
    .trim()
    .split('\n')
    .map((l, i) => l.split(',').map((c) => (c === '' ? null : i > 0 && /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));

const SAMPLES: Record<string, Uint8Array> = {
  'positions.xlsx': handWorkbook('positions.xlsx', { positions: { rows: rows('positions') }, holdings: { rows: rows('holdings') } }).bytes,
  'positions.parquet': (asParquet(ws).find((f) => f.name === 'positions.parquet') as InputFile).bytes,
  'positions.arrow': tableToIPC(ws.tables.positions as NonNullable<typeof ws.tables.positions>, 'file'),
  'positions.json': new TextEncoder().encode(JSON.stringify({ positions: rowsOf(ws.tables.positions as Table), holdings: rowsOf(ws.tables.holdings as Table) })),
};

/** An import and a preview of the damaged file, next to the valid tables: both must answer with a value. */
function answers(name: string, bytes: Uint8Array): boolean {
  const files = [...base, { name, bytes }];
  const r = importWorkspace(files);
  const p = previewFiles(files);
  return typeof r.ok === 'boolean' && Array.isArray(p.sources);
}

function mutate(valid: Uint8Array) {
  return fc
    .array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete', 'cut')), { minLength: 1, maxLength: 5 })
    .map((ops) => {
      let b = Array.from(valid);
      for (const [at, byte, op] of ops) {
        if (op === 'set') b[at % b.length] = byte;
        else if (op === 'insert') b.splice(at, 0, byte);
        else if (op === 'delete') b.splice(at, 1);
        else b = b.slice(0, at);
        if (b.length === 0) b = [byte];
      }
      return new Uint8Array(b);
    });
}

describe.each(Object.keys(SAMPLES))('fuzzing %s', (name) => {
  const valid = SAMPLES[name] as Uint8Array;

  it('the valid sample imports (next to a holdings table when it lacks one)', () => {
    const holdings = name.endsWith('.xlsx') || name.endsWith('.json') ? [] : csvFiles().filter((f) => f.name === 'holdings.csv');
    const r = importWorkspace([...base, ...holdings, { name, bytes: valid }]);
    expect(r.ok ? 'ok' : r.error.problems).toBe('ok');
  });

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (b) => answers(name, b)), { numRuns: 300 });
  });

  it('truncated anywhere', () => {
    const step = Math.max(1, Math.floor(valid.length / 300));
    for (let n = 0; n < valid.length; n += step) expect(answers(name, valid.subarray(0, n))).toBe(true);
  });

  it('bytes changed, inserted, removed', () => {
    fc.assert(fc.property(mutate(valid), (b) => answers(name, b)), { numRuns: 400 });
  });
});

describe('structure checks on random input', () => {
  it('the zip directory reader and the Parquet footer reader never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (b) => {
        const withZip = new Uint8Array([...b, 0x50, 0x4b, 5, 6, ...b.slice(0, 18)]);
        const withPar = new Uint8Array([0x50, 0x41, 0x52, 0x31, ...b, b.length & 255, 0, 0, 0, 0x50, 0x41, 0x52, 0x31]);
        for (const x of [b, withZip]) expect(['string', 'object']).toContain(typeof readZipDirectory(x));
        for (const x of [b, withPar]) expect(['string', 'object']).toContain(typeof readParquetFooter(x));
      }),
      { numRuns: 3000 },
    );
  });

  it('a file of any table format under any extension', () => {
    const names = ['h.csv', 'holdings.tsv', 'holdings.json', 'holdings.arrow', 'holdings.parquet', 'holdings.xlsx', 'book.xlsm', 'x.feather'];
    const contents = Object.values(SAMPLES);
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.constantFrom(...contents), (n, b) => answers(n, b)),
      { numRuns: 200 },
    );
  });
});
