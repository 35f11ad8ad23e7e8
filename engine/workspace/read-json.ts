import { err, ok, type Result } from '../util/result';
import { decodeUtf8, invalidUtf8Problem, textStart } from './decode-text';
import { parseDecimal } from './parse-decimal';
import { ProblemLog, type ImportProblem } from './problems';
import { DictBuilder, type RawColumn, type RawTable, type ReadOptions } from './raw-table';
import { BOOLEAN_ID, checkHeaders, identifierFlags, tooLarge } from './read-common';
import { TABLE_NAMES, normalizeColumnName, type TableName } from './schema';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a JSON file (MODEL §1): an array of row objects (the table `table`), or one object
 * `{ "assets": [...], "nodes": [...], ... }` holding several tables. Numbers may be JSON numbers
 * or numeric strings. Row numbers are 1-based record numbers.
 */
export function readJson(
  bytes: Uint8Array,
  table: TableName | null,
  source: string,
  opts: ReadOptions,
): Result<RawTable[], ImportProblem[]> {
  const log = new ProblemLog();
  const r = parseJson(bytes, table, source, () => opts, log);
  return log.errors === 0 ? ok(r.tables) : err(log.items);
}

/** What a JSON file held: the tables read, and the tables it holds that could not be read. */
export interface JsonTables {
  tables: RawTable[];
  failed: TableName[];
}

/**
 * readJson into a shared log, with the options for each table it may hold. A file not named
 * after a table is read only as an object of tables.
 */
export function parseJson(
  bytes: Uint8Array,
  table: TableName | null,
  source: string,
  optsFor: (t: TableName) => ReadOptions,
  log: ProblemLog,
): JsonTables {
  const where = table ?? source;
  const none: JsonTables = { tables: [], failed: table ? [table] : [] };
  const doc = openJson(bytes, where, source, optsFor(table ?? TABLE_NAMES[0] ?? 'assets').maxBytes, log);
  if (doc === NOT_JSON) return none;
  if (Array.isArray(doc)) {
    if (table === null) {
      log.warn(source, null, null, source, `holds rows, but its name is not a table (${TABLE_NAMES.join(', ')}); ignored`);
      return { tables: [], failed: [] };
    }
    const t = rowsToTable(doc, table, source, optsFor(table), log);
    return t ? { tables: [t], failed: [] } : none;
  }
  if (!isObj(doc)) {
    log.error(where, null, null, source, 'must hold an array of row objects, or an object whose keys are table names');
    return none;
  }
  const out: JsonTables = { tables: [], failed: [] };
  let found = 0;
  for (const [key, rows] of Object.entries(doc)) {
    const name = TABLE_NAMES.find((n) => n === normalizeColumnName(key));
    if (!name) {
      log.warn(where, null, key, null, `is not a table (${TABLE_NAMES.join(', ')}); ignored`);
      continue;
    }
    found++;
    const t = rowsToTable(rows, name, source, optsFor(name), log);
    if (t) out.tables.push(t);
    else out.failed.push(name);
  }
  if (found === 0 && table !== null) {
    log.error(table, null, null, source, 'must hold an array of row objects, or an object whose keys are table names');
    return none;
  }
  return out;
}

/** Marks a file that is not readable JSON (its problem is logged). */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/** The JSON document in a file, or NOT_JSON with the reason logged against `where`. */
export function openJson(bytes: Uint8Array, where: string, source: string, maxBytes: number | undefined, log: ProblemLog): unknown {
  if (maxBytes !== undefined && bytes.length > maxBytes) {
    log.error(where, null, null, source, tooLarge(bytes.length, maxBytes, 'JSON'));
    return NOT_JSON;
  }
  const start = textStart(bytes);
  if (typeof start !== 'number') {
    log.error(where, null, null, source, start.rule);
    return NOT_JSON;
  }
  const text = decodeUtf8(bytes, start, bytes.length);
  if (typeof text !== 'string') {
    const p = invalidUtf8Problem(bytes, text.badByte);
    log.error(where, p.line, null, null, p.rule);
    return NOT_JSON;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    // "Unexpected token 'N', …" (NaN, as Python's json.dump writes it) names no position: found here.
    const token = /^Unexpected token '(.)'/.exec(message);
    const offset = at ? Number(at[1]) : token ? tokenOffset(text, token[1] as string) : -1;
    const line = offset >= 0 ? lineAt(text, offset) : null;
    log.error(where, line, null, source, `is not valid JSON: ${message}`);
    return NOT_JSON;
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Where JSON text has `token` out of place, outside its strings: a word other than true, false
 * and null (NaN, Infinity, undefined), or another character that no number or literal holds;
 * −1 when it is not found.
 */
export function tokenOffset(text: string, token: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (j < text.length && /[A-Za-z0-9_]/.test(text[j] as string)) j++;
      const word = text.slice(i, j);
      const numberPart = /^[eE]$/.test(word) || /^[eE]\d+$/.test(word);
      if (word !== 'true' && word !== 'false' && word !== 'null' && !(numberPart && i > 0 && /[0-9.]/.test(text[i - 1] as string)) && word.includes(token)) return i;
      i = j - 1;
      continue;
    }
    if (c === token) return i;
  }
  return -1;
}

export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return isObj(v);
}

/** A table from JSON rows (an array of objects); `maxRows` reads only the first rows. Null on problems (logged). */
export function rowsToTable(doc: unknown, table: TableName, source: string, opts: ReadOptions, log: ProblemLog, maxRows = Infinity): RawTable | null {
  if (!Array.isArray(doc)) {
    log.error(table, null, null, null, 'must be an array of row objects');
    return null;
  }
  const rows: readonly unknown[] = doc.length > maxRows ? doc.slice(0, maxRows) : doc;
  const errorsBefore = log.errors;
  const index = new Map<string, number>();
  const headers: string[] = [];
  rows.forEach((row: unknown, i) => {
    if (!isObj(row)) {
      log.error(table, i + 1, null, JSON.stringify(row) ?? null, 'must be an object of column: value');
      return;
    }
    const inRow = new Set<string>();
    for (const key of Object.keys(row)) {
      const k = normalizeColumnName(key);
      if (inRow.has(k)) log.error(table, i + 1, key, null, `is a second "${k}" in this record; names match ignoring case and spaces`);
      inRow.add(k);
      if (!index.has(k)) index.set(k, headers.push(key) - 1);
    }
  });
  const numeric = checkHeaders(headers, table, null, opts, log);
  if (!numeric || log.errors > errorsBefore) return null;
  const ids = identifierFlags(headers, opts);
  const n = rows.length;
  const nums = numeric.map((isNum) => (isNum ? new Float64Array(n).fill(NaN) : null));
  const codes = numeric.map((isNum) => (isNum ? null : new Int32Array(n).fill(-1)));
  const dicts = headers.map(() => new DictBuilder());
  const invalid = headers.map((): { row: number; text: string }[] => []);
  rows.forEach((row, i) => {
    if (!isObj(row)) return;
    for (const [key, v] of Object.entries(row)) {
      const j = index.get(normalizeColumnName(key)) as number;
      const num = nums[j];
      const code = codes[j];
      if (num) num[i] = numberCell(v, i, invalid[j] as { row: number; text: string }[]);
      else if (code) {
        if (typeof v === 'boolean' && ids[j]) {
          log.error(table, i + 1, key, String(v), BOOLEAN_ID);
          continue;
        }
        const c = textCell(v, dicts[j] as DictBuilder);
        if (c === null) log.error(table, i + 1, key, JSON.stringify(v), 'must be text or a number, not a list or an object');
        else if (c === INEXACT) log.error(table, i + 1, key, String(v), 'is a whole number past 2^53 written as a JSON number, which cannot hold its every digit (it reads as this): write it as text, in quotes');
        else code[i] = c;
      }
    }
  });
  if (log.errors > errorsBefore) return null;
  const columns: RawColumn[] = headers.map((header, j) => {
    const num = nums[j];
    if (num) return { kind: 'number', header, values: num, invalid: invalid[j] ?? [] };
    return { kind: 'string', header, codes: codes[j] as Int32Array, dict: (dicts[j] as DictBuilder).dict };
  });
  return { table, source, rowCount: n, columns };
}

function numberCell(v: unknown, i: number, invalid: { row: number; text: string }[]): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const text = typeof v === 'string' ? v.trim() : (JSON.stringify(v) ?? String(v));
  if (text === '') return NaN;
  const x = typeof v === 'string' ? parseDecimal(text) : NaN;
  if (Number.isFinite(x)) return x;
  invalid.push({ row: i, text });
  return NaN;
}

/** A number in a text column (an id) too large for a double to hold its every digit. */
const INEXACT = -2;

/** The code of a text cell; -1 for an empty one; INEXACT for a number past 2^53; null for a list or an object. */
function textCell(v: unknown, dict: DictBuilder): number | null {
  if (v === null || v === undefined) return -1;
  if (typeof v === 'string') return dict.code(v);
  // 9007199254740993 parses as …992, 12345678901234567891 as …7000: an id read so would be another's.
  if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) return INEXACT;
  if (typeof v === 'number' || typeof v === 'boolean') return dict.code(String(v));
  return null;
}
