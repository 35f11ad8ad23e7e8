import { readFileSync } from 'node:fs';
import { Bool, DateDay, Decimal, Dictionary, Float32, Float64, Int32, Null, Table, TimestampMicrosecond, TimestampMillisecond, TimestampNanosecond, Utf8, makeData, makeVector, tableFromArrays, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cells } from '../../test/fixtures/workspaces/raw';
import { dictVector } from '../util/arrow-columns';
import { importWorkspace, readOptions } from './import';
import { readArrow } from './read-arrow';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../test/fixtures/workspaces/arrow/${name}`, import.meta.url)));

const holdings = (): Table =>
  new Table({
    ' Owner ': dictVector(new Int32Array([0, 1, -1]), [' fund', 'bank ']),
    asset: vectorFromArray(['ETH', null, 'USDC']),
    amount: makeVector(new BigInt64Array([5n, 9007199254740993n, -2n])),
    note: makeVector(new Float32Array([1.5, NaN, 3])),
  });

describe('readArrow', () => {
  it.each(['file', 'stream'] as const)('reads an Arrow IPC %s: numbers to float64, strings trimmed, nulls empty', (format) => {
    const r = readArrow(tableToIPC(holdings(), format), 'holdings', 'holdings.arrow', readOptions('holdings'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const t = r.value;
    expect(t.columns.map((c) => [c.header, c.kind])).toEqual([['Owner', 'string'], ['asset', 'string'], ['amount', 'number'], ['note', 'string']]);
    expect(cells(t)).toEqual([['fund', 'ETH', 5, '1.5'], ['bank', null, 9007199254740992, 'NaN'], [null, 'USDC', -2, '3']]);
    expect(t.rowCount).toBe(3);
    expect(t.rowNumbers).toBeUndefined();
  });

  it('keeps integer ids exact as text', () => {
    const table = tableFromArrays({ id: new BigInt64Array([12345678901234567n]), kind: ['venue'] });
    const r = readArrow(tableToIPC(table), 'nodes', 'nodes.arrow', readOptions('nodes'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(cells(r.value)).toEqual([['12345678901234567', 'venue']]);
  });

  it('keeps columns of other types as the text their author would write: dates, timestamps in ISO 8601, float32 as its shortest decimal', () => {
    const at = Date.UTC(2024, 0, 5, 13, 30);
    const table = new Table({
      owner: vectorFromArray(['a', 'b']),
      asset: vectorFromArray(['ETH', 'ETH']),
      amount: vectorFromArray([1, 2], new Float64()),
      stamped: vectorFromArray([at, null], new TimestampMillisecond()),
      day: vectorFromArray([new Date(Date.UTC(2024, 0, 5)), new Date(Date.UTC(1999, 11, 31))], new DateDay()),
      ratio: vectorFromArray([0.1, 0.825], new Float32()),
      flag: vectorFromArray([true, false], new Bool()),
    });
    const r = readArrow(tableToIPC(table), 'holdings', 'h.arrow', readOptions('holdings'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(cells(r.value)).toEqual([
      ['a', 'ETH', 1, '2024-01-05T13:30:00.000Z', '2024-01-05', '0.1', 'true'],
      ['b', 'ETH', 2, null, '1999-12-31', '0.825', 'false'],
    ]);
  });

  it('keeps microsecond and nanosecond timestamps to their last digit (Arrow gives milliseconds)', () => {
    const us = makeVector(makeData({ type: new TimestampMicrosecond(), length: 3, nullCount: 1, nullBitmap: new Uint8Array([0b101]), data: new BigInt64Array([1704461400123456n, 0n, -1n]) }));
    const table = new Table({ owner: vectorFromArray(['a', 'b', 'c']), asset: vectorFromArray(['ETH', 'ETH', 'ETH']), amount: vectorFromArray([1, 2, 3], new Float64()), at_us: us, at_ns: makeVector(makeData({ type: new TimestampNanosecond(), length: 3, data: new BigInt64Array([1704461400123456789n, 1704461400123456790n, 0n]) })) });
    const r = readArrow(tableToIPC(table), 'holdings', 'h.arrow', readOptions('holdings'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(cells(r.value).map((row) => row.slice(3))).toEqual([
      ['2024-01-05T13:30:00.123456Z', '2024-01-05T13:30:00.123456789Z'],
      [null, '2024-01-05T13:30:00.123456790Z'],
      ['1969-12-31T23:59:59.999999Z', '1970-01-01T00:00:00.000000000Z'],
    ]);
  });

  it('parses number columns stored as text and lists what is not a number', () => {
    const table = tableFromArrays({ owner: ['a', 'b', 'c'], asset: ['ETH', 'ETH', 'ETH'], amount: [' 2.5 ', '1,5', ''] });
    const r = readArrow(tableToIPC(table), 'holdings', 'h.arrow', readOptions('holdings'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const amount = r.value.columns[2];
    if (amount?.kind !== 'number') throw new Error('not numeric');
    expect(Array.from(amount.values)).toEqual([2.5, NaN, NaN]);
    expect(amount.invalid).toEqual([{ row: 1, text: '1,5' }]);
  });

  it('lists infinite floats as invalid', () => {
    const table = tableFromArrays({ owner: ['a', 'b'], asset: ['ETH', 'ETH'], amount: new Float64Array([Infinity, 1]) });
    const r = readArrow(tableToIPC(table), 'holdings', 'h.arrow', readOptions('holdings'));
    const amount = r.ok ? r.value.columns[2] : undefined;
    expect(amount?.kind === 'number' && amount.invalid).toEqual([{ row: 0, text: 'Infinity' }]);
  });

  it('rejects a number column of a type that holds no numbers', () => {
    const table = new Table({ owner: vectorFromArray(['a']), asset: vectorFromArray(['ETH']), amount: vectorFromArray([true], new Bool()) });
    const r = readArrow(tableToIPC(table), 'holdings', 'h.arrow', readOptions('holdings'));
    expect(r.ok ? [] : r.error).toEqual([
      { table: 'holdings', row: null, column: 'amount', value: 'Bool', rule: 'has Arrow type Bool; store numbers as float64 or integers', severity: 'error' },
    ]);
  });

  it('refuses ids and references stored as booleans (they would read as the ids "true" and "false"); a boolean elsewhere reads as text', () => {
    const table = new Table({
      owner: vectorFromArray([true, false], new Bool()),
      asset: vectorFromArray(['ETH', 'ETH']),
      amount: vectorFromArray([1, 2], new Float64()),
      flag: vectorFromArray([true, false], new Bool()),
    });
    const r = readArrow(tableToIPC(table), 'holdings', 'h.arrow', readOptions('holdings'));
    expect(r.ok ? [] : r.error).toEqual([
      {
        table: 'holdings',
        row: null,
        column: 'owner',
        value: 'Bool',
        rule: 'is true/false (a boolean); an id is text or a whole number: store this column as text (its Arrow type is Bool)',
        severity: 'error',
      },
    ]);
    const mapped = new Table({ holder: vectorFromArray([true], new Bool()), asset: vectorFromArray(['ETH']), amount: vectorFromArray([1], new Float64()) });
    const m = importWorkspace([{ name: 'holdings.arrow', bytes: tableToIPC(mapped, 'file') }], { mapping: { holdings: { owner: 'holder' } } });
    expect(m.ok ? [] : m.error.problems.filter((p) => p.table === 'holdings').map((p) => [p.column, p.value])).toEqual([['holder', 'Bool']]);
  });

  it('refuses ids and references stored as dictionary-encoded booleans (pandas categoricals of bools) naming the type; elsewhere they read as text', () => {
    const bools = (values: boolean[]): Vector =>
      makeVector(makeData({ type: new Dictionary(new Bool(), new Int32()), length: values.length, data: Int32Array.from(values, (b) => (b ? 0 : 1)), dictionary: vectorFromArray([true, false], new Bool()) }));
    const nodes = new Table({ id: bools([true, false]), kind: vectorFromArray(['entity', 'venue']), note: bools([false, true]) });
    const r = readArrow(tableToIPC(nodes), 'nodes', 'nodes.arrow', readOptions('nodes'));
    expect(r.ok ? [] : r.error).toEqual([
      {
        table: 'nodes',
        row: null,
        column: 'id',
        value: 'Dictionary<Int32, Bool>',
        rule: 'is true/false (a boolean); an id is text or a whole number: store this column as text (its Arrow type is Dictionary<Int32, Bool>)',
        severity: 'error',
      },
    ]);
    const fine = readArrow(tableToIPC(new Table({ id: vectorFromArray(['fund', 'aave']), kind: vectorFromArray(['entity', 'venue']), note: bools([false, true]) })), 'nodes', 'nodes.arrow', readOptions('nodes'));
    expect(fine.ok ? cells(fine.value) : fine.error).toEqual([['fund', 'entity', 'false'], ['aave', 'venue', 'true']]);
    const positions = new Table({
      id: vectorFromArray(['p1', 'p2']),
      owner: bools([true, false]),
      venue: vectorFromArray(['aave', 'aave']),
      collateral_asset: vectorFromArray(['ETH', 'ETH']),
      collateral_amount: vectorFromArray([1, 2], new Float64()),
      debt_asset: vectorFromArray(['USDC', 'USDC']),
      debt_amount: vectorFromArray([1, 1], new Float64()),
      liquidation_threshold: bools([true, true]),
    });
    const m = importWorkspace([
      { name: 'positions.arrow', bytes: tableToIPC(positions, 'file') },
      { name: 'nodes.csv', bytes: new TextEncoder().encode('id,kind\nfund,entity\naave,venue\n') },
    ]);
    expect(m.ok ? [] : m.error.problems.filter((p) => p.table === 'positions').map((p) => [p.column, p.value, p.rule])).toEqual([
      ['owner', 'Dictionary<Int32, Bool>', 'is true/false (a boolean); an id is text or a whole number: store this column as text (its Arrow type is Dictionary<Int32, Bool>)'],
      ['liquidation_threshold', 'Dictionary<Int32, Bool>', 'has Arrow type Dictionary<Int32, Bool>; store numbers as float64 or integers'],
    ]);
  });

  it('in an import, a column of a type it cannot read does not hide the other columns’ problems, nor reads as missing', () => {
    const assets = new Table({ id: vectorFromArray(['ETH', 'BTC']), price: vectorFromArray([true, false], new Bool()), depth_usd: vectorFromArray(['x', '1']) });
    const r = importWorkspace([
      { name: 'assets.arrow', bytes: tableToIPC(assets, 'file') },
      { name: 'nodes.csv', bytes: new TextEncoder().encode('id,kind\nfund,entity\n') },
    ]);
    expect(r.ok ? [] : r.error.problems.filter((p) => p.severity === 'error').map((p) => [p.table, p.row, p.column, p.rule])).toEqual([
      ['assets', null, 'price', 'has Arrow type Bool; store numbers as float64 or integers'],
      ['assets', 1, 'depth_usd', 'is not a number; write plain decimals such as 1.5, -2, .5 or 1e-3'],
    ]);
  });

  it('reads a column of Arrow type Null (pyarrow’s for an all-None column) as empty cells, number or text', () => {
    const table = new Table({
      owner: vectorFromArray(['a', 'b']),
      asset: vectorFromArray(['ETH', 'USDC']),
      amount: vectorFromArray([1, 2]),
      note: makeVector(makeData({ type: new Null(), length: 2, nullCount: 2 })),
    });
    const withNullNumbers = new Table({
      owner: vectorFromArray(['a', 'b']),
      asset: vectorFromArray(['ETH', 'USDC']),
      amount: makeVector(makeData({ type: new Null(), length: 2, nullCount: 2 })),
    });
    const r = readArrow(tableToIPC(table), 'holdings', 'h.arrow', readOptions('holdings'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(cells(r.value)).toEqual([['a', 'ETH', 1, null], ['b', 'USDC', 2, null]]);
    const n = readArrow(tableToIPC(withNullNumbers), 'holdings', 'h.arrow', readOptions('holdings'));
    if (!n.ok) throw new Error(JSON.stringify(n.error));
    const amount = n.value.columns.find((c) => c.header === 'amount');
    expect(amount?.kind === 'number' && Array.from(amount.values)).toEqual([NaN, NaN]);
  });

  it('reads decimal columns (SQL and Spark exports) as the numbers and text they write', () => {
    // Unscaled 128-bit integers, little-endian words: 12345, −123 and 5 at scale 2; 7 and −40 at scale 0.
    const amount = makeVector(makeData({ type: new Decimal(2, 10, 128), length: 3, nullCount: 0, data: new Uint32Array([12345, 0, 0, 0, 0xffffff85, 0xffffffff, 0xffffffff, 0xffffffff, 5, 0, 0, 0]) }));
    const owner = makeVector(makeData({ type: new Decimal(0, 10, 128), length: 3, nullCount: 0, data: new Uint32Array([7, 0, 0, 0, 0xffffffd8, 0xffffffff, 0xffffffff, 0xffffffff, 0, 0, 0, 0]) }));
    const table = new Table({ owner, asset: vectorFromArray(['ETH', 'ETH', 'USDC']), amount });
    const r = readArrow(tableToIPC(table), 'holdings', 'h.arrow', readOptions('holdings'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(cells(r.value)).toEqual([['7', 'ETH', 123.45], ['-40', 'ETH', -1.23], ['0', 'USDC', 0.05]]);
  });

  it('reads a table of no rows whose text columns carry no offsets', () => {
    const empty = makeVector(makeData({ type: new Utf8(), length: 0, nullCount: 0, valueOffsets: new Int32Array(0), data: new Uint8Array(0) }));
    const table = new Table({ owner: empty, asset: empty, amount: vectorFromArray([] as number[], new Float64()) });
    const r = readArrow(tableToIPC(table), 'holdings', 'h.arrow', readOptions('holdings'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.rowCount).toBe(0);
  });

  it('rejects duplicate column names, garbage, an empty file and a file above the size limit', () => {
    const dup = tableToIPC(tableFromArrays({ owner: ['a'], OWNER: ['b'] }));
    expect(readArrow(dup, 'holdings', 'h.arrow', readOptions('holdings'))).toMatchObject({ ok: false, error: [{ column: 'OWNER' }] });
    const garbage = readArrow(new TextEncoder().encode('owner,asset\n'), 'holdings', 'h.arrow', readOptions('holdings'));
    expect(garbage.ok ? '' : garbage.error[0]?.rule).toMatch(/^is not a readable Arrow IPC file or stream/);
    const empty = readArrow(new Uint8Array(0), 'holdings', 'h.arrow', readOptions('holdings'));
    expect(empty.ok ? '' : empty.error[0]?.rule).toMatch(/^is not a readable Arrow IPC file or stream \(the file is empty\)/);
    const big = readArrow(tableToIPC(holdings()), 'holdings', 'h.arrow', readOptions('holdings', 100));
    expect(big.ok ? '' : big.error[0]?.rule).toMatch(/^is [\d.]+ KB \(\d+ bytes\); Arrow files are read up to 100 bytes$/);
  });

  it('never throws on random, truncated or mutated bytes', () => {
    const valid = tableToIPC(holdings(), 'file');
    const stream = tableToIPC(holdings(), 'stream');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(), fc.integer({ min: 0, max: 255 }), (random, at, byte) => {
        const src = at % 2 === 0 ? valid : stream;
        const mutated = src.slice();
        mutated[at % src.length] = byte;
        for (const b of [random, mutated, src.subarray(0, at % src.length)]) {
          const r = readArrow(b, 'holdings', 'h.arrow', readOptions('holdings'));
          expect(r.ok ? r.value.rowCount >= 0 : r.error.length > 0).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('reads files written by pyarrow: Feather v2, IPC file and stream, dictionaries, int64, float32, large strings, nulls', () => {
    const positions = readArrow(fixture('positions.feather'), 'positions', 'positions.feather', readOptions('positions'));
    if (!positions.ok) throw new Error(JSON.stringify(positions.error));
    expect(cells(positions.value)).toEqual([
      ['p1', 'fund', 'aave', 'ETH', 100, 'USDC', 150000, 0.825, null],
      ['p2', 'fund', 'aave', 'WBTC', 2, 'USD', 50000, 0.75, null],
      ['p3', 'bank', 'aave', 'ETH', 7, 'USD', null, 0.8, null],
    ]);
    for (const name of ['holdings.arrow', 'holdings.arrows']) {
      const r = readArrow(fixture(name), 'holdings', name, readOptions('holdings'));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      expect(cells(r.value).map((row) => row[2])).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it('says plainly that a compressed Feather file is not read yet', () => {
    const r = readArrow(fixture('positions-lz4.feather'), 'positions', 'p.feather', readOptions('positions'));
    expect(r.ok ? '' : r.error[0]?.rule).toBe(
      'is a compressed Arrow file, which this version does not read; save it uncompressed (pyarrow: compression="uncompressed")',
    );
  });

  it('survives every single-byte change of real files, quickly', () => {
    for (const name of ['positions.feather', 'holdings.arrow', 'holdings.arrows']) {
      const src = fixture(name);
      for (let at = 0; at < src.length; at++) {
        for (const byte of [0x00, 0x01, 0x7f, 0x80, 0xff]) {
          const m = src.slice();
          m[at] = byte;
          const t0 = performance.now();
          const r = readArrow(m, 'positions', name, readOptions('positions'));
          expect(r.ok ? r.value.rowCount <= 8 * src.length + 1024 : r.error.length > 0).toBe(true);
          expect(performance.now() - t0).toBeLessThan(1000);
        }
      }
    }
  });
});
