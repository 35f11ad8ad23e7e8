/** FNV-1a over a value's bytes: start from HASH_SEED, then h = Math.imul(h ^ byte, HASH_PRIME). */
export const HASH_SEED = 0x811c9dc5 | 0;
export const HASH_PRIME = 0x01000193;
// The inverse of HASH_PRIME modulo 2^32: it undoes the last step of the hash.
const HASH_PRIME_INVERSE = 0x359c449b;
/** Smaller tables (slots − 1) stay in the cache anyway, and have too few blocks to share out evenly. */
const BLOCKED = (1 << 16) - 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function hashOf(bytes: Uint8Array, a: number, b: number): number {
  let h = HASH_SEED;
  for (let i = a; i < b; i++) h = Math.imul(h ^ (bytes[i] as number), HASH_PRIME);
  return h;
}

function mix(x: number): number {
  const h = Math.imul(x, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * A value's first slot: a block of 64 slots (one cache line of tags) chosen by all its bytes but
 * the last, a place in the block by all of them. Ids that differ only in their last character
 * (p1000, p1001, …) share a block, so a million sequential ids touch memory in order, not at random.
 * When values crowd their blocks instead (long probes), `spread` places them by the whole hash.
 */
function home(h: number, prefix: number, mask: number, spread: boolean): number {
  return spread || mask < BLOCKED ? h & mask : ((prefix << 6) | (h & 63)) & mask;
}

/** A dictionary's values as UTF-8: value c is data[offsets[c], offsets[c + 1]). */
export interface Utf8Values {
  offsets: Int32Array;
  data: Uint8Array;
}

/**
 * Dictionary-encodes cells straight from UTF-8 bytes: a repeated value costs a hash and a
 * compare, a new one a copy of its bytes. Strings are made once, at the end. Values are trimmed
 * like `String.prototype.trim`; an empty value is -1. Codes follow first appearance, as
 * DictBuilder's do.
 *
 * While every new value sorts after the one before (ids written in order, the usual case) no
 * hash table is kept at all: a value is new exactly when it sorts after the last one, equal to
 * it when it repeats it, and the table is built the first time a value sorts before the last.
 */
export class ByteDict {
  // Open addressing in two arrays: a one-byte tag per slot (0 = free) that rules out almost every
  // mismatch without leaving the cache, and the code in the slot, read only when the tag matches.
  // Linear probing from the value's home slot (see home()).
  private tags = new Uint8Array(128);
  private slotCodes = new Int32Array(128);
  private mask = 127;
  private hashes = new Int32Array(64);
  /** Per code, the hash of its bytes but the last: it picks the value's block of slots. */
  private prefixes = new Int32Array(64);
  /** The bytes of every value, back to back; value c is arena[offsets[c], offsets[c + 1]). */
  private arena = new Uint8Array(1024);
  private arenaView = new DataView(this.arena.buffer);
  /** The bytes sortedCode last read, and a view of them. */
  private inBytes: Uint8Array | null = null;
  private inView: DataView = new DataView(new ArrayBuffer(0));
  private offsets = new Int32Array(65);
  private arenaAscii = true;
  /** Slots probed past their home by the inserts since the last rehash. */
  private probes = 0;
  /** Whether values are placed by their whole hash (see home()). */
  private spread = false;
  /** Every value so far sorts after the one before it, or repeats it; the hash table is not kept. */
  sorted = true;
  /** Every value so far was coded once: no cell repeated another's value. */
  distinct = true;
  size = 0;

  /** The code of bytes[a, b) (valid UTF-8), trimmed. */
  code(bytes: Uint8Array, a: number, b: number): number {
    if (a === b) return -1;
    const first = bytes[a] as number;
    const last = bytes[b - 1] as number;
    if (first <= 32 || first >= 127 || last <= 32 || last >= 127) return this.codeOf(decoder.decode(bytes.subarray(a, b)));
    return this.codeTrimmed(bytes, a, b);
  }

  /** The code of a string, trimmed. */
  codeOf(text: string): number {
    const t = text.trim();
    if (t === '') return -1;
    const enc = encoder.encode(t);
    return this.codeTrimmed(enc, 0, enc.length);
  }

  /** The code of a value already known to be non-empty and trimmed. */
  private codeTrimmed(bytes: Uint8Array, a: number, b: number): number {
    if (this.sorted) {
      const c = this.sortedCode(bytes, a, b);
      if (c >= 0) return c;
      this.buildTable();
    }
    return this.lookup(bytes, a, b, hashOf(bytes, a, b), true);
  }

  /**
   * Sorted mode: the value's code if it sorts after the last value (then it is new) or repeats
   * it; -1 when it sorts before (the table is needed). One pass copies the value to where it
   * would go while comparing it with the last one.
   */
  private sortedCode(bytes: Uint8Array, a: number, b: number): number {
    const c = this.size;
    const offsets = this.offsets;
    const at = offsets[c] as number;
    const len = b - a;
    if (at + len > this.arena.length) this.growArena(at + len);
    const arena = this.arena;
    const from = c > 0 ? (offsets[c - 1] as number) : 0;
    const shared = c > 0 ? Math.min(len, at - from) : 0;
    let order = c > 0 ? 0 : 1;
    let or = 0;
    let i = 0;
    // Four bytes at a time while they match the last value (ids share long prefixes). Bytes equal
    // to the last value's are in the arena already: its ASCII flag has seen them.
    if (shared >= 4) {
      if (this.inBytes !== bytes) {
        this.inBytes = bytes;
        this.inView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      }
      const src = this.inView;
      const dst = this.arenaView;
      for (; i + 4 <= shared; i += 4) {
        const x = src.getInt32(a + i, true);
        const y = dst.getInt32(from + i, true);
        if (x !== y) break;
        dst.setInt32(at + i, x, true);
      }
    }
    for (; i < shared; i++) {
      const x = bytes[a + i] as number;
      arena[at + i] = x;
      or |= x;
      const d = x - (arena[from + i] as number);
      if (d !== 0) {
        order = d;
        i++;
        break;
      }
    }
    if (order === 0) order = len - (at - from);
    if (order < 0) return -1;
    if (order === 0) {
      this.distinct = false;
      return c - 1;
    }
    for (; i < len; i++) {
      const x = bytes[a + i] as number;
      arena[at + i] = x;
      or |= x;
    }
    if (or >= 128) this.arenaAscii = false;
    if (c + 2 > offsets.length) this.growOffsets();
    this.offsets[c + 1] = at + len;
    this.size = c + 1;
    return c;
  }

  /**
   * Takes in the values of a dictionary built over the cells that follow this one's (another
   * part of the same column), in its code order: returns each of its codes' code here. Codes,
   * `sorted` and `distinct` end as if this dictionary had read those cells itself.
   */
  absorb(values: Utf8Values, sorted: boolean, distinct: boolean): Int32Array {
    const { offsets, data } = values;
    const n = offsets.length - 1;
    const codes = new Int32Array(Math.max(0, n));
    if (n > 0 && sorted && this.sorted && (this.size === 0 || this.compare(data, offsets[0] as number, offsets[1] as number, this.size - 1) > 0)) {
      // Every value sorts after this one's last (ids in order): they are all new, in order.
      this.appendAll(values);
      for (let c = 0; c < n; c++) codes[c] = this.size - n + c;
      if (!distinct) this.distinct = false;
      return codes;
    }
    for (let c = 0; c < n; c++) codes[c] = this.codeTrimmed(data, offsets[c] as number, offsets[c + 1] as number);
    // Values new in code order can still have come in a different order as cells (a, b, a).
    if (!sorted && this.sorted) this.buildTable();
    if (!distinct) this.distinct = false;
    return codes;
  }

  /** The code of bytes[a, b) if the value is in the dictionary (compared as is, not trimmed), else -1. */
  find(bytes: Uint8Array, a: number, b: number): number {
    if (a === b) return -1;
    if (!this.sorted) return this.lookup(bytes, a, b, hashOf(bytes, a, b), false);
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const order = this.compare(bytes, a, b, mid);
      if (order === 0) return mid;
      if (order > 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The sign of bytes[a, b) compared with value c, bytewise (UTF-8 order is code point order). */
  compare(bytes: Uint8Array, a: number, b: number, c: number): number {
    const arena = this.arena;
    const from = this.offsets[c] as number;
    const to = this.offsets[c + 1] as number;
    const n = Math.min(b - a, to - from);
    for (let i = 0; i < n; i++) {
      const d = (bytes[a + i] as number) - (arena[from + i] as number);
      if (d !== 0) return d;
    }
    return b - a - (to - from);
  }

  private lookup(bytes: Uint8Array, a: number, b: number, hash: number, insert: boolean): number {
    const h = mix(hash ^ (b - a));
    const tag = (h >>> 25) | 0x80;
    const tags = this.tags;
    const mask = this.mask;
    const prefix = mix(Math.imul(hash, HASH_PRIME_INVERSE) ^ (bytes[b - 1] as number) ^ (b - a));
    let slot = home(h, prefix, mask, this.spread);
    let steps = 0;
    for (;;) {
      const t = tags[slot] as number;
      if (t === 0) break;
      if (t === tag) {
        const c = this.slotCodes[slot] as number;
        if (this.same(c, bytes, a, b)) return c;
      }
      slot = (slot + 1) & mask;
      steps++;
    }
    if (!insert) return -1;
    this.probes += steps;
    const c = this.size;
    this.append(bytes, a, b);
    this.fitHashes(c + 1);
    this.hashes[c] = h;
    this.prefixes[c] = prefix;
    tags[slot] = tag;
    this.slotCodes[slot] = c;
    if ((c + 1) * 4 > mask * 3) this.rehash();
    return c;
  }

  private same(c: number, bytes: Uint8Array, a: number, b: number): boolean {
    const from = this.offsets[c] as number;
    if ((this.offsets[c + 1] as number) - from !== b - a) return false;
    const arena = this.arena;
    for (let i = a; i < b; i++) if (arena[from + i - a] !== bytes[i]) return false;
    return true;
  }

  private append(bytes: Uint8Array, a: number, b: number): void {
    const c = this.size;
    const at = this.offsets[c] as number;
    const end = at + (b - a);
    if (end > this.arena.length) this.growArena(end);
    const arena = this.arena;
    let or = 0;
    for (let i = a; i < b; i++) {
      const x = bytes[i] as number;
      arena[at + i - a] = x;
      or |= x;
    }
    if (or >= 128) this.arenaAscii = false;
    if (c + 2 > this.offsets.length) this.growOffsets();
    this.offsets[c + 1] = end;
    this.size = c + 1;
  }

  /** Appends values known to be new, trimmed and in sorted order after the last one. */
  private appendAll(values: Utf8Values): void {
    const { offsets, data } = values;
    const n = offsets.length - 1;
    const from = offsets[0] as number;
    const bytes = (offsets[n] as number) - from;
    const at = this.offsets[this.size] as number;
    if (at + bytes > this.arena.length) this.growArena(at + bytes);
    const added = data.subarray(from, from + bytes);
    this.arena.set(added, at);
    if (this.arenaAscii) for (let i = 0; i < bytes; i++) if ((added[i] as number) >= 128) this.arenaAscii = false;
    while (this.size + n + 1 > this.offsets.length) this.growOffsets();
    const shift = at - from;
    for (let c = 1; c <= n; c++) this.offsets[this.size + c] = (offsets[c] as number) + shift;
    this.size += n;
  }

  private growArena(need: number): void {
    const grown = new Uint8Array(Math.max(need, this.arena.length * 2));
    grown.set(this.arena.subarray(0, this.offsets[this.size] as number));
    this.arena = grown;
    this.arenaView = new DataView(grown.buffer);
  }

  private growOffsets(): void {
    const grown = new Int32Array(this.offsets.length * 2);
    grown.set(this.offsets);
    this.offsets = grown;
  }

  private fitHashes(n: number): void {
    if (n <= this.hashes.length) return;
    const size = Math.max(n, this.hashes.length * 2);
    const grown = new Int32Array(size);
    grown.set(this.hashes);
    this.hashes = grown;
    const prefixes = new Int32Array(size);
    prefixes.set(this.prefixes);
    this.prefixes = prefixes;
  }

  /** Leaves sorted mode: hashes every value so far into a table sized for them. */
  private buildTable(): void {
    this.sorted = false;
    this.distinct = false;
    this.fitHashes(this.size);
    let size = 128;
    while (this.size * 4 > (size - 1) * 3) size *= 2;
    this.mask = size - 1;
    const arena = this.arena;
    for (let c = 0; c < this.size; c++) {
      const a = this.offsets[c] as number;
      const b = this.offsets[c + 1] as number;
      const hash = hashOf(arena, a, b);
      this.hashes[c] = mix(hash ^ (b - a));
      this.prefixes[c] = mix(Math.imul(hash, HASH_PRIME_INVERSE) ^ (arena[b - 1] as number) ^ (b - a));
    }
    this.rehashInto(size);
  }

  private rehash(): void {
    // Decimal and hex sequences probe ~10–20 slots per value here, all in one or two cache lines;
    // wider alphabets crowd their blocks far more and are better spread.
    if (this.mask >= BLOCKED && this.probes > 24 * this.size) this.spread = true;
    this.rehashInto((this.mask + 1) * 2);
  }

  private rehashInto(size: number): void {
    this.probes = 0;
    const mask = size - 1;
    const tags = new Uint8Array(size);
    const slotCodes = new Int32Array(size);
    for (let c = 0; c < this.size; c++) {
      const h = this.hashes[c] as number;
      let slot = home(h, this.prefixes[c] as number, mask, this.spread);
      while (tags[slot] !== 0) slot = (slot + 1) & mask;
      tags[slot] = (h >>> 25) | 0x80;
      slotCodes[slot] = c;
    }
    this.tags = tags;
    this.slotCodes = slotCodes;
    this.mask = mask;
  }

  /** The values as UTF-8, without copying (valid until the next new value). */
  utf8(): Utf8Values {
    const n = this.size;
    return { offsets: this.offsets.subarray(0, n + 1), data: this.arena.subarray(0, this.offsets[n] as number) };
  }

  /** The values as strings, in code order. */
  strings(): string[] {
    const n = this.size;
    const out = new Array<string>(n);
    const offsets = this.offsets;
    const used = this.arena.subarray(0, offsets[n] as number);
    if (this.arenaAscii) {
      // One decode for all: with ASCII only, byte offsets are string offsets.
      const all = decoder.decode(used);
      for (let c = 0; c < n; c++) out[c] = all.slice(offsets[c] as number, offsets[c + 1] as number);
    } else {
      for (let c = 0; c < n; c++) out[c] = decoder.decode(used.subarray(offsets[c] as number, offsets[c + 1] as number));
    }
    return out;
  }
}
