import { Bool, Dictionary, Float, Int, Utf8, type DataType, type Table, type Vector } from 'apache-arrow';
import { readFloats, readStrings } from '../util/arrow-columns';

/**
 * CSV text of an Arrow table (RFC 4180): a header line, then one line per row, `\n` line ends.
 * A cell is quoted when it holds the delimiter, a quote, a line break or leading/trailing
 * spaces (readers trim unquoted cells); quotes inside are doubled. Nulls and NaN are empty
 * cells; numbers use JavaScript's shortest round-trip form, so parsing them back is exact.
 */
export function tableToCsv(table: Table, delimiter = ','): string {
  let out = '';
  for (const chunk of tableToCsvChunks(table, 65_536, delimiter)) out += chunk;
  return out;
}

/** The same text in pieces of at most `rowsPerChunk` rows (the first piece starts with the header). */
export function* tableToCsvChunks(table: Table, rowsPerChunk = 65_536, delimiter = ','): Generator<string> {
  const decoder = new TextDecoder();
  for (const bytes of tableToCsvBytes(table, rowsPerChunk, delimiter)) yield decoder.decode(bytes);
}

/**
 * The same text as UTF-8, in pieces of at most `rowsPerChunk` rows, each in memory of its own:
 * for files and transfers. Cells are written as bytes, text cells from their encoded dictionary
 * entries (a 1M run's 3.5M-row losses table, 233 MB: 3.8 s as lines of strings joined and
 * encoded, 2.3 s so; measured 2026-12-01 in one process, alternated).
 */
export function* tableToCsvBytes(
  table: Table,
  rowsPerChunk = 65_536,
  delimiter = ',',
  /** Text a spreadsheet would run as a formula gets a leading apostrophe (defuseFormula); false writes every text as it is, for files read back as data. */
  defuse = true,
): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  const names = table.schema.fields.map((f) => f.name);
  const sep = encoder.encode(delimiter);
  const numbers = new NumberWriter();
  const text = defuse ? defuseFormula : (s: string): string => s;
  const cells = names.map((name) => cellWriter(table.getChild(name), delimiter, encoder, numbers, text));
  const header = encoder.encode(names.map((n) => quoteCell(n, delimiter)).join(delimiter) + '\n');
  const n = table.numRows;
  if (n === 0) {
    yield header;
    return;
  }
  let rowMax = 1;
  for (const c of cells) rowMax += c.maxBytes + sep.length;
  const last = cells.length - 1;
  for (let start = 0; start < n; start += rowsPerChunk) {
    const end = Math.min(n, start + rowsPerChunk);
    const out = new ByteOut(Math.min((end - start) * Math.min(rowMax, 64), 1 << 26) + (start === 0 ? header.length : 0));
    if (start === 0) out.bytes(header);
    for (let i = start; i < end; i++) {
      out.room(rowMax);
      for (let c = 0; c < last; c++) {
        (cells[c] as CellWriter).write(out, i);
        out.bytes(sep);
      }
      if (last >= 0) (cells[last] as CellWriter).write(out, i);
      out.buf[out.at++] = 10;
    }
    yield out.buf.subarray(0, out.at);
  }
}

/** What a TextEncoder does here. */
interface Utf8Encoder {
  encode(text: string): Uint8Array;
}

/** Bytes written in place, with room made before each row. */
class ByteOut {
  buf: Uint8Array;
  at = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(64, capacity));
  }

  room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    const at = this.at;
    if (b.length < 16) for (let k = 0; k < b.length; k++) this.buf[at + k] = b[k] as number;
    else this.buf.set(b, at);
    this.at = at + b.length;
  }
}

/** Writes row i's cell (within maxBytes: the row's room is made before its cells). */
interface CellWriter {
  maxBytes: number;
  write(out: ByteOut, i: number): void;
}

/** The longest shortest-round-trip float64 text: "-1.2345678901234567e-308". */
const NUMBER_BYTES = 24;

/**
 * numberCell's text as bytes: integers of 32 bits digit by digit, other values through String
 * (ASCII), whose text is kept in a table of recent values: String is most of the cost of a
 * number, and result tables repeat values (a loss edge's amount is mostly its impact too; a node's
 * external value moves at few steps).
 */
class NumberWriter {
  private readonly keys = new Float64Array(NUMBER_CACHE).fill(NaN);
  private readonly texts = new Array<string>(NUMBER_CACHE).fill('');
  private readonly bits = new Float64Array(1);
  private readonly words = new Int32Array(this.bits.buffer);

  write(out: ByteOut, x: number): void {
    if (x !== x) return;
    if (x === (x | 0)) {
      writeInt(out, x | 0);
      return;
    }
    this.bits[0] = x;
    const slot = (Math.imul((this.words[0] as number) ^ (this.words[1] as number), 0x9e3779b1) >>> (32 - NUMBER_CACHE_BITS)) as number;
    let s: string;
    if (this.keys[slot] === x) s = this.texts[slot] as string;
    else {
      s = String(x);
      this.keys[slot] = x;
      this.texts[slot] = s;
    }
    const buf = out.buf;
    let at = out.at;
    for (let k = 0; k < s.length; k++) buf[at++] = s.charCodeAt(k);
    out.at = at;
  }
}

const NUMBER_CACHE_BITS = 16;
const NUMBER_CACHE = 1 << NUMBER_CACHE_BITS;

function writeInt(out: ByteOut, value: number): void {
  const buf = out.buf;
  let at = out.at;
  let v = value;
  if (v < 0) {
    buf[at++] = 45;
    // −2^31 has no int32 negation: its digits written out.
    if (v === -2147483648) {
      for (const ch of '2147483648') buf[at++] = ch.charCodeAt(0);
      out.at = at;
      return;
    }
    v = -v;
  }
  let digits = 1;
  for (let t = v; t >= 10; t = (t / 10) | 0) digits++;
  for (let k = at + digits - 1; k >= at; k--) {
    const q = (v / 10) | 0;
    buf[k] = 48 + v - q * 10;
    v = q;
  }
  out.at = at + digits;
}

/** Quotes a text cell when a CSV reader could misread it. */
export function quoteCell(s: string, delimiter = ','): string {
  let needs = s.length > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32);
  if (!needs) {
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch === delimiter || ch === '"' || ch === '\n' || ch === '\r') {
        needs = true;
        break;
      }
    }
  }
  return needs ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Text that a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading
 * apostrophe: ids come from user files, and result CSVs are opened in Excel (OWASP CSV injection).
 */
export function defuseFormula(s: string): string {
  const c = s.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${s}` : s;
}

/** A number as CSV text: empty for NaN, shortest round-trip otherwise. */
export function numberCell(x: number): string {
  if (Number.isNaN(x)) return '';
  return Object.is(x, -0) ? '0' : String(x);
}

function cellWriter(v: Vector | null, delimiter: string, encoder: Utf8Encoder, numbers: NumberWriter, text: (s: string) => string): CellWriter {
  if (!v) return { maxBytes: 0, write: () => undefined };
  const type = v.type as DataType;
  if (type instanceof Dictionary || type instanceof Utf8) {
    const { codes, dict } = readStrings(v);
    return dictionaryWriter(codes, dict, delimiter, encoder, text);
  }
  if (type instanceof Float || (type instanceof Int && type.bitWidth <= 32)) {
    const values = readNumbers(v);
    // A writer each for the two kinds of array: one closure over both made its reads polymorphic.
    if (values instanceof Int32Array) return { maxBytes: NUMBER_BYTES, write: (out, i) => writeInt(out, values[i] as number) };
    return { maxBytes: NUMBER_BYTES, write: (out, i) => numbers.write(out, values[i] as number) };
  }
  if (type instanceof Bool) {
    const state = readBools(v);
    const text = [encoder.encode('false'), encoder.encode('true')];
    return {
      maxBytes: 5,
      write: (out, i) => {
        const b = state[i] as number;
        if (b < 2) out.bytes(text[b] as Uint8Array);
      },
    };
  }
  // Other types (none in the result tables): each cell's text encoded on its own.
  const texts: Uint8Array[] = [];
  let maxBytes = 0;
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v.get(i);
    const s = x === null || x === undefined ? '' : typeof x === 'number' ? numberCell(x) : quoteCell(text(String(x)), delimiter);
    const e = encoder.encode(s);
    texts.push(e);
    maxBytes = Math.max(maxBytes, e.length);
  }
  return { maxBytes, write: (out, i) => out.bytes(texts[i] as Uint8Array) };
}

/**
 * A text column's cells from its dictionary: each entry quoted (and defused), then encoded once,
 * when a row first uses it (a result table's ids may come from a dictionary of every position).
 */
function dictionaryWriter(codes: Int32Array, dict: readonly string[], delimiter: string, encoder: Utf8Encoder, defuse: (s: string) => string): CellWriter {
  const start = new Int32Array(dict.length).fill(-1);
  const length = new Int32Array(dict.length);
  let pool = new Uint8Array(4096);
  let used = 0;
  let longest = 0;
  for (const s of dict) longest = Math.max(longest, s.length);
  const encode = (c: number): number => {
    const text = quoteCell(defuse(dict[c] as string), delimiter);
    let bytes: Uint8Array | null = null;
    for (let k = 0; k < text.length; k++) {
      if (text.charCodeAt(k) > 127) {
        bytes = encoder.encode(text);
        break;
      }
    }
    const n = bytes ? bytes.length : text.length;
    if (used + n > pool.length) {
      const next = new Uint8Array(Math.max(pool.length * 2, used + n));
      next.set(pool.subarray(0, used));
      pool = next;
    }
    if (bytes) pool.set(bytes, used);
    else for (let k = 0; k < n; k++) pool[used + k] = text.charCodeAt(k);
    start[c] = used;
    length[c] = n;
    used += n;
    return used - n;
  };
  return {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; quoting at most doubles a text and adds 2.
    maxBytes: 6 * longest + 3,
    write: (out, i) => {
      const c = codes[i] as number;
      if (c < 0) return;
      let from = start[c] as number;
      if (from < 0) from = encode(c);
      const n = length[c] as number;
      const buf = out.buf;
      const at = out.at;
      if (n < 32) for (let k = 0; k < n; k++) buf[at + k] = pool[from + k] as number;
      else buf.set(pool.subarray(from, from + n), at);
      out.at = at + n;
    },
  };
}

/** A numeric column's values (nulls as NaN): Int32 chunks read as they are, the rest as float64. */
function readNumbers(v: Vector): Float64Array | Int32Array {
  const d = v.data[0];
  if (v.data.length === 1 && v.nullCount === 0 && d && d.offset === 0 && d.values instanceof Int32Array && d.values.length >= v.length) return d.values.subarray(0, v.length);
  return readFloats(v);
}

/** A Bool column as 0 (false), 1 (true) or 2 (null) per row, from its bitmaps. */
function readBools(v: Vector): Uint8Array {
  const out = new Uint8Array(v.length);
  let row = 0;
  for (const d of v.data) {
    const bits = d.values as Uint8Array;
    const valid = d.nullCount > 0 ? d.nullBitmap : undefined;
    for (let k = 0; k < d.length; k++) {
      const at = d.offset + k;
      out[row++] = valid && !(((valid[at >> 3] as number) >> (at & 7)) & 1) ? 2 : ((bits[at >> 3] as number) >> (at & 7)) & 1;
    }
  }
  return out;
}
