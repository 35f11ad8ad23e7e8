import { closestTable, detectTable } from './detect-table';
import { ProblemLog } from './problems';
import { TABLE_NAMES, type TableName } from './schema';
import type { Peek, Source } from './source';
import type { MappingSuggestion } from './suggest-mapping';

/** Rows a source shows when its table is found from its columns. */
const SNIFF_ROWS = 50;

/** The table a source is read as, and what decided it. */
export interface TableChoice {
  source: Source;
  /** Null: the source is left out. */
  table: TableName | null;
  /** option: the import's `tables`; name: its file, sheet or key name; columns: its headers. */
  how: 'option' | 'name' | 'columns' | null;
  /** The source's first rows and the mapping found, when its columns were looked at. */
  peek?: Peek | null;
  suggestion?: MappingSuggestion | null;
}

/**
 * The table each source is read as: the `tables` option (null leaves it out), else its own
 * name, else its columns — only for a table no other source names, and only when no other
 * source's columns also fit it. Each source left out is reported with a warning.
 */
export function chooseTables(sources: readonly Source[], asked: Readonly<Record<string, TableName | null>>, log: ProblemLog): TableChoice[] {
  const choices: TableChoice[] = sources.map((s) => {
    const a = s.name in asked ? asked[s.name] : s.name === s.file ? undefined : asked[s.file];
    if (a === null) return { source: s, table: null, how: 'option' };
    if (a !== undefined) return { source: s, table: a, how: 'option' };
    return { source: s, table: s.named, how: s.named ? 'name' : null };
  });
  const taken = new Set(choices.map((c) => c.table).filter((t): t is TableName => t !== null));
  const guesses = new Map<TableName, TableChoice[]>();
  for (const c of choices) {
    if (c.table !== null || c.how === 'option') continue;
    const s = c.source;
    c.peek = s.peek(SNIFF_ROWS, new ProblemLog());
    c.suggestion = c.peek ? detectTable(c.peek.headers, c.peek.columns) : null;
    const guess = c.suggestion?.table;
    if (!guess) {
      const near = c.peek ? closestTable(c.peek.headers, c.peek.columns) : null;
      const why = near
        ? `its columns come closest to a ${near.table} table, which also needs ${near.missing.join(', ')}: rename those columns, or choose its table`
        : 'its columns match none of them';
      log.warn(s.name, null, null, s.name, `is not a table of the workspace (its name is none of ${TABLE_NAMES.join(', ')}, and ${why}); ignored`);
    } else if (taken.has(guess)) {
      log.warn(s.name, null, null, s.name, `has the columns of a ${guess} table, but another file is the ${guess} table; ignored`);
    } else guesses.set(guess, [...(guesses.get(guess) ?? []), c]);
  }
  for (const [table, list] of guesses) {
    if (list.length > 1) {
      for (const c of list) {
        log.warn(c.source.name, null, null, c.source.name, `has the columns of a ${table} table, as ${list.length - 1} other file(s) do; ignored: choose which one is the ${table} table`);
      }
      continue;
    }
    const c = list[0] as TableChoice;
    c.table = table;
    c.how = 'columns';
    const s = c.source;
    log.warn(table, null, null, s.name, `was read from ${s.name}, whose columns are those of a ${table} table; name it ${table}, or choose its table, to say so`);
  }
  return choices;
}
