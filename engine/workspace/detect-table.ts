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
