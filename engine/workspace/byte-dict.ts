/** FNV-1a over a value's bytes: start from HASH_SEED, then h = Math.imul(h ^ byte, HASH_PRIME). */
export const HASH_SEED = 0x811c9dc5 | 0;
export const HASH_PRIME = 0x01000193;
// The inverse of HASH_PRIME modulo 2^32: it undoes the last step of the hash.
const HASH_PRIME_INVERSE = 0x359c449b;
/** Smaller tables (slots − 1) stay in the cache anyway, and have too few blocks to share out evenly. */
const BLOCKED = (1 << 16) - 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

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

/**
 * Dictionary-encodes cells straight from UTF-8 bytes: a repeated value costs a hash and a
 * compare, a new one a copy of its bytes. Strings are made once, at the end. Values are trimmed
 * like `String.prototype.trim`; an empty value is -1. Codes follow first appearance, as
 * DictBuilder's do.
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
  private offsets = new Int32Array(65);
  private arenaAscii = true;
  /** Slots probed past their home by the inserts since the last rehash. */
  private probes = 0;
  /** Whether values are placed by their whole hash (see home()). */
  private spread = false;
  size = 0;

  /** The code of bytes[a, b) (valid UTF-8), trimmed. */
  code(bytes: Uint8Array, a: number, b: number): number {
    let h = HASH_SEED;
    for (let i = a; i < b; i++) h = Math.imul(h ^ (bytes[i] as number), HASH_PRIME);
    return this.codeHashed(bytes, a, b, h);
  }

  /** `code` when the caller has already run the hash over bytes[a, b) (HASH_SEED, HASH_PRIME). */
  codeHashed(bytes: Uint8Array, a: number, b: number, h: number): number {
    if (a === b) return -1;
    const first = bytes[a] as number;
    const last = bytes[b - 1] as number;
    if (first <= 32 || first >= 127 || last <= 32 || last >= 127) return this.codeOf(decoder.decode(bytes.subarray(a, b)));
    return this.lookup(bytes, a, b, h);
  }

  /** The code of a string, trimmed. */
  codeOf(text: string): number {
    const t = text.trim();
    if (t === '') return -1;
    const enc = encoder.encode(t);
    let h = HASH_SEED;
    for (let i = 0; i < enc.length; i++) h = Math.imul(h ^ (enc[i] as number), HASH_PRIME);
    return this.lookup(enc, 0, enc.length, h);
  }

  private lookup(bytes: Uint8Array, a: number, b: number, hash: number): number {
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
        if (this.hashes[c] === h && this.same(c, bytes, a, b)) return c;
      }
      slot = (slot + 1) & mask;
      steps++;
    }
    this.probes += steps;
    const c = this.size;
    this.append(bytes, a, b, h, prefix);
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

  private append(bytes: Uint8Array, a: number, b: number, h: number, prefix: number): void {
    const c = this.size;
    if (c === this.hashes.length) {
      const grown = new Int32Array(c * 2);
      grown.set(this.hashes);
      this.hashes = grown;
      const prefixes = new Int32Array(c * 2);
      prefixes.set(this.prefixes);
      this.prefixes = prefixes;
    }
    this.hashes[c] = h;
    this.prefixes[c] = prefix;
    const at = this.offsets[c] as number;
    const end = at + (b - a);
    if (end > this.arena.length) {
      const grown = new Uint8Array(Math.max(end, this.arena.length * 2));
      grown.set(this.arena.subarray(0, at));
      this.arena = grown;
    }
    const arena = this.arena;
    let or = 0;
    for (let i = a; i < b; i++) {
      const x = bytes[i] as number;
      arena[at + i - a] = x;
      or |= x;
    }
    if (or >= 128) this.arenaAscii = false;
    if (c + 2 > this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[c + 1] = end;
    this.size = c + 1;
  }

  private rehash(): void {
    // Decimal and hex sequences probe ~10–20 slots per value here, all in one or two cache lines;
    // wider alphabets crowd their blocks far more and are better spread.
    if (this.mask >= BLOCKED && this.probes > 24 * this.size) this.spread = true;
    this.probes = 0;
    const size = (this.mask + 1) * 2;
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
