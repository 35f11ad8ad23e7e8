import { DataType, Precision, tableFromIPC, TimeUnit, type Table, type Vector } from 'apache-arrow';
import { readFloats, readStrings } from '../util/arrow-columns';
import { COMPRESSED, checkArrowIpc } from './arrow-ipc-check';
import { err, ok, type Result } from '../util/result';
import { parseDecimal } from './parse-decimal';
import { ProblemLog, type ImportProblem } from './problems';
import { ByteStringColumn, DictBuilder, type RawColumn, type RawTable, type ReadOptions } from './raw-table';
import { byteStrings } from './arrow-strings';
import { BOOLEAN_ID, checkHeaders, identifierFlags, tooLarge } from './read-common';
import type { TableName } from './schema';

/**
 * Reads one workspace table from an Arrow IPC file or stream (`.arrow`, `.feather`, `.arrows`),
 * MODEL §1. Integer and float columns become float64 (int64 included); strings and dictionaries
 * are dictionary-encoded and trimmed. Row numbers are 1-based record numbers.
 */
export function readArrow(bytes: Uint8Array, table: TableName, source: string, opts: ReadOptions): Result<RawTable, ImportProblem[]> {
  const log = new ProblemLog();
  const t = parseArrow(bytes, table, source, opts, log);
  return t && log.errors === 0 ? ok(t) : err(log.items);
}

/**
 * readArrow into a shared log: the table, or null when the file has problems (all logged).
 * `maxRows` reads only the first rows.
 */
export function parseArrow(bytes: Uint8Array, table: TableName, source: string, opts: ReadOptions, log: ProblemLog, maxRows = Infinity): RawTable | null {
  if (opts.maxBytes !== undefined && bytes.length > opts.maxBytes) {
    log.error(table, null, null, source, tooLarge(bytes.length, opts.maxBytes, 'Arrow'));
    return null;
  }
  const opened = openArrow(bytes);
  if (typeof opened === 'string') {
    const rule =
      opened === COMPRESSED
        ? 'is a compressed Arrow file, which this version does not read; save it uncompressed (pyarrow: compression="uncompressed")'
        : `is not a readable Arrow IPC file or stream (${opened})`;
    log.error(table, null, null, source, rule);
    return null;
  }
  return arrowToRaw(opened.numRows > maxRows ? opened.slice(0, maxRows) : opened, table, source, opts, log);
}

/** The raw table of an Arrow table already read (from an IPC file, or decoded from Parquet). */
export function arrowToRaw(arrow: Table, table: TableName, source: string, opts: ReadOptions, log: ProblemLog): RawTable | null {
  const headers = arrow.schema.fields.map((f) => f.name.trim());
  const numeric = checkHeaders(headers, table, null, opts, log);
  if (!numeric) return null;
  const ids = identifierFlags(headers, opts);
  const columns: RawColumn[] = [];
  const unreadable: string[] = [];
  headers.forEach((header, j) => {
    const v = arrow.getChildAt(j);
    if (!v) return;
    if (ids[j] && DataType.isBool(valueType(v.type))) {
      unreadable.push(header);
      log.error(table, null, header, String(v.type), `${BOOLEAN_ID} (its Arrow type is ${String(v.type)})`);
      return;
    }
    let col: RawColumn | null | 'damaged';
    try {
      col = numeric[j] ? numberColumn(header, v) : textColumn(header, v);
    } catch {
      col = 'damaged';
    }
    if (col !== 'damaged' && col) {
      columns.push(col);
      return;
    }
    // Said here, and the other columns still checked: every problem of the file in one import.
    unreadable.push(header);
    if (col === 'damaged') log.error(table, null, header, null, 'could not be read: the Arrow data of this column is damaged');
    else log.error(table, null, header, String(v.type), `has Arrow type ${String(v.type)}; store numbers as float64 or integers`);
  });
  return unreadable.length ? { table, source, rowCount: arrow.numRows, columns, unreadable } : { table, source, rowCount: arrow.numRows, columns };
}

/** Codes and dictionary of a text column, checked: a damaged file can hold codes past its dictionary. */
function strings(v: Vector): { codes: Int32Array; dict: string[] } | 'damaged' {
  const { codes, dict } = readStrings(v);
  const own = codes.length === v.length ? codes : codes.subarray(0, v.length);
  for (let i = 0; i < own.length; i++) {
    const k = own[i] as number;
    if (k < -1 || k >= dict.length || (k >= 0 && typeof dict[k] !== 'string')) return 'damaged';
  }
  return { codes: own, dict };
}

/** The Arrow table in bytes, or why there is none. */
function openArrow(bytes: Uint8Array): Table | string {
  const damaged = bytes.length === 0 ? 'the file is empty' : checkArrowIpc(bytes);
  if (damaged) return damaged;
  try {
    const t = tableFromIPC(bytes);
    return t.schema.fields.length === 0 ? 'it has no columns' : t;
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).slice(0, 120);
  }
}

/**
 * A float32 as the decimal it was written as: 0.825 stored in float32 is 0.824999988…, and the
 * shortest text that is the same float32 (0.825) is what the user meant.
 */
function shortestSingle(x: number): number {
  if (!Number.isFinite(x)) return x;
  for (let digits = 6; digits < 9; digits++) {
    const y = Number(x.toPrecision(digits));
    if (Math.fround(y) === x) return y;
  }
  return x;
}

/** What a cell holds: a dictionary's values (pandas writes a categorical as one), else the type itself. */
function valueType(type: DataType): DataType {
  return DataType.isDictionary(type) ? type.dictionary : type;
}

/** Strings, or a dictionary of them; a dictionary of other values (booleans, numbers) is read cell by cell as its values' type. */
function isText(type: DataType): boolean {
  const values = valueType(type);
  return DataType.isUtf8(values) || DataType.isLargeUtf8(values);
}

function isNumber(type: DataType): boolean {
  return DataType.isInt(type) || DataType.isFloat(type);
}

/** A model number column; null when its Arrow type cannot hold numbers we read. */
function numberColumn(header: string, v: Vector): RawColumn | null | 'damaged' {
  const invalid: { row: number; text: string }[] = [];
  // A column of nulls only (pyarrow's type for an all-None column): every cell empty.
  if (DataType.isNull(v.type)) return { kind: 'number', header, values: new Float64Array(v.length).fill(NaN), invalid };
  if (DataType.isDecimal(v.type)) {
    // SQL and Spark exports: an integer and a decimal scale, read through the decimal text (correctly rounded).
    const scale = v.type.scale;
    const values = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v.get(i);
      values[i] = x === null || x === undefined ? NaN : Number(decimalText(String(x), scale));
    }
    return { kind: 'number', header, values, invalid };
  }
  if (isNumber(v.type)) {
    // A copy: validation works in place, and the file's bytes are the caller's.
    let values = readFloats(v).slice(0, v.length);
    if (DataType.isFloat(v.type) && v.type.precision !== Precision.DOUBLE) values = values.map(shortestSingle);
    for (let i = 0; i < values.length; i++) {
      const x = values[i] as number;
      if (x - x === 0 || Number.isNaN(x)) continue;
      invalid.push({ row: i, text: String(x) });
      values[i] = NaN;
    }
    return { kind: 'number', header, values, invalid };
  }
  if (!isText(v.type)) return null;
  const read = strings(v);
  if (read === 'damaged') return read;
  const { codes, dict } = read;
  const parsed = dict.map((s) => parseDecimal(s.trim()));
  const values = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i] as number;
    const text = k < 0 ? '' : (dict[k] as string).trim();
    const x = k < 0 ? NaN : (parsed[k] as number);
    values[i] = x - x === 0 ? x : NaN;
    if (text !== '' && x - x !== 0) invalid.push({ row: i, text });
  }
  return { kind: 'number', header, values, invalid };
}

/** Any other column: text as text (trimmed), ids stored as integers as their decimal text. */
function textColumn(header: string, v: Vector): RawColumn | 'damaged' {
  const fast = isText(v.type) ? byteStrings(v) : null;
  if (fast === 'damaged') return fast;
  if (fast) return new ByteStringColumn(header, fast.codes, fast.dict);
  if (isText(v.type)) {
    const read = strings(v);
    if (read === 'damaged') return read;
    const { codes, dict } = read;
    const b = new DictBuilder();
    const map = dict.map((s) => b.code(s));
    return { kind: 'string', header, codes: Int32Array.from(codes, (k) => (k < 0 ? -1 : (map[k] as number))), dict: b.dict };
  }
  const b = new DictBuilder();
  const codes = new Int32Array(v.length);
  if (DataType.isTimestamp(v.type) && v.type.unit >= TimeUnit.MICROSECOND) {
    // Read as stored: Arrow gives a timestamp as whole milliseconds, which would merge µs apart.
    const perMs = v.type.unit === TimeUnit.MICROSECOND ? 1000n : 1_000_000n;
    let row = 0;
    for (const d of v.data) {
      const raw = d.values as BigInt64Array;
      for (let k = 0; k < d.length; k++, row++) codes[row] = b.code(d.getValid(k) ? fineTimestamp(raw[k] as bigint, perMs) : '');
    }
    return { kind: 'string', header, codes, dict: b.dict };
  }
  const text = otherText(valueType(v.type));
  for (let i = 0; i < v.length; i++) codes[i] = b.code(text(v.get(i) as unknown));
  return { kind: 'string', header, codes, dict: b.dict };
}

/** A µs or ns timestamp in ISO 8601 with every digit it has: 2024-01-05T13:30:00.123456Z. */
function fineTimestamp(raw: bigint, perMs: bigint): string {
  let ms = raw / perMs;
  let sub = raw % perMs;
  if (sub < 0n) {
    ms -= 1n;
    sub += perMs;
  }
  const iso = new Date(Number(ms)).toISOString();
  if (iso.length < 24) return iso;
  const digits = perMs === 1000n ? 3 : 6;
  return `${iso.slice(0, -1)}${sub.toString().padStart(digits, '0')}Z`;
}

/**
 * The text of a cell of another type, as the file's author would write it: a decimal with its
 * point, a date as 2024-01-05, a timestamp in ISO 8601 (UTC), a float32 as the shortest decimal
 * it is (0.1, not 0.10000000149011612). Arrow reads dates and timestamps as epoch milliseconds.
 */
function otherText(type: DataType): (x: unknown) => string {
  const empty = (x: unknown): x is null | undefined => x === null || x === undefined;
  if (DataType.isDecimal(type)) {
    const scale = type.scale;
    return (x) => (empty(x) ? '' : decimalText(String(x), scale));
  }
  if (DataType.isTimestamp(type)) return (x) => (typeof x === 'number' && Number.isFinite(x) ? new Date(x).toISOString() : cellText(x));
  if (DataType.isDate(type)) return (x) => (typeof x === 'number' && Number.isFinite(x) ? new Date(x).toISOString().slice(0, 10) : cellText(x));
  if (DataType.isFloat(type) && type.precision === Precision.SINGLE) return (x) => (typeof x === 'number' ? String(shortestSingle(x)) : cellText(x));
  return cellText;
}

/** The decimal text of an Arrow decimal: its unscaled integer's digits with the point put back. */
function decimalText(digits: string, scale: number): string {
  if (scale <= 0) return digits === '0' ? '0' : digits + '0'.repeat(-scale);
  const negative = digits.startsWith('-');
  const d = (negative ? digits.slice(1) : digits).padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${d.slice(0, -scale)}.${d.slice(-scale)}`;
}

function cellText(x: unknown): string {
  if (x === null || x === undefined) return '';
  if (typeof x === 'string' || typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean') return String(x);
  if (x instanceof Date) return x.toISOString();
  try {
    return JSON.stringify(x, (_k, val: unknown) => (typeof val === 'bigint' ? String(val) : val)) ?? '';
  } catch {
    return String(x);
  }
}
