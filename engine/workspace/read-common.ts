import type { ProblemLog } from './problems';
import type { ReadOptions } from './raw-table';
import { normalizeColumnName, type TableName } from './schema';

/**
 * Checks a table's headers (none empty, none twice after normalisation) and says which hold
 * numbers. Null when a header is wrong; each problem is logged at `row` (null for a whole table).
 */
export function checkHeaders(
  headers: readonly string[],
  table: TableName,
  row: number | null,
  opts: ReadOptions,
  log: ProblemLog,
): boolean[] | null {
  const seen = new Map<string, number>();
  let good = true;
  headers.forEach((h, i) => {
    const key = normalizeColumnName(h);
    if (key === '') {
      log.error(table, row, `column ${i + 1}`, h, 'has no name in the header; name the column or delete it');
      good = false;
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      log.error(
        table,
        row,
        h,
        h,
        `is a second column named "${key}" (columns ${first + 1} and ${i + 1}); names match ignoring case and spaces, keep one`,
      );
      good = false;
    } else seen.set(key, i);
  });
  return good ? headers.map((h) => opts.isNumeric(normalizeColumnName(h))) : null;
}

/** "is 12.5 MB; CSV files are read up to 8 MB". */
export function tooLarge(size: number, limit: number, format: string): string {
  return `is ${formatBytes(size)}; ${format} files are read up to ${formatBytes(limit)}`;
}

/** A size for people: "12.5 MB (13107200 bytes)". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Number(v.toFixed(v < 10 ? 2 : 1))} ${units[u]} (${n} bytes)`;
}

/** Per header: whether it holds ids or references to them (ReadOptions.isIdentifier). */
export function identifierFlags(headers: readonly string[], opts: ReadOptions): boolean[] {
  return headers.map((h) => opts.isIdentifier?.(normalizeColumnName(h)) ?? false);
}

/** The rule for a true/false stored where an id or a reference to one goes. */
export const BOOLEAN_ID = 'is true/false (a boolean); an id is text or a whole number: store this column as text';
