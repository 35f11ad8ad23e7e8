import { Inflate } from 'fflate';

/** A file inside a zip archive, from its central directory, checked to lie inside the archive. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** The size it says it unpacks to: the most we will ever unpack. */
  size: number;
  /** Where its data starts in the archive. */
  dataStart: number;
}

const MAX_ENTRIES = 10_000;
/** Input fed to the inflater at once: bounds what one step can unpack (deflate expands at most ~1032×). */
const PUSH_BYTES = 64 * 1024;
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

const u16 = (b: Uint8Array, at: number): number => (b[at] as number) | ((b[at + 1] as number) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/**
 * The entries of a zip archive (an .xlsx workbook is one), from its central directory, or why it
 * cannot be read: not a zip, damaged, encrypted, Zip64, entries outside the archive.
 */
export function readZipDirectory(b: Uint8Array): Map<string, ZipEntry> | string {
  const n = b.length;
  let eocd = -1;
  for (let at = n - 22; at >= Math.max(0, n - 22 - 65535); at--) {
    if (b[at] === 0x50 && b[at + 1] === 0x4b && b[at + 2] === 5 && b[at + 3] === 6) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return 'it is not a zip archive (an .xlsx workbook is one), or it is cut short';
  const count = u16(b, eocd + 10);
  const dirSize = u32(b, eocd + 12);
  const dirStart = u32(b, eocd + 16);
  if (count === 0xffff || dirStart === 0xffffffff) return 'it is a Zip64 archive, which is not read; save the workbook again from Excel';
  if (count > MAX_ENTRIES) return `it holds ${count} files; a workbook holds far fewer`;
  if (dirStart + dirSize > eocd) return 'its directory lies outside the archive (damaged)';
  const entries = new Map<string, ZipEntry>();
  let p = dirStart;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || u32(b, p) !== 0x02014b50) return 'its directory is damaged';
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const compressedSize = u32(b, p + 20);
    const size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    const local = u32(b, p + 42);
    if (p + 46 + nameLen > eocd) return 'its directory is damaged';
    const name = decoder.decode(b.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) return 'it is password-protected; save it without a password';
    if (local + 30 > n || u32(b, local) !== 0x04034b50) return `the entry ${name} lies outside the archive (damaged)`;
    const dataStart = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    if (dataStart + compressedSize > n) return `the entry ${name} runs past the end of the archive (damaged or cut short)`;
    if (method !== 0 && method !== 8) return `the entry ${name} uses compression method ${method}; only stored and deflated entries are read`;
    entries.set(name, { name, method, compressedSize, size, dataStart });
  }
  return entries;
}

/**
 * Unpacks an entry in steps (it yields the bytes unpacked so far), never past the size its
 * directory states nor `maxSize`: a zip bomb stops at its declared size. The entry's bytes, or
 * why they cannot be had.
 */
export function* unzipEntry(b: Uint8Array, e: ZipEntry, maxSize: number): Generator<number, Uint8Array | string, void> {
  if (e.size > maxSize) return `its part ${e.name} unpacks to ${e.size} bytes; at most ${maxSize} are read`;
  const data = b.subarray(e.dataStart, e.dataStart + e.compressedSize);
  if (e.method === 0) {
    return e.compressedSize === e.size ? data : `its part ${e.name} is damaged (stored size differs)`;
  }
  const out = new Uint8Array(e.size);
  let at = 0;
  let over = false;
  const inflate = new Inflate((chunk) => {
    if (at + chunk.length > out.length) {
      over = true;
      out.set(chunk.subarray(0, out.length - at), at);
      at = out.length;
    } else {
      out.set(chunk, at);
      at += chunk.length;
    }
  });
  try {
    for (let p = 0; p < data.length && !over; p += PUSH_BYTES) {
      const end = Math.min(data.length, p + PUSH_BYTES);
      inflate.push(data.subarray(p, end), end === data.length);
      yield at;
    }
    if (data.length === 0) inflate.push(data, true);
  } catch (x) {
    return `its part ${e.name} is damaged (${x instanceof Error ? x.message : String(x)})`;
  }
  if (over) return `its part ${e.name} unpacks to more than the ${e.size} bytes it declares (damaged, or a zip bomb)`;
  if (at !== e.size) return `its part ${e.name} unpacks to ${at} bytes, not the ${e.size} it declares (damaged)`;
  return out;
}

/** unzipEntry in one go. */
export function unzipEntrySync(b: Uint8Array, e: ZipEntry, maxSize: number): Uint8Array | string {
  const steps = unzipEntry(b, e, maxSize);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
