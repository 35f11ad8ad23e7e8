import { TABLE_NAMES, type TableName } from './schema';
import { suggestMapping, type MappingSuggestion } from './suggest-mapping';

/** Least lead of the best table over the next one before the columns are trusted to say which it is. */
const MARGIN = 0.5;

/**
 * The table a file holds, found from its columns when its name does not say: the table whose
 * required columns are all there (by name, synonym or values) and that fits clearly better than
 * any other. Null when none fits, or two fit about as well.
 */
export function detectTable(headers: readonly string[], samples?: readonly (readonly (string | null)[])[]): MappingSuggestion | null {
  const fits = TABLE_NAMES.map((t: TableName) => suggestMapping(headers, t, samples))
    .filter((s) => s.complete && Object.keys(s.mapping).length >= 2)
    .sort((a, b) => b.fitness - a.fitness);
  const [best, next] = fits;
  if (!best) return null;
  if (next && best.fitness - next.fitness < MARGIN) return null;
  return best;
}

/**
 * The table a file that fits none comes closest to: the one with most of its required columns
 * found (at least half), and the required columns still missing. Null when none comes close.
 */
export function closestTable(headers: readonly string[], samples?: readonly (readonly (string | null)[])[]): { table: TableName; missing: string[] } | null {
  let best: { table: TableName; missing: string[]; found: number } | null = null;
  for (const t of TABLE_NAMES) {
    const s = suggestMapping(headers, t, samples);
    const required = s.columns.filter((c) => c.required);
    const missing = required.filter((c) => c.file === null).map((c) => c.column);
    const found = required.length - missing.length;
    if (missing.length === 0 || found * 2 < required.length) continue;
    if (best === null || found > best.found || (found === best.found && missing.length < best.missing.length)) best = { table: t, missing, found };
  }
  return best && { table: best.table, missing: best.missing };
}
