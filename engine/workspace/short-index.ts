/**
 * An exact index of short values (up to 12 bytes) by their bytes packed into three words and
 * the length: a lookup compares four integers in one slot, with no hash of the bytes and no
 * visit to where the value is stored. It maps values to the codes a ByteDict gave them.
 */
export class ShortIndex {
  /** Per slot: three words of the value, then (code + 1) << 4 | (length − 1); 0 there marks a free slot. */
  private slots = new Int32Array(4 * 256);
  private mask = 255;
  size = 0;

  /** The code stored for the value, or -1. */
  get(w0: number, w1: number, w2: number, len: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const tail = len - 1;
    let s = slotOf(w0, w1, w2, len) & mask;
    for (;;) {
      const at = s << 2;
      const tag = slots[at + 3] as number;
      if (tag === 0) return -1;
      if ((tag & 15) === tail && slots[at] === w0 && slots[at + 1] === w1 && slots[at + 2] === w2) return (tag >> 4) - 1;
      s = (s + 1) & mask;
    }
  }

  /** Stores the code of a value not in the index yet (codes below 2^27 only). */
  put(w0: number, w1: number, w2: number, len: number, code: number): void {
    if (code >= (1 << 27) - 1) return;
    if ((this.size + 1) * 2 > this.mask) this.grow();
    this.insert(this.slots, this.mask, w0, w1, w2, ((code + 1) << 4) | (len - 1));
    this.size++;
  }

  private insert(slots: Int32Array, mask: number, w0: number, w1: number, w2: number, tag: number): void {
    let s = slotOf(w0, w1, w2, (tag & 15) + 1) & mask;
    while (slots[(s << 2) + 3] !== 0) s = (s + 1) & mask;
    const at = s << 2;
    slots[at] = w0;
    slots[at + 1] = w1;
    slots[at + 2] = w2;
    slots[at + 3] = tag;
  }

  private grow(): void {
    const old = this.slots;
    const mask = this.mask * 2 + 1;
    const slots = new Int32Array(4 * (mask + 1));
    for (let at = 0; at < old.length; at += 4) {
      const tag = old[at + 3] as number;
      if (tag !== 0) this.insert(slots, mask, old[at] as number, old[at + 1] as number, old[at + 2] as number, tag);
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function slotOf(w0: number, w1: number, w2: number, len: number): number {
  const h = Math.imul(w0 ^ Math.imul(w1, 0x9e3779b1) ^ Math.imul(w2 + len, 0x85ebca77), 0xc2b2ae3d);
  return h ^ (h >>> 15);
}
