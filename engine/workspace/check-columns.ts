import type { CheckedTable, StringColumn } from './checked-table';
import { rowOf } from './checked-table';
import { notANumberRule, rangeRule } from './number-rules';
import { parseDecimal } from './parse-decimal';
import type { ProblemLog } from './problems';
import type { RawColumn, RawNumberColumn, RawTable } from './raw-table';
import { SCHEMA, inRange, normalizeColumnName, type ColumnSpec } from './schema';

/**
 * Checks every model cell of one table (MODEL §1): required columns and cells, numbers and
 * their ranges, enums; fills defaults; warns of unknown columns. Cross-table rules come later.
 */
export function checkColumns(raw: RawTable, log: ProblemLog): CheckedTable {
  const spec = SCHEMA[raw.table];
  const t: CheckedTable = {
    name: raw.table,
    spec,
    raw,
    rows: raw.rowCount,
    numbers: new Map(),
    strings: new Map(),
    missing: new Set(),
    unknown: [],
  };
  const byName = new Map<string, RawColumn>();
  for (const col of raw.columns) {
    const key = normalizeColumnName(col.header);
    const model = spec.columns.find((c) => c.name === key);
    if (!model) {
      t.unknown.push(col);
      continue;
    }
    if (byName.has(key)) log.error(t.name, null, col.header, null, `is a second "${key}" column; keep one`);
    else byName.set(key, col);
  }
  for (const c of spec.columns) {
    const col = byName.get(c.name);
    if (!col) {
      if (c.required) {
        t.missing.add(c.name);
        log.error(t.name, null, c.name, null, missingRule(c.name, t.unknown));
      } else if (c.type.kind === 'number') t.numbers.set(c.name, new Float64Array(t.rows).fill(numberDefault(c)));
      else t.strings.set(c.name, defaultStrings(c, t.rows));
    } else if (c.type.kind === 'number') t.numbers.set(c.name, checkNumbers(t, c, col, log));
    else t.strings.set(c.name, checkStrings(t, c, col, log));
  }
  for (const col of t.unknown) {
    const names = spec.columns.map((c) => c.name).join(', ');
    log.warn(t.name, null, col.header, null, `is not a column of ${t.name} (${names}); it is kept as it is`);
  }
  return t;
}

function numberDefault(c: ColumnSpec): number {
  return typeof c.default === 'number' ? c.default : NaN;
}

function missingRule(name: string, unknown: readonly RawColumn[]): string {
  const squash = (s: string): string => s.toLowerCase().replace(/[\s_\-.]+/g, '');
  const near = unknown.find((u) => squash(u.header) === squash(name));
  const hint = near ? `; rename "${near.header}" to ${name}` : '';
  return `is missing: the table needs a column named ${name}${hint}`;
}

function checkNumbers(t: CheckedTable, c: ColumnSpec, col: RawColumn, log: ProblemLog): Float64Array {
  const num = col.kind === 'number' ? col : parseStrings(col.codes, col.dict);
  const values = Float64Array.from(num.values);
  const bad = new Uint8Array(t.rows);
  for (const { row, text } of num.invalid) {
    bad[row] = 1;
    log.error(t.name, rowOf(t, row), c.name, text, notANumberRule(text));
  }
  const dflt = numberDefault(c);
  for (let i = 0; i < t.rows; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) {
      if (bad[i]) continue;
      if (c.required) log.error(t.name, rowOf(t, i), c.name, '', 'is empty; a value is required');
      else values[i] = dflt;
    } else if (!inRange(c.type, v)) {
      log.error(t.name, rowOf(t, i), c.name, v, rangeRule(c.type, v));
      values[i] = NaN;
    }
  }
  return values;
}

/** A number column that arrived as text: each distinct text is read once. */
function parseStrings(codes: Int32Array, dict: readonly string[]): RawNumberColumn {
  const parsed = dict.map((s) => parseDecimal(s.trim()));
  const values = new Float64Array(codes.length);
  const invalid: { row: number; text: string }[] = [];
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i] as number;
    const v = k < 0 ? NaN : (parsed[k] as number);
    if (k >= 0 && !Number.isFinite(v)) invalid.push({ row: i, text: dict[k] as string });
    values[i] = Number.isFinite(v) ? v : NaN;
  }
  return { kind: 'number', header: '', values, invalid };
}

function checkStrings(t: CheckedTable, c: ColumnSpec, col: RawColumn, log: ProblemLog): StringColumn {
  const src = col.kind === 'string' ? col : numbersAsStrings(col);
  const out: StringColumn =
    c.type.kind === 'enum' ? enumColumn(t, c, src, c.type.values, log) : { codes: Int32Array.from(src.codes), dict: src.dict.slice() };
  if (c.required) {
    for (let i = 0; i < t.rows; i++) {
      if ((src.codes[i] as number) < 0) log.error(t.name, rowOf(t, i), c.name, '', 'is empty; a value is required');
    }
  } else if (typeof c.default === 'string') {
    let d = out.dict.indexOf(c.default);
    for (let i = 0; i < t.rows; i++) {
      if ((out.codes[i] as number) >= 0 || (src.codes[i] as number) >= 0) continue;
      if (d < 0) d = out.dict.push(c.default) - 1;
      out.codes[i] = d;
    }
  }
  return out;
}

/** Enum cells in any case, stored lower-case with the dictionary in model order. */
function enumColumn(t: CheckedTable, c: ColumnSpec, src: StringColumn, values: readonly string[], log: ProblemLog): StringColumn {
  const map = src.dict.map((s) => values.indexOf(s.trim().toLowerCase()));
  const codes = new Int32Array(t.rows);
  for (let i = 0; i < t.rows; i++) {
    const k = src.codes[i] as number;
    codes[i] = k < 0 ? -1 : (map[k] as number);
    if (k >= 0 && codes[i] === -1) {
      log.error(t.name, rowOf(t, i), c.name, src.dict[k], `must be one of: ${values.join(', ')}`);
    }
  }
  return { codes, dict: values.slice() };
}

function numbersAsStrings(col: RawNumberColumn): StringColumn {
  const index = new Map<string, number>();
  const dict: string[] = [];
  const codes = new Int32Array(col.values.length).fill(-1);
  const invalid = new Map(col.invalid.map((x) => [x.row, x.text]));
  col.values.forEach((v, i) => {
    const s = invalid.get(i) ?? (Number.isNaN(v) ? '' : String(v));
    if (s === '') return;
    let k = index.get(s);
    if (k === undefined) {
      k = dict.push(s) - 1;
      index.set(s, k);
    }
    codes[i] = k;
  });
  return { codes, dict };
}

function defaultStrings(c: ColumnSpec, rows: number): StringColumn {
  if (typeof c.default !== 'string') return { codes: new Int32Array(rows).fill(-1), dict: [] };
  return { codes: new Int32Array(rows), dict: [c.default] };
}
