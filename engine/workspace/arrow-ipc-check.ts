// A damaged Arrow file can make apache-arrow allocate without bound (a vector length of millions
// read from a flipped byte), which no try/catch can stop. So before handing bytes to it we walk
// the IPC framing and every flatbuffer in it, and check each offset, length and count against
// the bytes actually there. Field slots follow Arrow's Message.fbs, Schema.fbs and File.fbs.

/** What checkArrowIpc says of a sound file whose buffers are compressed (LZ4 or ZSTD). */
export const COMPRESSED = 'compressed';

const MAX_DEPTH = 64;
const MAX_TABLES = 200_000;

/** Bounds-checked reads of one flatbuffer at b[start, end). Every check returns false when it fails. */
class Flatbuffer {
  private readonly dv: DataView;
  tables = 0;
  /** A record batch of it has compressed buffers. */
  compressed = false;

  constructor(
    readonly b: Uint8Array,
    readonly start: number,
    readonly end: number,
  ) {
    this.dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  has(p: number, n: number): boolean {
    return p >= this.start && p + n <= this.end;
  }

  u32(p: number): number {
    return this.has(p, 4) ? this.dv.getUint32(p, true) : -1;
  }

  /** The table an offset at p points to, or -1 when it or its vtable lies outside the buffer. */
  table(p: number): number {
    if (++this.tables > MAX_TABLES) return -1;
    const off = this.u32(p);
    if (off < 0) return -1;
    const t = p + off;
    if (!this.has(t, 4)) return -1;
    const vt = t - this.dv.getInt32(t, true);
    if (!this.has(vt, 4)) return -1;
    const vtSize = this.dv.getUint16(vt, true);
    const size = this.dv.getUint16(vt + 2, true);
    if (vtSize < 4 || vtSize % 2 !== 0 || !this.has(vt, vtSize) || !this.has(t, Math.max(4, size))) return -1;
    for (let s = 4; s < vtSize; s += 2) if (this.dv.getUint16(vt + s, true) >= Math.max(4, size)) return -1;
    return t;
  }

  /** Where field `slot` of table t is, 0 when absent. */
  field(t: number, slot: number): number {
    const vt = t - this.dv.getInt32(t, true);
    const at = 4 + 2 * slot;
    if (at >= this.dv.getUint16(vt, true)) return 0;
    const off = this.dv.getUint16(vt + at, true);
    return off === 0 ? 0 : t + off;
  }

  /** The vector an offset field points to: its first element and length, or null. */
  vector(p: number, elemSize: number): { at: number; n: number } | null {
    const off = this.u32(p);
    if (off < 0) return null;
    const v = p + off;
    const n = this.u32(v);
    return n < 0 || !this.has(v + 4, n * elemSize) ? null : { at: v + 4, n };
  }

  u8(p: number): number {
    return this.has(p, 1) ? (this.b[p] as number) : -1;
  }

  i32(p: number): number {
    return this.has(p, 4) ? this.dv.getInt32(p, true) : -1;
  }

  i64(p: number): number {
    return this.has(p, 8) ? this.dv.getUint32(p, true) + this.dv.getInt32(p + 4, true) * 2 ** 32 : -1;
  }
}

/** An optional offset field: absent, or pointing at something `check` accepts. */
function opt(fb: Flatbuffer, t: number, slot: number, check: (p: number) => boolean): boolean {
  const p = fb.field(t, slot);
  return p === 0 || check(p);
}

const str = (fb: Flatbuffer) => (p: number): boolean => fb.vector(p, 1) !== null;

function tables(fb: Flatbuffer, p: number, each: (t: number) => boolean): boolean {
  const v = fb.vector(p, 4);
  if (!v) return false;
  for (let i = 0; i < v.n; i++) {
    const t = fb.table(v.at + 4 * i);
    if (t < 0 || !each(t)) return false;
  }
  return true;
}

const keyValues = (fb: Flatbuffer) => (p: number): boolean =>
  tables(fb, p, (t) => opt(fb, t, 0, str(fb)) && opt(fb, t, 1, str(fb)));

function field(fb: Flatbuffer, t: number, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const typeType = fb.field(t, 2) === 0 ? 0 : fb.u8(fb.field(t, 2));
  const typeOk = opt(fb, t, 3, (p) => {
    const tt = fb.table(p);
    if (tt < 0) return false;
    if (typeType === 10) return opt(fb, tt, 1, str(fb));
    if (typeType === 14) return opt(fb, tt, 1, (q) => fb.vector(q, 4) !== null);
    return true;
  });
  return (
    typeOk &&
    opt(fb, t, 0, str(fb)) &&
    opt(fb, t, 4, (p) => {
      const d = fb.table(p);
      return d >= 0 && opt(fb, d, 1, (q) => fb.table(q) >= 0);
    }) &&
    opt(fb, t, 5, (p) => tables(fb, p, (c) => field(fb, c, depth + 1))) &&
    opt(fb, t, 6, keyValues(fb))
  );
}

function schema(fb: Flatbuffer, t: number): boolean {
  return (
    opt(fb, t, 1, (p) => tables(fb, p, (f) => field(fb, f, 0))) &&
    opt(fb, t, 2, keyValues(fb)) &&
    opt(fb, t, 3, (p) => fb.vector(p, 8) !== null)
  );
}

/** A record batch's nodes and buffers, each within `maxRows` rows and `bodyLength` bytes. */
function recordBatch(fb: Flatbuffer, t: number, bodyLength: number, maxRows: number): boolean {
  if (fb.field(t, 3) !== 0) fb.compressed = true;
  const length = fb.field(t, 0) === 0 ? 0 : fb.i64(fb.field(t, 0));
  if (length < 0 || length > maxRows) return false;
  const nodesOk = opt(fb, t, 1, (p) => {
    const v = fb.vector(p, 16);
    if (!v) return false;
    for (let i = 0; i < v.n; i++) {
      const n = fb.i64(v.at + 16 * i);
      const nulls = fb.i64(v.at + 16 * i + 8);
      if (n < 0 || n > maxRows || nulls < 0 || nulls > n) return false;
    }
    return true;
  });
  const buffersOk = opt(fb, t, 2, (p) => {
    const v = fb.vector(p, 16);
    if (!v) return false;
    for (let i = 0; i < v.n; i++) {
      const off = fb.i64(v.at + 16 * i);
      const len = fb.i64(v.at + 16 * i + 8);
      if (off < 0 || len < 0 || off + len > bodyLength) return false;
    }
    return true;
  });
  return nodesOk && buffersOk && opt(fb, t, 3, (p) => fb.table(p) >= 0) && opt(fb, t, 4, (p) => fb.vector(p, 8) !== null);
}

/** One Message flatbuffer at b[start, end): its kind and body length, or null when it is not sound. */
function message(
  b: Uint8Array,
  start: number,
  end: number,
  maxRows: number,
  bodyRoom: number,
): { kind: number; body: number; compressed: boolean } | null {
  const fb = new Flatbuffer(b, start, end);
  const m = fb.table(start);
  if (m < 0) return null;
  const body = fb.field(m, 3) === 0 ? 0 : fb.i64(fb.field(m, 3));
  if (body < 0 || body > bodyRoom) return null;
  const kind = fb.field(m, 1) === 0 ? 0 : fb.u8(fb.field(m, 1));
  const header = fb.field(m, 2);
  if (header === 0 || !opt(fb, m, 4, keyValues(fb))) return null;
  const h = fb.table(header);
  if (h < 0) return null;
  const sound =
    kind === 1
      ? schema(fb, h)
      : kind === 3
        ? recordBatch(fb, h, body, maxRows)
        : kind === 2 &&
          opt(fb, h, 1, (p) => {
            const rb = fb.table(p);
            return rb >= 0 && recordBatch(fb, rb, body, maxRows);
          });
  return sound ? { kind, body, compressed: fb.compressed } : null;
}

/** Where each message starts: its kind, and the lengths of its framed metadata and of its body. */
type Messages = Map<number, { kind: number; meta: number; body: number; compressed: boolean }>;

/** Walks a stream of messages from `p` to `end`; null when one of them is not sound. */
function stream(b: Uint8Array, p: number, end: number, maxRows: number): Messages | null {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const found: Messages = new Map();
  while (p + 4 <= end) {
    const at = p;
    let len = dv.getInt32(p, true);
    p += 4;
    if (len === -1) {
      if (p + 4 > end) return null;
      len = dv.getInt32(p, true);
      p += 4;
    }
    if (len === 0) return found;
    if (len < 0 || p + len > end) return null;
    const m = message(b, p, p + len, maxRows, end - p - len);
    if (!m) return null;
    found.set(at, { kind: m.kind, meta: p + len - at, body: m.body, compressed: m.compressed });
    p += len + m.body;
  }
  return p === end ? found : null;
}

const MAGIC = [65, 82, 82, 79, 87, 49];
const isMagic = (b: Uint8Array, p: number): boolean => MAGIC.every((c, i) => b[p + i] === c);

/**
 * Whether bytes hold a sound Arrow IPC file or stream: every offset, length and count inside the
 * bytes, and no batch longer than 8 rows per byte of the file. Null when sound, COMPRESSED when
 * sound but compressed (apache-arrow cannot read that), else why it is not sound.
 */
export function checkArrowIpc(b: Uint8Array): string | null {
  const maxRows = 8 * b.length + 1024;
  if (!isMagic(b, 0)) return verdict(stream(b, 0, b.length, maxRows));
  const n = b.length;
  if (n < 18 || !isMagic(b, n - 6)) return 'the end of the file is missing';
  const footerLen = new DataView(b.buffer, b.byteOffset, n).getInt32(n - 10, true);
  const footerStart = n - 10 - footerLen;
  if (footerLen <= 0 || footerStart < 8) return 'its footer is damaged';
  const messages = stream(b, 8, footerStart, maxRows);
  if (!messages || verdict(messages)) return verdict(messages);
  const fb = new Flatbuffer(b, footerStart, n - 10);
  const f = fb.table(footerStart);
  if (f < 0) return 'its footer is damaged';
  // Each block must name exactly a message found above, of the kind it claims.
  const blocks = (slot: number, kind: number): boolean =>
    opt(fb, f, slot, (p) => {
      const v = fb.vector(p, 24);
      if (!v) return false;
      for (let i = 0; i < v.n; i++) {
        const m = messages.get(fb.i64(v.at + 24 * i));
        if (!m || m.kind !== kind || m.meta !== fb.i32(v.at + 24 * i + 8) || m.body !== fb.i64(v.at + 24 * i + 16)) return false;
      }
      return true;
    });
  const schemaOk = opt(fb, f, 1, (p) => {
    const t = fb.table(p);
    return t >= 0 && schema(fb, t);
  });
  return schemaOk && blocks(2, 2) && blocks(3, 3) ? null : 'its footer is damaged';
}

function verdict(messages: Messages | null): string | null {
  if (!messages) return 'its messages are damaged or cut short';
  for (const m of messages.values()) {
    if (m.compressed) return COMPRESSED;
  }
  return null;
}
