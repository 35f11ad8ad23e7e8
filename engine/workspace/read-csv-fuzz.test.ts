import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cells } from '../../test/fixtures/workspaces/raw';
import { VALID } from '../../test/fixtures/workspaces/valid';
import { readOptions } from './import';
import { rowNumberOf, type CsvScanner, type ReadOptions } from './raw-table';
import { readCsv } from './read-csv';

const enc = new TextEncoder();
const TEXT: ReadOptions = { isNumeric: () => false };
/** The fast path's tokenizers: JavaScript, WebAssembly, and WebAssembly with a window small enough that records cross it. */
const scanners = fc.constantFrom<CsvScanner>('js', 'wasm', { wasmWindow: 37 });

const cellText = fc
  .array(fc.constantFrom('a', 'Z', '0', '7', ' ', '\t', ',', ';', '|', '"', '\n', '\r', '\r\n', 'é', '€', '😀', '.', '-'), { maxLength: 8 })
  .map((a) => a.join(''));

function quote(cell: string, delim: string): string {
  const needs = /[,;|\t"\r\n]/.test(cell) || cell !== cell.trim() || cell.includes(delim);
  return needs ? `"${cell.replace(/"/g, '""')}"` : cell;
}

describe('readCsv: properties', () => {
  it('reads back any table a spreadsheet would write, in every dialect', () => {
    const table = fc.integer({ min: 1, max: 4 }).chain((ncols) =>
      fc.record({
        rows: fc.array(fc.array(cellText, { minLength: ncols, maxLength: ncols }), { maxLength: 12 }),
        delim: fc.constantFrom(',', ';', '\t', '|'),
        eol: fc.constantFrom('\n', '\r\n'),
        bom: fc.boolean(),
        ncols: fc.constant(ncols),
        scanner: scanners,
      }),
    );
    fc.assert(
      fc.property(table, ({ rows, delim, eol, bom, ncols, scanner }) => {
        const headers = Array.from({ length: ncols }, (_, j) => `col ${j}${delim === ',' ? ';x' : ',x'}`);
        const lines = [headers, ...rows].map((r) => r.map((c) => quote(c, delim)).join(delim));
        const text = (bom ? '\ufeff' : '') + lines.join(eol) + eol;
        const r = readCsv(enc.encode(text), 'holdings', delim === '\t' ? 'holdings.tsv' : 'holdings.csv', { ...TEXT, scanner });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        expect(r.value.columns.map((c) => c.header)).toEqual(headers);
        const kept = rows.filter((row) => row.some((c) => c !== ''));
        expect(cells(r.value)).toEqual(kept.map((row) => row.map((c) => (c.trim() === '' ? null : c.trim()))));
        let line = 2;
        const expectedLines: number[] = [];
        for (const row of rows) {
          if (row.some((c) => c !== '')) expectedLines.push(line);
          line += 1 + row.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
        }
        expect(Array.from({ length: r.value.rowCount }, (_, i) => rowNumberOf(r.value, i))).toEqual(expectedLines);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads numbers bit-identical to Number() on their text', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 50 }), scanners, (xs, scanner) => {
        const texts = xs.map((x, i) => (i % 4 === 0 ? String(x) : i % 4 === 1 ? x.toExponential() : i % 4 === 2 ? x.toPrecision(17) : x.toFixed(Math.abs(x) < 1e6 ? 3 : 0)));
        const r = readCsv(enc.encode(`amount\n${texts.join('\n')}\n`), 'holdings', 'h.csv', { isNumeric: () => true, scanner });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        const col = r.value.columns[0];
        if (col?.kind !== 'number') throw new Error('not numeric');
        texts.forEach((t, i) => expect(Object.is(col.values[i], Number(t)), t).toBe(true));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readCsv: fuzzing never throws or hangs', () => {
  const opts = readOptions('positions');
  const valid = enc.encode(VALID.positions);
  const isResult = (bytes: Uint8Array): boolean => {
    // Either tokenizer, by the bytes (both must survive anything).
    const r = readCsv(bytes, 'positions', 'positions.csv', { ...opts, scanner: (bytes[0] ?? 0) & 1 ? 'js' : { wasmWindow: 1 + (bytes.length % 40) } });
    return r.ok ? r.value.rowCount >= 0 : r.error.length > 0;
  };

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect(isResult(b)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('random text over the CSV alphabet', () => {
    const csvish = fc.array(fc.constantFrom('a', '1', '.', ',', ';', '"', '\n', '\r', ' ', '\t', 'e', '-', 'é'), { maxLength: 200 });
    fc.assert(
      fc.property(csvish, (a) => {
        expect(isResult(enc.encode(a.join('')))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('a valid file truncated anywhere', () => {
    for (let n = 0; n <= valid.length; n++) expect(isResult(valid.subarray(0, n))).toBe(true);
  });

  it('a valid file with bytes changed, inserted and removed', () => {
    const edits = fc.array(fc.tuple(fc.nat(valid.length), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(edits, (ops) => {
        const b = Array.from(valid);
        for (const [at, byte, op] of ops) {
          if (op === 'set') b[at % b.length] = byte;
          else if (op === 'insert') b.splice(at, 0, byte);
          else b.splice(at, 1);
        }
        expect(isResult(new Uint8Array(b))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('validates UTF-8 across its 16 MB windows without false alarms', () => {
    const line = 'fund,Société Générale €,1\n';
    const text = `owner,asset,amount\n${line.repeat(Math.ceil((17 * 1024 * 1024) / enc.encode(line).length))}`;
    const r = readCsv(enc.encode(text), 'holdings', 'h.csv', readOptions('holdings'));
    expect(r.ok && r.value.rowCount).toBe(text.split('\n').length - 2);
  });
});

describe('readCsv: a large file is checked for UTF-8 as it is read', () => {
  it('still reports a bad byte near the end of a 9 MB file, at its line', () => {
    const line = 'fund,ETH,1\n';
    const n = Math.ceil((9 * 1024 * 1024) / line.length);
    const text = enc.encode(`owner,asset,amount\n${line.repeat(n)}fund,E`);
    const bytes = new Uint8Array(text.length + 4);
    bytes.set(text);
    bytes.set([0xff, 0x54, 0x48, 0x2c], text.length);
    const r = readCsv(new Uint8Array([...bytes, ...enc.encode('1\n')]), 'holdings', 'h.csv', readOptions('holdings'));
    expect(r.ok ? [] : r.error.map((p) => [p.row, p.rule])).toEqual([[n + 2, `is not valid UTF-8 text (byte ${text.length + 1} of the file); save it as UTF-8`]]);
  });
});
