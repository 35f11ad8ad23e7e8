import { describe, expect, it } from 'vitest';
import { cells } from '../../test/fixtures/workspaces/raw';
import { cutPoint, HELPER_MIN_CORES, HELPER_SHARE, helperShares, narrowCsvPart, readCsvPart, SPLIT_MIN_BYTES, splitMinBytes, type CsvPart, type CsvPartReader } from './csv-part';
import { ProblemLog, type ImportProblem } from './problems';
import type { RawNumberColumn, RawStringColumn, RawTable, ReadOptions } from './raw-table';
import { CsvTableReader } from './read-csv';

const enc = new TextEncoder();
const NUMERIC = new Set(['collateral_amount', 'debt_amount', 'liquidation_threshold']);
const opts: ReadOptions = { isNumeric: (h) => NUMERIC.has(h) };
const HEADER = 'id,owner,venue,collateral_asset,collateral_amount,debt_asset,debt_amount,liquidation_threshold\n';

/** About 2 MB of a positions-like table (many chunks of records); `edit` changes row i's text. */
function table(edit: (row: string, i: number) => string = (r) => r): string {
  const rows: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < 2_000_000; i++) {
    const row = edit(`p${String(i).padStart(7, '0')},own-${(i * 7919) % 301},v${i % 3},ETH,${(i % 997) + 0.25},USDC,${i * 3},0.8\n`, i);
    rows.push(row);
    bytes += row.length;
  }
  return HEADER + rows.join('');
}

/** The first row (0-based) of the helper's part at share 0.5: the edits below must come after it. */
function firstHelperRow(text: string): number {
  const bytes = enc.encode(text);
  const cut = cutPoint(bytes, HEADER.length, 0.5);
  let lines = 0;
  for (let i = 0; i < cut; i++) if (bytes[i] === 10) lines++;
  return lines - 1;
}

/** An in-thread part reader that sends parts through a structured clone, as a thread would. */
function fakeParts(ready = true): CsvPartReader & { calls: number } {
  const r = {
    ready,
    calls: 0,
    minBytes: 0,
    warm: () => undefined,
    room: () => null,
    release: () => undefined,
    read: async (bytes: Uint8Array, spec: { delim: number; numeric: Uint8Array }, space?: ArrayBuffer): Promise<CsvPart | null> => {
      r.calls++;
      const part = readCsvPart(bytes, spec, space);
      return part ? narrowCsvPart(structuredClone(part), spec.numeric.length) : null;
    },
  };
  return r;
}

interface Read {
  table: RawTable | null;
  problems: ImportProblem[];
}

async function readWith(text: string | Uint8Array, parts: CsvPartReader | null, share = 0.5): Promise<Read> {
  const log = new ProblemLog();
  const bytes = typeof text === 'string' ? enc.encode(text) : text;
  const r = new CsvTableReader(bytes, 'positions', 'positions.csv', opts, log, Infinity, parts ? { parts, share } : null);
  while (!r.step(1 << 20)) if (r.waiting) await r.waiting;
  return { table: r.result(), problems: log.items };
}

/** The same table, cell for cell, with the same lines, dictionaries and flags. */
function expectSame(a: Read, b: Read): void {
  expect(a.problems).toEqual(b.problems);
  expect(a.table === null).toBe(b.table === null);
  if (!a.table || !b.table) return;
  expect(a.table.rowCount).toBe(b.table.rowCount);
  expect(cells(a.table)).toEqual(cells(b.table));
  expect(Array.from(a.table.rowNumbers ?? [])).toEqual(Array.from(b.table.rowNumbers ?? []));
  a.table.columns.forEach((c, j) => {
    const d = b.table?.columns[j];
    if (c.kind === 'number') {
      expect(c.invalid).toEqual((d as RawNumberColumn).invalid);
      // The helper's part counts its bounds as this thread would (validation may skip a column on them).
      expect(c.summary).toEqual((d as RawNumberColumn).summary);
    }
    else {
      const e = d as RawStringColumn;
      expect(c.dict).toEqual(e.dict);
      expect(Array.from(c.codes)).toEqual(Array.from(e.codes));
      expect([c.byteDict?.sorted, c.byteDict?.distinct]).toEqual([e.byteDict?.sorted, e.byteDict?.distinct]);
    }
  });
}

describe('splitMinBytes', () => {
  it('shares files with a helper from four processors on, never on fewer', () => {
    expect(HELPER_MIN_CORES).toBe(4);
    expect([1, 2, 3].map(splitMinBytes)).toEqual([Infinity, Infinity, Infinity]);
    expect([4, 16].map(splitMinBytes)).toEqual([SPLIT_MIN_BYTES, SPLIT_MIN_BYTES]);
  });
});

describe('helperShares', () => {
  const MB = 1 << 20;

  it('gives the helper its share of the bytes: smaller files whole, the largest cut to fill the rest', () => {
    // 72.2 MB in all, 60 MB of positions and 11 MB of perps: the helper reads the perps and 0.42 × 72.2 − 11 MB of positions.
    const shares = helperShares([0.5 * MB, 11 * MB, 60 * MB, 0.7 * MB]);
    expect(HELPER_SHARE).toBe(0.42);
    expect(shares.slice(0, 2)).toEqual([0, 1]);
    expect(shares[2]).toBeCloseTo((0.42 * 72.2 * MB - 11 * MB) / (60 * MB), 6);
    expect(shares[3]).toBe(0);
  });

  it('cuts the largest file when it is alone, and leaves a small workspace to one thread', () => {
    expect(helperShares([0.2 * MB, 8 * MB], 4 * MB)).toEqual([0, (0.42 * 8.2 * MB) / (8 * MB)]);
    expect(helperShares([1 * MB, 2 * MB], 4 * MB)).toEqual([0, 0]);
    expect(helperShares([0.2 * MB, SPLIT_MIN_BYTES - 0.3 * MB])).toEqual([0, 0]);
    expect(helperShares([])).toEqual([]);
  });

  it('hands over a file whole when it fills the share, without cutting the largest', () => {
    expect(helperShares([15 * MB, 21 * MB])).toEqual([1, 0]);
    // Too large for the share: the largest is cut instead.
    expect(helperShares([20 * MB, 21 * MB])).toEqual([0, (0.42 * 41 * MB) / (21 * MB)]);
  });
});

describe('cutPoint', () => {
  it('cuts at the start of a line, the share from the end; the whole file from its start', () => {
    const bytes = enc.encode(table());
    const start = HEADER.length;
    const cut = cutPoint(bytes, start, 0.5);
    expect(bytes[cut - 1]).toBe(10);
    expect(Math.abs(cut - (start + bytes.length) / 2)).toBeLessThan(200);
    expect(cutPoint(bytes, start, 1)).toBe(start);
    expect(cutPoint(bytes, start, 0)).toBe(-1);
  });

  it('cuts a file with quotes too (the reader decides whether the part can be taken)', () => {
    const bytes = enc.encode(table((r, i) => (i === 10_000 ? r.replace('ETH', '"ETH"') : r)));
    expect(cutPoint(bytes, HEADER.length, 0.5)).toBeGreaterThan(HEADER.length);
  });
});

describe('reading a large CSV file in two parts', () => {
  it('gives the table the one-thread reader gives, lines and dictionaries included', async () => {
    const text = table();
    const parts = fakeParts();
    const split = await readWith(text, parts);
    expect(parts.calls).toBe(1);
    expectSame(split, await readWith(text, null));
    const ids = split.table?.columns[0] as RawStringColumn;
    expect([ids.byteDict?.sorted, ids.byteDict?.distinct]).toEqual([true, true]);
    expect((split.table?.columns[4] as RawNumberColumn).summary).toEqual({ min: 0.25, max: 996.25, empty: 0, fractional: expect.any(Number) as number });
  });

  it('places a bad number of the second part on its own line', async () => {
    const text = table((r, i) => (i === 30_000 ? r.replace(',0.8', ',n/a') : r));
    expect(firstHelperRow(text)).toBeLessThan(26_000);
    const split = await readWith(text, fakeParts());
    expectSame(split, await readWith(text, null));
    expect((split.table?.columns[7] as RawNumberColumn).invalid).toEqual([{ row: 30_000, text: 'n/a' }]);
    expect(split.table?.rowNumbers?.[30_000]).toBe(30_002);
  });

  it('codes a second part whose ids repeat and go back as one reader would (not sorted, not distinct)', async () => {
    const text = table((r, i) => (i === 26_000 ? r.replace(/^p\d+/, 'p0000007') : i === 32_000 ? r.replace(/^p\d+/, 'a-first') : r));
    const split = await readWith(text, fakeParts());
    expectSame(split, await readWith(text, null));
    const ids = split.table?.columns[0] as RawStringColumn;
    expect([ids.byteDict?.sorted, ids.byteDict?.distinct]).toEqual([false, false]);
  });

  it('reads the second part itself when the helper cannot (a short record, a blank line, bad UTF-8), with the same problems', async () => {
    const short = table((r, i) => (i === 31_000 ? 'p-short,own-1\n' : r));
    const blank = table((r, i) => (i === 31_000 ? `\n${r}` : r));
    for (const text of [short, blank]) {
      const parts = fakeParts();
      const split = await readWith(text, parts);
      expect(parts.calls).toBe(1);
      expectSame(split, await readWith(text, null));
    }
    expect((await readWith(short, fakeParts())).problems.map((p) => [p.row, p.rule])).toEqual([[31_002, 'has 2 cells; the header has 8']]);
    const bytes = enc.encode(table((r, i) => (i === 31_000 ? r.replace('ETH', 'ETX') : r)));
    const x = bytes.indexOf(enc.encode('X')[0] as number);
    expect(x).toBeGreaterThan(bytes.length / 2);
    bytes[x] = 0xff;
    const bad = await readWith(bytes, fakeParts());
    expectSame(bad, await readWith(bytes, null));
    expect(bad.table).toBeNull();
  });

  it('reads CRLF lines, a semicolon file and a last record without a line break as one thread does', async () => {
    const crlf = table().replace(/\n/g, '\r\n');
    const semicolons = table().replace(/,/g, ';');
    const open = table().slice(0, -1);
    for (const text of [crlf, semicolons, open]) {
      const parts = fakeParts();
      const split = await readWith(text, parts);
      expect(parts.calls).toBe(1);
      expectSame(split, await readWith(text, null));
      expect(split.table?.rowCount).toBeGreaterThan(40_000);
    }
  });

  it('reads quoted cells in the first part and takes the helper’s part', async () => {
    const text = table((r, i) => (i % 5000 === 3 ? r.replace(/^p(\d+)/, '"p$1, quoted"') : r));
    const parts = fakeParts();
    const split = await readWith(text, parts);
    expect(parts.calls).toBe(1);
    expectSame(split, await readWith(text, null));
    expect(cells(split.table as RawTable)[3]?.[0]).toBe('p0000003, quoted');
  });

  it('reads on past the cut when a quoted line break carries a record of the first part across it', async () => {
    const first = firstHelperRow(table());
    // A record whose quoted id holds a line break, placed where the cut falls inside the quotes.
    let text = '';
    let spans = false;
    for (let row = first - 4; row <= first + 4 && !spans; row++) {
      text = table((r, i) => (i === row ? r.replace(/^p(\d+)/, `"p$1${'-'.repeat(60)}\n${'+'.repeat(20)}"`) : r));
      const cut = cutPoint(enc.encode(text), HEADER.length, 0.5);
      const open = text.indexOf('"');
      spans = open < cut && cut <= text.indexOf('"', open + 1);
    }
    expect(spans).toBe(true);
    const parts = fakeParts();
    const split = await readWith(text, parts);
    expect(parts.calls).toBe(1);
    expect(split.problems).toEqual([]);
    expectSame(split, await readWith(text, null));
    expect(cells(split.table as RawTable).filter((c) => String(c[0]).includes('\n'))).toHaveLength(1);
  });

  it('reads the second part itself when it holds a quote, with the same table', async () => {
    const text = table((r, i) => (i === 40_000 ? r.replace('ETH', '"ETH"') : r));
    const parts = fakeParts();
    const split = await readWith(text, parts);
    expect(parts.calls).toBe(1);
    expectSame(split, await readWith(text, null));
  });

  it('hands a whole file to the helper when told to', async () => {
    const text = table((r, i) => (i === 9 ? r.replace(',0.8', ',n/a') : r));
    const parts = fakeParts();
    expectSame(await readWith(text, parts, 1), await readWith(text, null));
    expect(parts.calls).toBe(1);
  });

  it('keeps text beyond ASCII read in the second part', async () => {
    const text = table((r, i) => (i % 3000 === 7 ? r.replace('own-', 'ów-') : r));
    expectSame(await readWith(text, fakeParts()), await readWith(text, null));
  });

  it('reads alone while the helper is not ready, or when it fails', async () => {
    const text = table();
    const cold = fakeParts(false);
    expectSame(await readWith(text, cold), await readWith(text, null));
    expect(cold.calls).toBe(0);
    const failing: CsvPartReader = { ready: true, minBytes: 0, warm: () => undefined, room: () => null, release: () => undefined, read: () => Promise.reject(new Error('thread died')) };
    expectSame(await readWith(text, failing), await readWith(text, null));
  });
});

describe('narrowCsvPart', () => {
  it('refuses what is not a part of the expected shape', () => {
    const part = readCsvPart(enc.encode('a,1\nb,2\n'), { delim: 44, numeric: Uint8Array.from([0, 1]) });
    expect(part?.rows).toBe(2);
    expect(narrowCsvPart(part, 2)).not.toBeNull();
    expect(narrowCsvPart(part, 3)).toBeNull();
    expect(narrowCsvPart({ ...part, rows: 5 }, 2)).toBeNull();
    const strings = part?.columns[0];
    if (strings?.kind !== 'string') throw new Error('expected text');
    expect(narrowCsvPart({ ...part, columns: [{ ...strings, codes: Int32Array.from([0, 9]) }, part?.columns[1]] }, 2)).toBeNull();
    expect(narrowCsvPart('part', 2)).toBeNull();
  });
});

describe('readCsvPart in the room the engine made', () => {
  it('lays the columns out in the given buffer, and grows out of it when the rows do not fit', () => {
    const text = enc.encode(`${'a,1.5\n'.repeat(10)}${'bb,2\n'.repeat(200)}`);
    const numeric = Uint8Array.from([0, 1]);
    const space = new ArrayBuffer(40 * 16);
    const part = readCsvPart(text, { delim: 44, numeric }, space);
    expect(part?.rows).toBe(210);
    const [names, values] = part?.columns ?? [];
    // 210 rows do not fit in room for 40: the columns grew into arrays of their own.
    expect(values?.kind === 'number' && values.values.buffer).not.toBe(space);
    const roomy = new ArrayBuffer(400 * 16);
    const inRoom = readCsvPart(text, { delim: 44, numeric }, roomy);
    const [n2, v2] = inRoom?.columns ?? [];
    expect(v2?.kind === 'number' && v2.values.buffer).toBe(roomy);
    expect(n2?.kind === 'string' && n2.codes.buffer).toBe(roomy);
    expect(inRoom?.lines.buffer).toBe(roomy);
    expect(v2?.kind === 'number' ? Array.from(v2.values.subarray(8, 12)) : null).toEqual([1.5, 1.5, 2, 2]);
    expect(names?.kind === 'string' ? Array.from(names.codes.subarray(8, 12)) : null).toEqual([0, 0, 1, 1]);
  });
});
