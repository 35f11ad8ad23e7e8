import type { InputFile } from '../protocol';
import { err, ok, type Result } from '../util/result';
import { chooseTables } from './choose-tables';
import { helperShares, type CsvPartReader } from './csv-part';
import { MAX_FILE_BYTES, detectFormat, notTableJson, splitName, type FileFormat } from './formats';
import { applyMapping, readOptions, type ColumnMapping } from './mapping';
import { openFile } from './open-file';
import { ProblemLog, type ImportProblem } from './problems';
import type { RawTable } from './raw-table';
import { TABLE_NAMES, type TableName } from './schema';
import { SHARED, type ReadStep, type Source } from './source';
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
  /** Set on the steps of a CSV file shared with the helper thread (see WorkspaceProgress). */
  helper?: 'shared' | 'waiting';
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
  // Without a part reader no step waits.
  const steps = importSteps(files, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** A table being read: its source, its own problem log, and how far its reader is. */
interface Reading {
  src: Source;
  table: TableName;
  map: ColumnMapping[TableName];
  log: ProblemLog;
  read: Generator<ReadStep, RawTable | null, void>;
  /** Bytes read so far, as the reader last said. */
  at: number;
  /** The table (null: it has problems) once read; undefined before. */
  result: RawTable | null | undefined;
}

/** A step of an import that waits for a helper thread; the import goes on once `wait` resolves. */
export interface ImportWait {
  phase: 'wait';
  wait: Promise<void>;
  /** Where the import is while it waits. */
  progress: ImportProgress;
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
  /** A helper thread: once it is ready, a large import's CSV files are shared out between it and this thread (see helperShares). */
  parts?: CsvPartReader;
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
  const steps = importSteps(files, options, control.parts ?? null);
  let since = control.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (r.value.phase === 'wait') {
      control.progress?.(r.value.progress);
      await r.value.wait;
    } else if (control.now() - since < slice) {
      if (r.value.helper) control.progress?.(r.value);
      continue;
    } else {
      control.progress?.(r.value);
      await control.yieldToEvents();
    }
    if (control.cancelled()) return 'cancelled';
    since = control.now();
  }
}

/** The import as steps: it yields its progress after each bit of work and returns the result. */
export function* importSteps(
  files: InputFile[],
  options: ImportOptions = {},
  parts: CsvPartReader | null = null,
): Generator<ImportProgress | ImportWait, Result<Workspace, ImportFailure>, void> {
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
    } else if (format === 'json' && notTableJson(name.stem) !== null) {
      log.warn(name.base, null, null, name.base, `holds ${notTableJson(name.stem)}, not a table; ignored`);
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
  // CSV files go to the helper thread by the plan; each table is read into a log of its own,
  // taken in table order at the end, so problems come in the same order whoever read what.
  const csv = chosen.map(([src]) => src.format === 'csv');
  const shares = parts?.ready ? helperShares(chosen.map(([src], i) => (csv[i] ? src.bytes : 0)), parts.minBytes) : chosen.map(() => 0);
  const readings: Reading[] = chosen.map(([src, table], i) => {
    const map = options.mapping?.[table];
    const own = new ProblemLog(log.limit);
    const share = shares[i] as number;
    return { src, table, map, log: own, read: src.read(table, readOptions(table, undefined, map), own, parts && share > 0 ? { parts, share } : null), at: 0, result: undefined };
  });
  let done = 0;
  const drive = function* (rd: Reading, park: boolean): Generator<ImportProgress | ImportWait, boolean, void> {
    for (;;) {
      const r = rd.read.next();
      if (r.done) {
        rd.result = r.value;
        done += rd.src.bytes - rd.at;
        rd.at = rd.src.bytes;
        return true;
      }
      const step = r.value;
      if (typeof step === 'number') {
        done += step - rd.at;
        rd.at = step;
      }
      const fraction = 0.05 + (READ_SHARE - 0.05) * (done / Math.max(1, total));
      if (typeof step === 'number') yield progress('read', rd.src.name, done, fraction);
      else if (step === SHARED) yield { ...progress('read', `${rd.src.name} (part of it on a helper thread)`, done, fraction), helper: 'shared' };
      else if (park) return false;
      else yield { phase: 'wait', wait: step, progress: { ...progress('read', `${rd.src.name} (waiting for its part from the helper thread)`, done, fraction), helper: 'waiting' } };
    }
  };

  // A table waiting for its helper's part is put aside until every table has had this thread's
  // part read: the helper's parts are read meanwhile.
  const parked: Reading[] = [];
  for (const rd of readings) if (!(yield* drive(rd, true))) parked.push(rd);
  for (const rd of parked) yield* drive(rd, false);
  const raw: RawTable[] = [];
  for (const rd of readings) {
    const t = rd.result ? applyMapping(rd.result, rd.map, rd.log) : null;
    log.absorb(rd.log);
    if (t) raw.push(t);
    else failed(rd.table, rd.src.name);
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

