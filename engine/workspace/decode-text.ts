const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Where a text file's content starts, or why it is not UTF-8 we can read. */
export function textStart(bytes: Uint8Array): number | { rule: string } {
  if (utf16Encoding(bytes) !== null) return { rule: 'is UTF-16 text; save it as UTF-8 (with or without BOM)' };
  if (looksUtf16(bytes)) return { rule: 'looks like UTF-16 text without a byte order mark (every other byte is 0); save it as UTF-8, or as UTF-16 with its byte order mark' };
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/**
 * UTF-16 without a byte order mark: of the first bytes (up to 256), those on one parity are
 * mostly 0 and those on the other are not — ASCII text written two bytes a character. A CSV or
 * JSON file in UTF-8 has no 0 byte at all.
 */
function looksUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 256) & ~1;
  if (n < 4) return false;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  return (oddZero >= half * 0.6 && evenZero <= half * 0.1) || (evenZero >= half * 0.6 && oddZero <= half * 0.1);
}

/** The UTF-16 encoding a text's byte order mark names, or null without one. */
function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const b0 = bytes[0];
  const b1 = bytes[1];
  return b0 === 0xff && b1 === 0xfe ? 'utf-16le' : b0 === 0xfe && b1 === 0xff ? 'utf-16be' : null;
}

/**
 * A text file that starts with a UTF-16 byte order mark (Excel's "Unicode Text" saves so) as
 * UTF-8 bytes, so that every reader reads it as it reads UTF-8, line for line; any other file,
 * or UTF-16 that does not decode, as it is (the readers then say what is wrong with it).
 */
export function utf16AsUtf8(bytes: Uint8Array): Uint8Array {
  const encoding = utf16Encoding(bytes);
  if (encoding === null) return bytes;
  try {
    return new TextEncoder().encode(new TextDecoder(encoding, { fatal: true }).decode(bytes));
  } catch {
    return bytes;
  }
}

const WINDOW = 16 * 1024 * 1024;

/** The offset of the first byte of bytes[start..] that is not valid UTF-8, or -1 when all are. */
export function findInvalidUtf8(bytes: Uint8Array, start: number): number {
  if (isAscii(bytes, start)) return -1;
  for (let a = start; a < bytes.length; ) {
    let b = Math.min(bytes.length, a + WINDOW);
    // Cut before a character's first byte, never inside it.
    for (let k = 0; k < 3 && b < bytes.length && ((bytes[b] as number) & 0xc0) === 0x80; k++) b--;
    const text = decodeUtf8(bytes, a, b);
    if (typeof text !== 'string') return text.badByte;
    a = b;
  }
  return -1;
}

function isAscii(bytes: Uint8Array, start: number): boolean {
  let i = start;
  while (i < bytes.length && ((bytes.byteOffset + i) & 3) !== 0) if ((bytes[i++] as number) >= 128) return false;
  const words = (bytes.length - i) >> 2;
  // A 32-bit view needs an aligned offset even when empty: a short file may end before one.
  if (words === 0) {
    for (let k = i; k < bytes.length; k++) if ((bytes[k] as number) >= 128) return false;
    return true;
  }
  const w = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
  let acc = 0;
  for (let k = 0; k < words; k++) {
    acc |= w[k] as number;
    if ((k & 4095) === 4095 && (acc & 0x80808080) !== 0) return false;
  }
  if ((acc & 0x80808080) !== 0) return false;
  for (let k = i + words * 4; k < bytes.length; k++) if ((bytes[k] as number) >= 128) return false;
  return true;
}

/** Decodes bytes[start, end) as UTF-8; on invalid UTF-8, the offset of the first bad byte. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string | { badByte: number } {
  try {
    return decoder.decode(bytes.subarray(start, end));
  } catch {
    return { badByte: firstInvalidUtf8(bytes, start, end) };
  }
}

/** The problem text for invalid UTF-8 at `offset`, with the line it is on (1-based). */
export function invalidUtf8Problem(bytes: Uint8Array, offset: number): { line: number; rule: string } {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return {
    line,
    rule: `is not valid UTF-8 text (byte ${offset + 1} of the file); save it as UTF-8`,
  };
}

function firstInvalidUtf8(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = i + k < end ? (bytes[i + k] as number) : -1;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c < min || c > max) return i;
    }
    i += need + 1;
  }
  return start;
}
