import type { HelperShare } from './csv-part';
import type { FileFormat } from './formats';
import type { ProblemLog } from './problems';
import { rowNumberOf, type RawTable, type ReadOptions } from './raw-table';
import { TABLE_NAMES, normalizeColumnName, type TableName } from './schema';

/** What a reader yields: part of the file went to the helper thread. */
export const SHARED = 'shared';
/** Bytes read so far, SHARED, or a wait for the helper. */
export type ReadStep = number | typeof SHARED | Promise<void>;

/** How a reader reads when it only shows a table: every column as text. */
export const AS_TEXT: ReadOptions = { isNumeric: () => false };

/** A table's first rows as text: for table detection, mapping suggestions and previews. */
export interface Peek {
  headers: string[];
  /** Column-major cells: columns[j][i] is row i of column j; null is an empty cell. */
  columns: (string | null)[][];
  /** Each row as the user finds it in the file (CSV line, sheet row, record number). */
  rowNumbers: number[];
  /** Rows of the whole table when known without reading it all, else null. */
  totalRows: number | null;
}

/**
 * One table-sized part of a file: the file itself (CSV, Arrow, Parquet, JSON rows), a sheet of
 * a workbook, or a key of a JSON document. Each reader yields its progress in bytes.
 */
export interface Source {
  /** For messages and the import's `tables` option: the file name, or `file#sheet` / `file#key`. */
  name: string;
  /** The file it is in. */
  file: string;
  /** The table its own name says (file stem, sheet name, JSON key), or null. */
  named: TableName | null;
  format: FileFormat;
  /** Its share of the file's bytes, for progress. */
  bytes: number;
  /** Headers and the first `rows` rows as text; null (problems logged) when it cannot be read. */
  peek(rows: number, log: ProblemLog): Peek | null;
  /**
   * Reads the whole table as `table`, yielding bytes read so far, SHARED once it has handed part
   * of the file to a helper thread, or a promise to wait for while it waits for that part (only
   * given `helper`); null when it has problems (all logged).
   */
  read(table: TableName, opts: ReadOptions, log: ProblemLog, helper?: HelperShare | null): Generator<ReadStep, RawTable | null, void>;
}

/** The peek of a raw table read as text. */
export function peekOf(t: RawTable, totalRows: number | null): Peek {
  const columns = t.columns.map((c) => {
    const out: (string | null)[] = [];
    for (let i = 0; i < t.rowCount; i++) {
      if (c.kind === 'number') out.push(Number.isNaN(c.values[i]) ? null : String(c.values[i]));
      else {
        const k = c.codes[i] as number;
        out.push(k < 0 ? null : (c.dict[k] as string));
      }
    }
    return out;
  });
  const rowNumbers = Array.from({ length: t.rowCount }, (_, i) => rowNumberOf(t, i));
  return { headers: t.columns.map((c) => c.header), columns, rowNumbers, totalRows };
}

/** A reader that reads in one go (no steps): it yields once, at its end. */
export function* oneStep(bytes: number, read: () => RawTable | null): Generator<number, RawTable | null, void> {
  const t = read();
  yield bytes;
  return t;
}

/** The table a name names (`Positions` → positions), or null. */
export function tableNamed(name: string): TableName | null {
  const key = normalizeColumnName(name);
  return TABLE_NAMES.find((t) => t === key) ?? null;
}
