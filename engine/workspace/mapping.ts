import { err, ok, type Result } from '../util/result';
import type { ProblemLog } from './problems';
import type { RawTable, ReadOptions } from './raw-table';
import { SCHEMA, TABLE_NAMES, normalizeColumnName, type TableName } from './schema';

/** For one table: model column (MODEL §1 name) → the file's column header that holds it. */
export type TableMapping = Readonly<Record<string, string>>;

/** A column mapping per table: `{ positions: { collateral_amount: 'Collateral (ETH)' } }`. */
export type ColumnMapping = Readonly<Partial<Record<TableName, TableMapping>>>;

/** Header suffix of a file column whose name is a model column the mapping reads from another column. */
export const DISPLACED = ' (not used: mapped from another column)';

/**
 * How a reader reads a table's columns: model number columns (by their own name, or the file
 * column the mapping names for them) as numbers, everything else as text, ids and references
 * among them known as such. A file column named
 * like a model column that the mapping reads elsewhere is read as text (it is kept, unused).
 */
export function readOptions(table: TableName, maxBytes?: number, map?: TableMapping): ReadOptions {
  const columns = SCHEMA[table].columns;
  const numeric = new Set(columns.filter((c) => c.type.kind === 'number').map((c) => c.name));
  const identifier = new Set(columns.filter((c) => c.type.kind === 'id' || c.type.kind === 'ref').map((c) => c.name));
  const fileToModel = new Map<string, string>();
  for (const [model, file] of Object.entries(map ?? {})) fileToModel.set(normalizeColumnName(file), model);
  const mapped = new Set(fileToModel.values());
  const readAs = (kind: ReadonlySet<string>) => (h: string): boolean => {
    const model = fileToModel.get(h);
    if (model !== undefined) return kind.has(model);
    return !mapped.has(h) && kind.has(h);
  };
  const isNumeric = readAs(numeric);
  const isIdentifier = readAs(identifier);
  return maxBytes === undefined ? { isNumeric, isIdentifier } : { isNumeric, isIdentifier, maxBytes };
}

/**
 * Renames a raw table's columns by the mapping: the named file columns take their model names;
 * a file column already called like a mapped model column is kept under a new name (with a
 * warning). Every mistake in the mapping is an error: a model column the table does not have,
 * a file column the file does not have, one file column mapped twice. Null on any error.
 */
export function applyMapping(raw: RawTable, map: TableMapping | undefined, log: ProblemLog): RawTable | null {
  if (!map || Object.keys(map).length === 0) return raw;
  const table = raw.table;
  const spec = SCHEMA[table];
  const byHeader = new Map(raw.columns.map((c, j) => [normalizeColumnName(c.header), j]));
  const target = new Map<number, string>();
  // A column the reader could not read (its problem said already) is there all the same: it takes its model name.
  const unreadable = new Map((raw.unreadable ?? []).map((h) => [normalizeColumnName(h), h]));
  const errorsBefore = log.errors;
  for (const [model, file] of Object.entries(map)) {
    if (!spec.columns.some((c) => c.name === model)) {
      log.error(table, null, model, file, `is not a column of ${table}, so nothing can be mapped to it (columns: ${spec.columns.map((c) => c.name).join(', ')})`);
      continue;
    }
    const j = byHeader.get(normalizeColumnName(file));
    if (j === undefined && unreadable.has(normalizeColumnName(file))) {
      unreadable.set(normalizeColumnName(file), model);
      continue;
    }
    if (j === undefined) {
      const have = raw.columns.map((c) => c.header).join(', ');
      log.error(table, null, model, file, `is mapped from the column "${file}", which ${raw.source} does not have (its columns: ${have})`);
      continue;
    }
    const other = target.get(j);
    if (other !== undefined) {
      log.error(table, null, model, file, `is mapped from "${file}", which is mapped to ${other} already; map each file column once`);
      continue;
    }
    target.set(j, model);
  }
  if (log.errors > errorsBefore) return null;
  const models = new Set(target.values());
  const original = raw.columns.map((c) => c.header);
  const columns = raw.columns.map((c, j) => {
    const model = target.get(j);
    if (model !== undefined) {
      c.header = model;
      return c;
    }
    const key = normalizeColumnName(c.header);
    if (!models.has(key)) return c;
    const from = original[[...target.entries()].find(([, m]) => m === key)?.[0] ?? 0] ?? '';
    log.warn(table, null, c.header, null, `is not read: the mapping reads ${key} from "${from}"; this column is kept as "${c.header}${DISPLACED}"`);
    c.header = `${c.header}${DISPLACED}`;
    return c;
  });
  return raw.unreadable ? { ...raw, columns, unreadable: [...unreadable.values()] } : { ...raw, columns };
}

/** Narrows a mapping that arrived as `unknown` (a request, a file): tables → { model column: file column }. */
export function narrowMapping(v: unknown): Result<ColumnMapping, string> {
  if (v === undefined || v === null) return ok({});
  if (typeof v !== 'object' || Array.isArray(v)) return err('the mapping must be an object: { "<table>": { "<model column>": "<file column>" } }');
  const out: Partial<Record<TableName, Record<string, string>>> = {};
  for (const [key, cols] of Object.entries(v as Record<string, unknown>)) {
    const table = TABLE_NAMES.find((t) => t === normalizeColumnName(key));
    if (!table) return err(`the mapping names "${key}", which is not a table (${TABLE_NAMES.join(', ')})`);
    if (typeof cols !== 'object' || cols === null || Array.isArray(cols)) return err(`the mapping of ${table} must be an object of "<model column>": "<file column>"`);
    const m: Record<string, string> = {};
    for (const [model, file] of Object.entries(cols as Record<string, unknown>)) {
      if (typeof file !== 'string' || file.trim() === '') return err(`the mapping of ${table}.${model} must be a file column name (text)`);
      m[normalizeColumnName(model)] = file;
    }
    out[table] = m;
  }
  return ok(out);
}

/**
 * Narrows a table assignment: source name (a file name, or `file#sheet` for a workbook sheet and
 * `file#key` for a JSON document's key) → the table it holds, or null to ignore it.
 */
export function narrowTables(v: unknown): Result<Readonly<Record<string, TableName | null>>, string> {
  if (v === undefined || v === null) return ok({});
  if (typeof v !== 'object' || Array.isArray(v)) return err('tables must be an object: { "<file or file#sheet>": "<table>" | null }');
  const out: Record<string, TableName | null> = {};
  for (const [source, t] of Object.entries(v as Record<string, unknown>)) {
    if (t === null) {
      out[source] = null;
      continue;
    }
    const table = typeof t === 'string' ? TABLE_NAMES.find((n) => n === normalizeColumnName(t)) : undefined;
    if (!table) return err(`tables: "${source}" is assigned ${JSON.stringify(t)}, which is not a table (${TABLE_NAMES.join(', ')}) or null`);
    out[source] = table;
  }
  return ok(out);
}
