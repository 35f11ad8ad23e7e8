// Powers of ten that a double holds exactly (10^22 is the last one).
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];
const TWO_53 = 9007199254740992;
const decoder = new TextDecoder();

/**
 * Reads a plain decimal number (`-1.5`, `+2`, `.5`, `5.`, `1e-3`) from bytes in one pass,
 * correctly rounded: bit-identical to `Number()` on the same text. `end` is where the number
 * stops; the caller decides whether what follows may follow a number.
 */
export class DecimalScanner {
  end = 0;

  /** The longest number at b[start, limit): its value, or NaN when there is none. ±Infinity past the double range. */
  scan(b: Uint8Array, start: number, limit: number): number {
    let i = start;
    let c = i < limit ? (b[i] as number) : -1;
    let neg = false;
    if (c === 45) {
      neg = true;
      i++;
    } else if (c === 43) i++;
    let mant = 0;
    const intStart = i;
    while (i < limit) {
      const d = (b[i] as number) - 48;
      if (d < 0 || d > 9) break;
      mant = mant * 10 + d;
      i++;
    }
    let digits = i - intStart;
    let frac = 0;
    if (i < limit && b[i] === 46) {
      i++;
      const fracStart = i;
      while (i < limit) {
        const d = (b[i] as number) - 48;
        if (d < 0 || d > 9) break;
        mant = mant * 10 + d;
        i++;
      }
      frac = i - fracStart;
      digits += frac;
    }
    this.end = i;
    if (digits === 0) return NaN;
    let exp = 0;
    c = i < limit ? (b[i] as number) : -1;
    if (c === 101 || c === 69) {
      i++;
      c = i < limit ? (b[i] as number) : -1;
      const expNeg = c === 45;
      if (c === 45 || c === 43) i++;
      const expStart = i;
      while (i < limit) {
        const d = (b[i] as number) - 48;
        if (d < 0 || d > 9) break;
        if (exp < 1e9) exp = exp * 10 + d;
        i++;
      }
      this.end = i;
      if (i === expStart) return NaN;
      if (expNeg) exp = -exp;
    }
    if (mant === 0) return neg ? -0 : 0;
    // Clinger's fast path: an exact integer mantissa (< 2^53) times or over an exact power of ten
    // is a single correctly rounded operation.
    const e = exp - frac;
    if (mant < TWO_53 && e >= -22 && e <= 22) {
      const v = e < 0 ? mant / (POW10[-e] as number) : mant * (POW10[e] as number);
      return neg ? -v : v;
    }
    return Number(decoder.decode(b.subarray(start, i)));
  }
}

const whole = new DecimalScanner();

/**
 * Reads the bytes b[start, end) as a plain decimal number; anything else (hex, `Infinity`,
 * `NaN`, `1,5`, spaces, nothing) gives NaN, a number beyond the double range ±Infinity.
 */
export function parseDecimalBytes(b: Uint8Array, start: number, end: number): number {
  const v = whole.scan(b, start, end);
  return whole.end === end ? v : NaN;
}

let scratch = new Uint8Array(64);

/** parseDecimalBytes over s[start, end) (default: all of s). */
export function parseDecimal(s: string, start = 0, end = s.length): number {
  const n = end - start;
  if (n > scratch.length) scratch = new Uint8Array(Math.max(n, scratch.length * 2));
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(start + i);
    if (c > 127) return NaN;
    scratch[i] = c;
  }
  return parseDecimalBytes(scratch, 0, n);
}
