import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNELS, assemble, moduleSource } from '../../scripts/gen-wasm.mjs';
import { CsvScan } from './csv-scan';
import type { CsvScanner, RawTable } from './raw-table';
import { readCsv } from './read-csv';

const enc = new TextEncoder();
const root = join(import.meta.dirname, '..', '..');

/** Everything a reader produced, as plain values (numbers compared with Object.is by toEqual). */
function view(bytes: Uint8Array, numeric: (h: string) => boolean, scanner: CsvScanner): unknown {
  const r = readCsv(bytes, 'holdings', 'holdings.csv', { isNumeric: numeric, scanner });
  if (!r.ok) return { problems: r.error };
  const t: RawTable = r.value;
  return {
    rows: t.rowCount,
    lines: Array.from(t.rowNumbers ?? []),
    columns: t.columns.map((c) =>
      c.kind === 'number'
        ? { header: c.header, values: Array.from(c.values.subarray(0, t.rowCount)), invalid: c.invalid, summary: c.summary }
        : { header: c.header, codes: Array.from(c.codes.subarray(0, t.rowCount)), dict: c.dict, empty: c.empty },
    ),
  };
}

const NUMBER_TEXTS = ['', ' ', '5', '5.', '.5', '-.5', '+.5', '-0', '+7', '-', '+', '.', '..', '1.2.3', '123456789', '1234567890', '12345.6789', '1.23456789', '1.234567891', '0000000001', '000000001', ' 42 ', '\t3', '1e5', 'abc', '5-', '12 3', '999999999', '-999999999', '0.000000001', '-0.0', '\u22121', '１'];
const TEXTS = ['', ' ', 'a', 'bb', 'ETH', 'USDC', 'aave', 'fund-058', 'retail-00001', 'thirteen-byte', 'a value longer than twelve', ' pad ', '\t', 'é', '€uro', 'x y', '\u00a0'];

const NUMBER_CELL = fc.oneof(
  fc.constantFrom(...NUMBER_TEXTS),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -2e9, max: 2e9 }).map(String),
  fc.nat(99999).map((x) => (x / 100).toFixed(2)),
);
const TEXT_CELL = fc.oneof(fc.constantFrom(...TEXTS), fc.stringMatching(/^[a-z0-9-]{1,14}$/));

/** A CSV of 1–6 columns (n… numeric), with the dialects and the irregular records the fast path hands on. */
const csvFile = fc
  .record({
    kinds: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
    delim: fc.constantFrom(',', ';', '\t', '|'),
    eol: fc.constantFrom('\n', '\r\n', '\n', '\r'),
    seed: fc.array(fc.nat(99), { minLength: 1, maxLength: 80 }),
    finalEol: fc.boolean(),
  })
  .chain(({ kinds, delim, eol, seed, finalEol }) =>
    fc.tuple(...seed.map(() => fc.tuple(...kinds.map((k) => (k ? NUMBER_CELL : TEXT_CELL))))).map((rows) => {
      const header = kinds.map((k, j) => (k ? `n${j}` : `t${j}`)).join(delim);
      const lines = rows.map((r, i) => {
        const s = seed[i] as number;
        const cells = r.map((c) => (c.includes(delim) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c));
        if (s === 0) return '';
        if (s === 1) return [...cells, 'extra'].join(delim);
        if (s === 2) return `"${cells.join(delim)}"`;
        if (s === 3) return cells.map(() => '').join(delim);
        return cells.join(delim);
      });
      return { text: header + eol + lines.join(eol) + (finalEol ? eol : ''), kinds };
    }),
  );

describe('CSV scanner in WebAssembly', () => {
  it('is the module that csv-scan.wat assembles to', async () => {
    for (const k of KERNELS) expect(readFileSync(join(root, k.ts), 'utf8'), `${k.ts}: run node scripts/gen-wasm.mjs`).toBe(moduleSource(k, await assemble(k.wat)));
  });

  it('compiles here (Node), so the tests below compare it with the JavaScript path', () => {
    expect(CsvScan.make(16, 3, 100)).not.toBeNull();
  });

  it('reads every table exactly as the JavaScript path does, its windows large or small', () => {
    fc.assert(
      fc.property(csvFile, fc.integer({ min: 1, max: 300 }), ({ text, kinds }, window) => {
        const bytes = enc.encode(text);
        const numeric = (h: string): boolean => h.startsWith('n') && kinds[Number(h.slice(1))] === true;
        const js = view(bytes, numeric, 'js');
        expect(view(bytes, numeric, 'wasm')).toEqual(js);
        expect(view(bytes, numeric, { wasmWindow: window })).toEqual(js);
        // The comparison is real: a scanner can be made for this file (the reader falls back to JavaScript otherwise).
        expect(CsvScan.make(4096, kinds.length, bytes.length, window)).not.toBeNull();
      }),
      { numRuns: 1500 },
    );
  });

  it('reads a plain decimal to the same bit as the JavaScript path, and leaves the others to it', () => {
    const texts = [...NUMBER_TEXTS, '0.1', '0.3', '123.456', '-98765.4321', '8.', '-8.5', '4294967295', '2147483647', '21474836.48'];
    const bytes = enc.encode(`n0,t1\n${texts.map((t) => `${t},x`).join('\n')}\n`);
    const js = view(bytes, (h) => h === 'n0', 'js');
    expect(view(bytes, (h) => h === 'n0', 'wasm')).toEqual(js);
    const values = (js as { columns: { values: number[] }[] }).columns[0]?.values ?? [];
    expect(values.slice(0, 8)).toEqual([NaN, NaN, 5, 5, 0.5, -0.5, 0.5, -0]);
    expect(values[texts.indexOf('0.3')]).toBe(0.3);
    expect(values[texts.indexOf('21474836.48')]).toBe(21474836.48);
  });

  it('finds a text column’s values in its table once they are in it, whatever their length: only new values go to the dictionary', () => {
    // Values of 1 to 12 bytes (each way the table packs a value into its three words), and one longer.
    const names = Array.from({ length: 12 }, (_, i) => 'abcdefghijkl'.slice(0, i + 1).replace(/^./, String(i % 10)));
    const all = [...names, 'a value longer than twelve'];
    const rows = Array.from({ length: 26 * 20 }, (_, i) => `${all[i % 13]},${i}\n`).join('');
    const bytes = enc.encode(rows);
    const scan = CsvScan.make(4096, 2, bytes.length) as CsvScan;
    expect(scan.tokenize(bytes, 0, bytes.length, 26 * 10, 44)).toBe(260);
    const t = scan.table(0);
    // The first time, every cell is left to the caller, who puts the short values in.
    expect(scan.codes(0, t, 260, true)).toBe(260);
    names.forEach((name, code) => {
      const at = rows.indexOf(`${name},`);
      scan.put(t, at, at + name.length, code);
    });
    expect(scan.tokenize(bytes, scan.next, bytes.length, 260, 44)).toBe(260);
    // Now only the value longer than twelve bytes (the table holds up to twelve) is left.
    expect(scan.codes(0, t, 260, true)).toBe(20);
    expect(Array.from(scan.codeValues.subarray(0, 12))).toEqual(names.map((_, code) => code));
    expect(Array.from(scan.slow.subarray(0, 2))).toEqual([12, 25]);
  });

  it('reads a record longer than its window with the JavaScript tokenizer, and on after it with its own', () => {
    const long = 'x'.repeat(700);
    const text = `t0,n1\n${Array.from({ length: 40 }, (_, i) => (i === 17 ? `${long},${i}` : `v${i},${i}.5`)).join('\n')}\n`;
    const bytes = enc.encode(text);
    const numeric = (h: string): boolean => h === 'n1';
    const js = view(bytes, numeric, 'js');
    expect(view(bytes, numeric, { wasmWindow: 256 })).toEqual(js);
    expect((js as { rows: number }).rows).toBe(40);
  });

  it('still finds invalid UTF-8 in a large file it tokenizes', () => {
    const body = Array.from({ length: 30_000 }, (_, i) => `name-${i % 97},${i}`).join('\n');
    const bytes = enc.encode(`owner,amount\n${body}\nbad\u00e9,1\n`);
    const at = bytes.lastIndexOf(0xa9);
    bytes[at] = 0xff;
    expect(bytes.length).toBeGreaterThan(256 << 10);
    const r = readCsv(bytes, 'holdings', 'holdings.csv', { isNumeric: (h) => h === 'amount', scanner: 'wasm' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]?.rule).toMatch(/UTF-8/);
  });
});
