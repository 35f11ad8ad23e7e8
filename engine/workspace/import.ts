import type { InputFile } from '../protocol';
import { err, ok, type Result } from '../util/result';
import { chooseTables } from './choose-tables';
import { MAX_FILE_BYTES, detectFormat, splitName, type FileFormat } from './formats';
import { applyMapping, readOptions, type ColumnMapping } from './mapping';
import { openFile } from './open-file';
import { ProblemLog, type ImportProblem } from './problems';
import type { RawTable } from './raw-table';
import { TABLE_NAMES, type TableName } from './schema';
import type { Source } from './source';
import { validateSteps } from './validate';
import type { Workspace } from './workspace';

export { MAX_FILE_BYTES, type FileFormat } from './formats';
export { readOptions } from './mapping';

/** Why an import was rejected: the first 1,000 problems (errors first), and how many there are. */
export interface ImportFailure {
  problems: ImportProblem[];
  total: number;
  errors: number;
}

/** What an import may be told besides the files. */
export interface ImportOptions {
  /** Per table, model column → the file's column that holds it (see suggestMapping). */
  mapping?: ColumnMapping;
  /**
   * Which table a source holds when its name does not say, or to override it: source name (a
   * file name, `book.xlsx#Sheet1`, `doc.json#key`) → table, or null to leave it out.
   */
  tables?: Readonly<Record<string, TableName | null>>;
  /** Largest file read per format, in bytes. */
  limits?: Readonly<Record<FileFormat, number>>;
}

/** Where a running import is: its phase, the file it reads, and how far it is (0–1). */
export interface ImportProgress {
  phase: 'read' | 'validate';
  /** The source being read, or the validation stage. */
  step: string;
  bytesDone: number;
  bytesTotal: number;
  fraction: number;
}

/** Share of the progress bar that reading takes; validating and building the tables take the rest. */
const READ_SHARE = 0.85;

/**
 * Imports a workspace from files (MODEL §1): the reader is chosen by extension (checked against
 * the first bytes), the table by the base name (`Positions.CSV` is positions), a sheet's name, a
 * JSON key, `options.tables`, or else by the columns; scenario, expected-result and other files
 * are ignored with a warning. Columns are renamed by `options.mapping`. Returns the whole
 * validated workspace or every problem: nothing is changed by a failed import, because nothing
 * is changed at all.
 */
export function importWorkspace(files: InputFile[], options: ImportOptions = {}): Result<Workspace, ImportFailure> {
  const steps = importSteps(files, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** What an asynchronous import needs from its host. */
export interface ImportControl {
  now(): number;
  /** Lets pending messages (a cancel) in. */
  yieldToEvents(): Promise<void>;
  cancelled(): boolean;
  progress?(p: ImportProgress): void;
  /** Longest stretch of work between two yields, ms (default 20). */
  sliceMs?: number;
}

/**
 * importWorkspace that yields to the host every `sliceMs` of work, reports progress, and stops
 * (with 'cancelled') soon after `cancelled()` turns true.
 */
export async function importWorkspaceAsync(
  files: InputFile[],
  options: ImportOptions,
  control: ImportControl,
): Promise<Result<Workspace, ImportFailure> | 'cancelled'> {
  const slice = control.sliceMs ?? 20;
  const steps = importSteps(files, options);
  let since = control.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (control.now() - since >= slice) {
      control.progress?.(r.value);
      await control.yieldToEvents();
      if (control.cancelled()) return 'cancelled';
      since = control.now();
    }
  }
}

/** The import as steps: it yields its progress after each bit of work and returns the result. */
export function* importSteps(files: InputFile[], options: ImportOptions = {}): Generator<ImportProgress, Result<Workspace, ImportFailure>, void> {
  const log = new ProblemLog();
  const limits = options.limits ?? MAX_FILE_BYTES;
  let total = 0;
  for (const f of files) total += f.bytes.length;
  const progress = (phase: ImportProgress['phase'], step: string, done: number, fraction: number): ImportProgress => ({
    phase,
    step,
    bytesDone: done,
    bytesTotal: total,
    fraction: Math.min(1, Math.max(0, fraction)),
  });
  const unreadable = new Map<TableName, string[]>();
  const failed = (t: TableName | null, name: string): void => {
    if (t) unreadable.set(t, [...(unreadable.get(t) ?? []), name]);
  };
  const sources: Source[] = [];
  let opened = 0;
  for (const file of files) {
    const name = splitName(file.name);
    const format = detectFormat(name, file.bytes);
    const named = TABLE_NAMES.find((t) => t === name.stem) ?? null;
    if (format !== null && typeof format === 'object') {
      log.error(named ?? name.base, null, null, name.base, format.unread);
      failed(named, name.base);
    } else if (format === 'json' && (name.stem.startsWith('scenario') || name.stem.startsWith('expected'))) {
      log.warn(name.base, null, null, name.base, `holds ${name.stem.startsWith('scenario') ? 'a scenario' : 'expected results'}, not a table; ignored`);
    } else if (format === null) {
      log.warn(name.base, null, null, name.base, `is not a table of the workspace (its name is none of ${TABLE_NAMES.join(', ')}); ignored`);
    } else {
      const s = openFile(file, name, format, limits[format], log);
      if (s) sources.push(...s);
      else failed(named, name.base);
    }
    opened += file.bytes.length;
    yield progress('read', name.base, opened, 0.05 * (opened / Math.max(1, total)));
  }
  const chosen = chooseTables(sources, options.tables ?? {}, log).flatMap((d) => (d.table ? [[d.source, d.table] as [Source, TableName]] : []));
  const raw: RawTable[] = [];
  let done = 0;
  for (const [src, table] of chosen) {
    const map = options.mapping?.[table];
    const read = src.read(table, readOptions(table, undefined, map), log);
    let r = read.next();
    while (!r.done) {
      yield progress('read', src.name, done + r.value, 0.05 + (READ_SHARE - 0.05) * ((done + r.value) / Math.max(1, total)));
      r = read.next();
    }
    const t = r.value ? applyMapping(r.value, map, log) : null;
    if (t) raw.push(t);
    else failed(table, src.name);
    done += src.bytes;
  }
  for (const t of Object.keys(options.mapping ?? {}) as TableName[]) {
    if (!chosen.some(([, table]) => table === t)) log.warn(t, null, null, null, `has a column mapping, but no file holds a ${t} table; the mapping is not used`);
  }
  const validate = validateSteps(raw, log, unreadable);
  const stages = 2 * raw.length + 3;
  let v = validate.next();
  let stage = 0;
  while (!v.done) {
    stage++;
    yield progress('validate', v.value, total, READ_SHARE + (1 - READ_SHARE) * Math.min(1, stage / stages));
    v = validate.next();
  }
  return v.value ? ok(v.value) : err({ problems: log.items, total: log.total, errors: log.errors });
}
