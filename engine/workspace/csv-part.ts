import { CsvColumns, rowBytes } from './csv-columns';
import { CsvFastPath } from './csv-fast';
import { findInvalidUtf8 } from './decode-text';
import type { NumberSummary } from './raw-table';

const LF = 10;
/**
 * Below this many bytes of CSV in all an import reads alone: a helper thread started for the
 * import reads its first parts at about half speed (its code is not yet optimised for them),
 * and below ~28 MB that costs more than it saves (measured on 14, 28 and 73 MB workspaces).
 */
export const SPLIT_MIN_BYTES = 32 << 20;
/**
 * Logical processors from which the engine shares CSV files with a helper thread. With the
 * WebAssembly scanner one thread reads 150–220 MB/s here, and on this 2-processor machine a
 * second thread no longer paid (engine worker, imports after a preview against the same worker
 * alone, 2026-12-01: 73 MB best 583–658 ms helped against 412–593 alone at the helper's share of
 * 0.42, 392–587 against 360–563 at 0.3; 219 MB 1,618–2,909 against 1,691–2,380) — nor has the
 * helper a processor of its own there, with the app's window on the other.
 */
export const HELPER_MIN_CORES = 4;

/** The split size (csvPartClient's minBytes) for a machine of `cores` logical processors: never below HELPER_MIN_CORES. */
export function splitMinBytes(cores: number): number {
  return cores >= HELPER_MIN_CORES ? SPLIT_MIN_BYTES : Infinity;
}

/** A smaller file or part is not worth a message to the helper. */
const MIN_PART_BYTES = 1 << 20;

/** How to read a part: the file's delimiter and, per column, whether it holds numbers (1) or text (0). */
export interface CsvPartSpec {
  delim: number;
  numeric: Uint8Array;
}

export interface CsvPartNumbers {
  kind: 'number';
  values: Float64Array;
  invalid: { row: number; text: string }[];
  /** The values' bounds as the part's reader counted them (see NumberSummary), if it could. */
  summary?: NumberSummary;
}

/** Codes into the part's own dictionary (value c is data[offsets[c], offsets[c + 1])), -1 for empty. */
export interface CsvPartStrings {
  kind: 'string';
  codes: Int32Array;
  offsets: Int32Array;
  data: Uint8Array;
  sorted: boolean;
  distinct: boolean;
}

/** The records of a part of a CSV file, read as the whole file's reader would read them. */
export interface CsvPart {
  rows: number;
  /** Each row's line, counted from 0 at the part's first line. */
  lines: Int32Array;
  columns: (CsvPartNumbers | CsvPartStrings)[];
}

/** The helper and the share of one file it reads (see helperShares). */
export interface HelperShare {
  parts: CsvPartReader;
  share: number;
}

/** Reads parts of CSV files on another thread (see csv-part-serve.ts); null when it cannot. */
export interface CsvPartReader {
  /** The thread is started and its code warmed up: only then is a part worth sending. */
  ready: boolean;
  /**
   * Starts the thread if it is not started. Given the bytes of CSV an import is about to read
   * (the preview's files), it also has the thread page in shared memory for the parts it will be
   * sent, which `room` then lends: the part's copy costs this thread no page faults (~15 of
   * ~20 ms for 30 MB measured here).
   */
  warm(csvBytes?: number): void;
  /** `bytes` of the memory warm() had paged in, or null when not that much is left. */
  room(bytes: number): Uint8Array | null;
  /** Imports with fewer bytes of CSV than this are read on one thread. */
  minBytes: number;
  /** Reads a part; `space` (see partSpace) is where its columns are laid out. */
  read(bytes: Uint8Array, spec: CsvPartSpec, space?: ArrayBufferLike): Promise<CsvPart | null>;
  /** Stops the thread (what is pending answers null); warm() starts a new one. */
  release(): void;
}

/**
 * The helper's share of an import's bytes. It is started for each import (at the preview) and
 * reads its first parts slower than the engine's thread, whose code is warm: 272–423 ms against
 * 220–244 for the same 30 MB of positions here (2026-12-01). At half, the engine's thread then
 * waited for it after every import; at 0.42 the two finished together or nearly (worker imports
 * to compiling, 9 against 9 alternated: median 609 against 695 ms).
 */
export const HELPER_SHARE = 0.42;

/**
 * How much of each CSV file (by size, in import order) the helper reads, so that it gets about
 * HELPER_SHARE of the bytes: 1 = the whole file, a fraction = that share at the file's end,
 * 0 = none. Files go whole to the helper, largest first, while they fit in its share; the
 * largest file is cut to fill the rest.
 */
export function helperShares(sizes: readonly number[], minBytes = SPLIT_MIN_BYTES): number[] {
  const shares = sizes.map(() => 0);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total < minBytes || sizes.length === 0) return shares;
  const order = sizes.map((_, i) => i).sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
  const largest = order[0] as number;
  let room = total * HELPER_SHARE;
  for (const i of order.slice(1)) {
    const size = sizes[i] as number;
    if (size < MIN_PART_BYTES || size > room) continue;
    shares[i] = 1;
    room -= size;
  }
  if (room >= MIN_PART_BYTES) shares[largest] = room / (sizes[largest] as number);
  return shares;
}

/**
 * Where the helper's part of a file starts: the start of the line about `share` of the records
 * from the end (`start` itself for the whole file), or -1 for none. A record spans the cut only
 * through a quoted line break, whose closing quote is then in the part: the helper refuses a
 * part with a quote (readCsvPart), and this thread reads it itself. (The whole file was once
 * searched for a quote here first: ~40 ms on a 60 MB file before the helper could start.)
 */
export function cutPoint(bytes: Uint8Array, start: number, share: number): number {
  const n = bytes.length;
  if (share <= 0 || start >= n) return -1;
  if (share >= 1) return start;
  const lf = bytes.indexOf(LF, start + Math.floor((n - start) * (1 - share)));
  return lf < 0 || lf + 1 >= n ? -1 : lf + 1;
}

/**
 * Reads a part that holds only records the fast path reads (one line each, no quotes, as many
 * cells as the header, no blank line) and only valid UTF-8; null otherwise (the whole file's
 * reader then reads it itself, and reports what it finds).
 */
export function readCsvPart(bytes: Uint8Array, spec: CsvPartSpec, space?: ArrayBufferLike): CsvPart | null {
  const ncols = spec.numeric.length;
  const numeric = Array.from(spec.numeric, (x) => x === 1);
  const cols = new CsvColumns(
    numeric.map((_, j) => `column ${j + 1}`),
    numeric,
    partRows(bytes),
    space,
  );
  const fast = new CsvFastPath(bytes, spec.delim, ncols);
  const run = fast.run(0, bytes.length, Infinity, cols, 0);
  if (run.pos < bytes.length) return null;
  if (fast.nonAscii && findInvalidUtf8(bytes, 0) >= 0) return null;
  return cols.part();
}

/** Rows to make room for in bytes[pos…]: from the length of the first line there, with a margin (the columns grow if needed). */
export function partRows(bytes: Uint8Array, pos = 0): number {
  const lf = bytes.indexOf(LF, pos);
  const lineBytes = Math.max(8, (lf < 0 ? bytes.length : lf + 1) - pos);
  return Math.ceil(((bytes.length - pos) / lineBytes) * 1.1) + 16;
}

/**
 * Room for a part's columns, made by the engine and shared with the helper, which lays the
 * columns out in it: the memory belongs to the engine's thread (memory a helper thread
 * allocates stays with the process after the thread ends). Shared, never transferred — the
 * engine's thread must not detach a buffer (see serve.ts) — so only where SharedArrayBuffer
 * exists (Node; a browser only when cross-origin isolated); elsewhere the helper makes its own.
 */
export function partSpace(bytes: Uint8Array, numeric: Uint8Array): SharedArrayBuffer | undefined {
  return typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(partRows(bytes) * rowBytes(numeric)) : undefined;
}

/**
 * bytes[from…] as the helper is sent them: copied once into shared memory where it exists (into
 * `room` when it lends some), else a copy that the message copies again.
 */
export function partBytes(bytes: Uint8Array, from: number, room: (n: number) => Uint8Array | null = () => null): Uint8Array {
  if (typeof SharedArrayBuffer !== 'function') return bytes.slice(from);
  const out = room(bytes.length - from) ?? new Uint8Array(new SharedArrayBuffer(bytes.length - from));
  out.set(bytes.subarray(from));
  return out;
}

/** The buffers of a part's own arrays, which the helper transfers back (shared room is not one of them). */
export function partBuffers(part: CsvPart): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const own = (b: ArrayBufferLike): void => {
    if (b instanceof ArrayBuffer) out.add(b);
  };
  own(part.lines.buffer);
  for (const c of part.columns) {
    if (c.kind === 'number') own(c.values.buffer);
    else for (const a of [c.codes, c.offsets, c.data]) own(a.buffer);
  }
  return [...out];
}

/** A part as it arrives from another thread, checked; null when it is not one. */
export function narrowCsvPart(x: unknown, ncols: number): CsvPart | null {
  if (!isRecord(x) || typeof x.rows !== 'number' || !(x.lines instanceof Int32Array) || !Array.isArray(x.columns)) return null;
  const rows = x.rows;
  if (x.lines.length !== rows || x.columns.length !== ncols) return null;
  const columns: CsvPart['columns'] = [];
  for (const c of x.columns as unknown[]) {
    if (!isRecord(c)) return null;
    if (c.kind === 'number' && c.values instanceof Float64Array && c.values.length === rows && Array.isArray(c.invalid)) {
      const invalid: CsvPartNumbers['invalid'] = [];
      for (const v of c.invalid as unknown[]) {
        if (!isRecord(v) || typeof v.row !== 'number' || typeof v.text !== 'string') return null;
        invalid.push({ row: v.row, text: v.text });
      }
      const summary = narrowSummary(c.summary);
      columns.push(summary ? { kind: 'number', values: c.values, invalid, summary } : { kind: 'number', values: c.values, invalid });
    } else if (
      c.kind === 'string' &&
      c.codes instanceof Int32Array &&
      c.codes.length === rows &&
      c.offsets instanceof Int32Array &&
      c.offsets.length > 0 &&
      codesWithin(c.codes, c.offsets.length - 1) &&
      c.data instanceof Uint8Array &&
      typeof c.sorted === 'boolean' &&
      typeof c.distinct === 'boolean'
    ) {
      columns.push({ kind: 'string', codes: c.codes, offsets: c.offsets, data: c.data, sorted: c.sorted, distinct: c.distinct });
    } else return null;
  }
  return { rows, lines: x.lines, columns };
}

function narrowSummary(x: unknown): NumberSummary | null {
  if (!isRecord(x)) return null;
  const { min, max, empty, fractional } = x;
  return typeof min === 'number' && typeof max === 'number' && typeof empty === 'number' && typeof fractional === 'number' ? { min, max, empty, fractional } : null;
}

function codesWithin(codes: Int32Array, size: number): boolean {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    if (c < -1 || c >= size) return false;
  }
  return true;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}
