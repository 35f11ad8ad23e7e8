import type { CheckedTable, StringColumn } from './checked-table';
import { rowOf } from './checked-table';
import { DISPLACED } from './mapping';
import { notANumberRule, rangeRule } from './number-rules';
import { parseDecimal } from './parse-decimal';
import type { ProblemLog } from './problems';
import type { NumberSummary, RawColumn, RawNumberColumn, RawTable } from './raw-table';
import { SCHEMA, inRange, normalizeColumnName, type ColumnSpec } from './schema';
import { suggestMapping, type ColumnMatch, type MappingSuggestion } from './suggest-mapping';

/**
 * Checks every model cell of one table (MODEL §1): required columns and cells, numbers and
 * their ranges, enums; fills defaults; warns of unknown columns. Cross-table rules come later.
 * Works in place: the raw table's arrays become the checked table's (read a table once).
 */
export function checkColumns(raw: RawTable, log: ProblemLog): CheckedTable {
  const spec = SCHEMA[raw.table];
  const t: CheckedTable = {
    name: raw.table,
    spec,
    raw,
    rows: raw.rowCount,
    numbers: new Map(),
    bounds: new Map(),
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
  let guesses: MappingSuggestion | null = null;
  const unreadable = new Set((raw.unreadable ?? []).map(normalizeColumnName));
  for (const c of spec.columns) {
    const col = byName.get(c.name);
    if (!col) {
      if (unreadable.has(c.name)) t.missing.add(c.name);
      else if (c.required) {
        t.missing.add(c.name);
        guesses ??= suggestMapping(
          raw.columns.map((x) => x.header),
          raw.table,
        );
        const guess = guesses.columns.find((m) => m.column === c.name && m.status !== 'missing' && !byName.has(normalizeColumnName(m.file ?? '')));
        log.error(t.name, null, c.name, null, missingRule(c.name, t.unknown, guess));
      } else if (c.type.kind === 'number') t.numbers.set(c.name, new Float64Array(t.rows).fill(numberDefault(c)));
      else t.strings.set(c.name, defaultStrings(c, t.rows));
    } else if (c.type.kind === 'number') {
      // The reader's bounds prove every value in range (and whole, where it must be): nothing to check.
      const proven = col.kind === 'number' ? provenInRange(c, col) : null;
      if (proven && col.kind === 'number') {
        t.numbers.set(c.name, col.values);
        t.bounds.set(c.name, proven);
      } else t.numbers.set(c.name, checkNumbers(t, c, col, log));
    }
    else t.strings.set(c.name, checkStrings(t, c, col, log));
  }
  for (const col of t.unknown) {
    if (col.header.endsWith(DISPLACED)) continue;
    const names = spec.columns.map((c) => c.name).join(', ');
    log.warn(t.name, null, col.header, null, `is not a column of ${t.name} (${names}); it is kept as it is`);
  }
  return t;
}

function numberDefault(c: ColumnSpec): number {
  return typeof c.default === 'number' ? c.default : NaN;
}

function missingRule(name: string, unknown: readonly RawColumn[], guess: ColumnMatch | undefined): string {
  const squash = (s: string): string => s.toLowerCase().replace(/[\s_\-.]+/g, '');
  const near = unknown.find((u) => squash(u.header) === squash(name));
  if (near) return `is missing: the table needs a column named ${name}; rename "${near.header}" to ${name}, or map it`;
  const hint = guess?.file ? `; the column "${guess.file}" may be it (${guess.reason}): map it to ${name}` : '';
  return `is missing: the table needs a column named ${name}${hint}`;
}

/** The column's numbers, checked in place (the raw table's array becomes the checked one). */
function checkNumbers(t: CheckedTable, c: ColumnSpec, col: RawColumn, log: ProblemLog): Float64Array {
  const num = col.kind === 'number' ? col : parseStrings(col.codes, col.dict);
  const values = num.values;
  const bad = num.invalid.length > 0 ? new Uint8Array(t.rows) : null;
  for (const { row, text } of num.invalid) {
    if (bad) bad[row] = 1;
    log.error(t.name, rowOf(t, row), c.name, text, notANumberRule(text));
  }
  const dflt = numberDefault(c);
  const type = c.type;
  const lo = type.kind === 'number' && type.min ? type.min.value : -Infinity;
  const hi = type.kind === 'number' && type.max ? type.max.value : Infinity;
  const loIn = type.kind === 'number' && type.min ? type.min.inclusive : true;
  const hiIn = type.kind === 'number' && type.max ? type.max.inclusive : true;
  const integer = type.kind === 'number' && type.integer === true;
  for (let i = 0; i < t.rows; i++) {
    const v = values[i] as number;
    // The common case in one test: a finite number strictly inside the range.
    if (v > lo && v < hi && (!integer || Number.isInteger(v))) continue;
    if (Number.isNaN(v)) {
      if (bad && bad[i]) continue;
      if (c.required) log.error(t.name, rowOf(t, i), c.name, '', 'is empty; a value is required');
      else values[i] = dflt;
    } else if (Number.isFinite(v) && ((v === lo && loIn) || (v === hi && hiIn))) {
      if (integer && !Number.isInteger(v)) fail(t, c, v, i, log, values);
    } else fail(t, c, v, i, log, values);
  }
  return values;
}

/**
 * The reader's summary of a number column when it proves every value inside the column's range
 * (at an inclusive bound at most) and whole where it must be, else null: no value then fails
 * checkNumbers' rules.
 */
function provenInRange(c: ColumnSpec, col: RawNumberColumn): NumberSummary | null {
  const s = col.summary;
  const type = c.type;
  if (!s || col.invalid.length > 0 || s.empty > 0 || type.kind !== 'number') return null;
  const { min, max } = type;
  const above = !min || s.min > min.value || (s.min === min.value && min.inclusive);
  const below = !max || s.max < max.value || (s.max === max.value && max.inclusive);
  return above && below && (!type.integer || s.fractional === 0) ? s : null;
}

function fail(t: CheckedTable, c: ColumnSpec, v: number, i: number, log: ProblemLog, values: Float64Array): void {
  if (inRange(c.type, v)) return;
  log.error(t.name, rowOf(t, i), c.name, v, rangeRule(c.type, v, c.name));
  values[i] = NaN;
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

/** The column checked in place: the raw column itself, or (enums, defaults) its codes under a new dictionary. */
function checkStrings(t: CheckedTable, c: ColumnSpec, col: RawColumn, log: ProblemLog): StringColumn {
  const src = col.kind === 'string' ? col : numbersAsStrings(col);
  const codes = src.codes;
  // The reader counted no empty cell: nothing to look for.
  if (c.required && (col.kind !== 'string' || col.empty !== 0)) {
    for (let i = 0; i < t.rows; i++) {
      if ((codes[i] as number) < 0) log.error(t.name, rowOf(t, i), c.name, '', 'is empty; a value is required');
    }
  }
  let out: StringColumn = c.type.kind === 'enum' ? enumColumn(t, c, src, c.type.values, log) : src;
  if (!c.required && typeof c.default === 'string') {
    let d = -1;
    for (let i = 0; i < t.rows; i++) {
      if ((codes[i] as number) !== -1) continue;
      if (d < 0) {
        const dict = out.dict.slice();
        d = dict.indexOf(c.default);
        if (d < 0) d = dict.push(c.default) - 1;
        out = { codes, dict };
      }
      codes[i] = d;
    }
  }
  return out;
}

/**
 * Enum cells in any case, stored lower-case with the dictionary in model order. A cell that is
 * none of the values is marked -2 (not -1, which is empty and may take the default).
 */
function enumColumn(t: CheckedTable, c: ColumnSpec, src: StringColumn, values: readonly string[], log: ProblemLog): StringColumn {
  const map = src.dict.map((s) => values.indexOf(s.trim().toLowerCase()));
  const codes = src.codes;
  for (let i = 0; i < t.rows; i++) {
    const k = codes[i] as number;
    if (k < 0) continue;
    const v = map[k] as number;
    codes[i] = v < 0 ? -2 : v;
    if (v < 0) log.error(t.name, rowOf(t, i), c.name, src.dict[k], `must be one of: ${values.join(', ')}`);
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
