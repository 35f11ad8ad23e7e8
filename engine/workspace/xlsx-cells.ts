// Byte-level helpers of the worksheet reader: tag ends, one-letter attributes, cell references.

const QUOTE = 34;
const GT = 62;
const SLASH = 47;

export function isEnd(c: number): boolean {
  return c === 32 || c === GT || c === SLASH || c === 9 || c === 10 || c === 13;
}

/** Where the value of the one-letter attribute (`r`, `t`) in b[a, e) starts (after its quote), or -1. */
export function attrAt(b: Uint8Array, a: number, e: number, letter: number): number {
  for (let p = a; p + 3 < e; p++) {
    if (b[p] === letter && b[p + 1] === 61 && (b[p + 2] === QUOTE || b[p + 2] === 39) && isEnd(b[p - 1] as number)) return p + 3;
  }
  return -1;
}

/** The whole number at b[at] (up to 7 digits), or -1. */
export function digitsAt(b: Uint8Array, at: number): number {
  let v = 0;
  let p = at;
  for (; p < at + 8; p++) {
    const d = (b[p] as number) - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
  }
  return p > at && p < at + 8 ? v : -1;
}

/** The 0-based column of a cell reference like `AB12` at b[at]; `fallback` when it has no letters. */
export function columnAt(b: Uint8Array, at: number, fallback: number): number {
  let col = 0;
  let k = 0;
  for (; k < 4; k++) {
    const c = b[at + k] as number;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return k === 0 ? fallback : col - 1;
}

/** A cell's type from its `t` attribute: n (number), s (shared string), str, inlineStr, b, e, d. */
export function typeOf(b: Uint8Array, at: number): string {
  const c = b[at] as number;
  const next = b[at + 1] as number;
  if (c === 115) return next === QUOTE || next === 39 ? 's' : 'str';
  if (c === 110) return 'n';
  if (c === 98) return 'b';
  if (c === 101) return 'e';
  if (c === 100) return 'd';
  if (c === 105) return 'inlineStr';
  return 'str';
}

/** Column letters for messages: 0 → A, 27 → AB. */
export function letters(col: number): string {
  let s = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
