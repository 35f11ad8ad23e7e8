import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkColumns } from './check-columns';
import { checkSuspicious } from './check-links';
import { ProblemLog } from './problems';
import { ByteStringColumn, type RawNumberColumn, type RawTable } from './raw-table';
import { readCsv } from './read-csv';
import { SCHEMA } from './schema';

const enc = new TextEncoder();
const isNumeric = (table: 'positions' | 'oracles') => {
  const names = new Set(SCHEMA[table].columns.filter((c) => c.type.kind === 'number').map((c) => c.name));
  return (h: string) => names.has(h);
};

function read(text: string, table: 'positions' | 'oracles' = 'positions'): RawTable {
  const r = readCsv(enc.encode(text), table, `${table}.csv`, { isNumeric: isNumeric(table) });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const numberColumn = (t: RawTable, header: string): RawNumberColumn => {
  const c = t.columns.find((x) => x.header === header);
  if (c?.kind !== 'number') throw new Error(`no number column ${header}`);
  return c;
};

/** A copy of the table (validation works in place), its counts kept or taken off (what validation sees from a reader that keeps none). */
function copy(t: RawTable, summaries: boolean): RawTable {
  return {
    ...t,
    columns: t.columns.map((c) => {
      if (c.kind !== 'number') return c.byteDict ? new ByteStringColumn(c.header, c.codes.slice(), c.byteDict, summaries ? c.empty : undefined) : c;
      const out: RawNumberColumn = { kind: 'number', header: c.header, values: c.values.slice(), invalid: c.invalid };
      if (summaries && c.summary) out.summary = c.summary;
      return out;
    }),
  };
}

/** Validation of the table as read and without its summaries: both results. */
function both(t: RawTable): [ReturnType<typeof checked>, ReturnType<typeof checked>] {
  return [checked(copy(t, true)), checked(copy(t, false))];
}

/** Problems and checked numbers of a table. */
function checked(t: RawTable): { problems: unknown[]; numbers: [string, number[]][] } {
  const log = new ProblemLog();
  const c = checkColumns(t, log);
  return { problems: log.items, numbers: [...c.numbers].map(([k, v]) => [k, Array.from(v)]) };
}

const HEADER = 'id,owner,venue,collateral_asset,collateral_amount,debt_asset,debt_amount,liquidation_threshold,liquidation_bonus,close_factor\n';

describe('the CSV reader’s number summaries', () => {
  it('counts each number column’s bounds, empty cells and fractions as it reads', () => {
    const t = read(`${HEADER}p1,o,v,ETH,2.5,USDC,100,0.8,,0.5\np2,o,v,ETH,7,USDC,-3,0.85,0.05,1\np3,o,v,ETH,0.25,USDC,12,0.8,0.1,0.5\n`);
    expect(numberColumn(t, 'collateral_amount').summary).toEqual({ min: 0.25, max: 7, empty: 0, fractional: 2 });
    expect(numberColumn(t, 'debt_amount').summary).toEqual({ min: -3, max: 100, empty: 0, fractional: 0 });
    expect(numberColumn(t, 'liquidation_bonus').summary).toEqual({ min: 0.05, max: 0.1, empty: 1, fractional: 2 });
    // Numbers past the fast path's nine digits are counted too; text that is not a number is an empty value.
    const long = read(`${HEADER}p1,o,v,ETH,1234567890.5,USDC,1e3,0.8,n/a,0.5\n`);
    expect(numberColumn(long, 'collateral_amount').summary).toEqual({ min: 1234567890.5, max: 1234567890.5, empty: 0, fractional: 1 });
    expect(numberColumn(long, 'debt_amount').summary).toEqual({ min: 1000, max: 1000, empty: 0, fractional: 0 });
    expect(numberColumn(long, 'liquidation_bonus').summary).toMatchObject({ empty: 1 });
  });

  it('keeps no summary once a record went through the full parser (a quoted cell)', () => {
    const t = read(`${HEADER}p1,o,v,ETH,2.5,USDC,100,0.8,0.05,0.5\n"p2",o,v,ETH,"7",USDC,3,0.85,0.05,1\n`);
    expect(numberColumn(t, 'collateral_amount').summary).toBeUndefined();
    expect(numberColumn(t, 'collateral_amount').values[1]).toBe(7);
  });

  it('lets validation skip a column it proves in range, and only then', () => {
    const ok = read(`${HEADER}p1,o,v,ETH,2.5,USDC,100,0.8,0.05,0.5\np2,o,v,ETH,7,USDC,3,0.85,0.05,0.5\n`);
    const [a, b] = both(ok);
    expect(a).toEqual(b);
    expect(a.problems).toEqual([]);
    // Values at an inclusive bound (close_factor ≤ 1, 0 units) are in range too; a minimum of 0 still lets the warning of 0 collateral look.
    const edge = read(`${HEADER}p1,o,v,ETH,0,USDC,0,0.8,0.05,1\np2,o,v,ETH,7,USDC,3,0.85,0.05,0.5\n`);
    const log = new ProblemLog();
    const proven = checkColumns(copy(edge, true), log).bounds;
    expect([...proven.keys()].sort()).toEqual(['close_factor', 'collateral_amount', 'debt_amount', 'liquidation_bonus', 'liquidation_threshold']);
    expect(proven.get('collateral_amount')?.min).toBe(0);
    expect(log.items).toEqual([]);
    // A value out of range is still found, with its row: the summary does not prove the column.
    const bad = read(`${HEADER}p1,o,v,ETH,2.5,USDC,100,0.8,0.05,0.5\np2,o,v,ETH,-7,USDC,3,1.5,0.05,0.5\n`);
    const [found, plain] = both(bad);
    expect(found).toEqual(plain);
    expect(found.problems.map((p) => (p as { column: string; row: number }).column)).toEqual(['collateral_amount', 'liquidation_threshold']);
    // The pass is skipped on the summary's word: one that claimed the bad column in range would hide its value.
    const fooled = copy(bad, true);
    const col = fooled.columns.find((c) => c.header === 'collateral_amount') as RawNumberColumn;
    col.summary = { min: 1, max: 2, empty: 0, fractional: 0 };
    expect(checked(fooled).problems.map((p) => (p as { column: string }).column)).toEqual(['liquidation_threshold']);
  });

  it('never changes what validation finds, whatever the numbers (integers, bounds, empty cells, text)', () => {
    const cell = fc.oneof(
      fc.constantFrom('', '0', '1', '-1', '0.5', '1.0', '2', 'n/a', ' 3 ', '1e2', '0.0000001', '1234567890', '-0'),
      fc.double({ min: -5, max: 5, noNaN: true }).map((x) => String(x)),
      fc.integer({ min: -3, max: 5 }).map(String),
    );
    // Columns drawn from valid values only, often, so that summaries prove some of them.
    const valid = fc.oneof(fc.integer({ min: 2, max: 9 }).map(String), fc.constantFrom('3', '4.0', '7'));
    const column = fc.oneof(fc.array(cell, { minLength: 20, maxLength: 20 }), fc.array(valid, { minLength: 20, maxLength: 20 }));
    fc.assert(
      fc.property(fc.tuple(column, column, column), fc.integer({ min: 1, max: 20 }), ([d, dev, hb], n) => {
        const rows = Array.from({ length: n }, (_, i) => `o${i},ETH,${d[i]},${dev[i]},${hb[i]}`);
        const text = `id,asset,delay_steps,deviation,heartbeat_steps\n${rows.join('\n')}\n`;
        const [a, b] = both(read(text, 'oracles'));
        expect(a).toEqual(b);
      }),
      { numRuns: 300 },
    );
  });

  it('counts a text column’s empty cells, white space of any kind included, and spares validation the search when there are none', () => {
    const owners = (t: RawTable) => t.columns.find((c) => c.header === 'owner') as ByteStringColumn;
    const full = read(`${HEADER}p1,o,v,ETH,2.5,USDC,100,0.8,0.05,0.5\np2,o2,v,ETH,7,USDC,3,0.85,0.05,0.5\n`);
    expect(owners(full).empty).toBe(0);
    const gaps = read(`${HEADER}p1,,v,ETH,2.5,USDC,100,0.8,0.05,0.5\np2,\u00a0,v,ETH,7,USDC,3,0.85,0.05,0.5\np3,o,v,ETH,7,USDC,3,0.85,0.05,0.5\n`);
    expect(owners(gaps).empty).toBe(2);
    const [a, b] = both(gaps);
    expect(a).toEqual(b);
    expect(a.problems.map((p) => [(p as { column: string }).column, (p as { row: number }).row])).toEqual([
      ['owner', 2],
      ['owner', 3],
    ]);
    // Its count is taken at its word: one that said none would hide the empty owners.
    const fooled = copy(gaps, true);
    const i = fooled.columns.findIndex((c) => c.header === 'owner');
    const o = owners(gaps);
    fooled.columns[i] = new ByteStringColumn(o.header, o.codes, o.byteDict, 0);
    expect(checked(fooled).problems).toEqual([]);
  });

  it('never changes what validation finds of empty text cells, whatever they hold', () => {
    const cell = fc.constantFrom('', ' ', '\u00a0', '\u2003x', 'a', 'b', 'ETH', ' o ');
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 30 }), (rows) => {
        const text = `${HEADER}${rows.map(([o, v], i) => `p${i},${o},${v},ETH,1,USDC,1,0.8,0.05,0.5`).join('\n')}\n`;
        const [a, b] = both(read(text));
        expect(a.problems).toEqual(b.problems);
      }),
      { numRuns: 200 },
    );
  });

  it('spares the warnings their pass over a column whose proven bounds rule them out, and only then', () => {
    const warnings = (t: RawTable, fake?: Record<string, { min: number; max: number }>) => {
      const log = new ProblemLog();
      const positions = checkColumns(copy(t, true), log);
      for (const [k, b] of Object.entries(fake ?? {})) positions.bounds.set(k, { ...b, empty: 0, fractional: 0 });
      checkSuspicious({ positions }, new Set(), log);
      return log.items.filter((p) => p.severity === 'warning').map((p) => [p.column, p.row]);
    };
    const clean = read(`${HEADER}p1,o,v,ETH,2.5,USDC,100,0.8,0.05,0.5\np2,o,v,ETH,7,USDC,3,0.85,0.1,0.5\n`);
    expect(warnings(clean)).toEqual([]);
    const odd = read(`${HEADER}p1,o,v,ETH,0,USDC,100,0.8,0.05,0.5\np2,o,v,ETH,7,USDC,3,0.85,5,0.5\n`);
    expect(warnings(odd)).toEqual([
      ['liquidation_bonus', 3],
      ['collateral_amount', 2],
    ]);
    // Bounds that ruled them out would hide them: the passes are skipped on their word.
    expect(warnings(odd, { liquidation_bonus: { min: 0.01, max: 0.5 }, collateral_amount: { min: 1, max: 7 } })).toEqual([]);
  });
});
