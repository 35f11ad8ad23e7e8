import type { Table } from 'apache-arrow';
import { err, ok, type Result } from '../util/result';
import { buildTable } from './build-tables';
import { checkColumns } from './check-columns';
import { checkIds, type Tables } from './check-ids';
import { checkLinks, checkSuspicious } from './check-links';
import { checkRefs } from './check-refs';
import { ProblemLog, type ImportProblem } from './problems';
import type { RawTable } from './raw-table';
import { SCHEMA, TABLE_NAMES, type TableName } from './schema';
import type { Workspace } from './workspace';

/** Why a workspace was rejected: the first 1,000 problems (errors first), and how many there are. */
export interface ValidationFailure {
  problems: ImportProblem[];
  total: number;
  errors: number;
}

/**
 * Validates raw tables into a Workspace (MODEL §1), collecting every problem: required tables
 * and columns, cells, ranges, enums, ids and their namespace, USD, references, feeds, perps,
 * obligations; warnings for unknown columns and suspicious values. Defaults are filled.
 */
export function validateWorkspace(raw: RawTable[]): Result<Workspace, ValidationFailure> {
  const log = new ProblemLog();
  const ws = validateInto(raw, log);
  return ws ? ok(ws) : err({ problems: log.items, total: log.total, errors: log.errors });
}

/**
 * validateWorkspace into a shared log. `unreadable` names the files of tables that could not be
 * read (their problems are logged already): such a table is not reported missing, and references
 * into it are not checked. Null when the log holds any error (also one logged before).
 */
export function validateInto(
  raw: readonly RawTable[],
  log: ProblemLog,
  unreadable: ReadonlyMap<TableName, readonly string[]> = new Map(),
): Workspace | null {
  const steps = validateSteps(raw, log, unreadable);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** validateInto in steps: it yields the name of each stage as it ends, so a long import can pause between them. */
export function* validateSteps(
  raw: readonly RawTable[],
  log: ProblemLog,
  unreadable: ReadonlyMap<TableName, readonly string[]> = new Map(),
): Generator<string, Workspace | null, void> {
  const tables: Tables = {};
  const sources = new Map<TableName, string[]>();
  for (const [name, files] of unreadable) sources.set(name, [...files]);
  for (const t of raw) {
    const seen = sources.get(t.table);
    if (seen) seen.push(t.source);
    else sources.set(t.table, [t.source]);
    if (!seen) {
      tables[t.table] = checkColumns(t, log);
      yield `columns of ${t.table}`;
    }
  }
  for (const [name, unsorted] of sources) {
    const files = [...unsorted].sort();
    if (files.length > 1) {
      log.error(name, null, null, files.join(', '), `is given ${files.length} times (${files.join(' and ')}); keep one file per table`);
    }
  }
  for (const name of TABLE_NAMES) {
    if (SCHEMA[name].required && !sources.has(name)) {
      log.error(name, null, null, null, `is missing: a workspace needs ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} table (for example ${name}.csv)`);
    }
  }
  // Nothing can be simulated without a node (an empty template is not a workspace); assets may be
  // empty: a network of USD obligations needs none.
  if (tables.nodes?.rows === 0) log.error('nodes', null, null, null, 'has no rows: a workspace needs at least one node (a fund, a lender, an exchange…)');
  const idx = checkIds(tables, new Set(unreadable.keys()), log);
  yield 'ids';
  const referenced = checkRefs(tables, idx, log);
  yield 'references';
  checkLinks(tables, idx, log);
  checkSuspicious(tables, referenced, log);
  yield 'links';
  if (log.errors > 0) return null;
  const out: Partial<Record<TableName, Table>> = {};
  for (const name of TABLE_NAMES) {
    const t = tables[name];
    if (!t) continue;
    out[name] = buildTable(t);
    yield `table ${name}`;
  }
  return { tables: out, warnings: log.warningItems };
}
