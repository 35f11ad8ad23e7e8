// Three classes, not one generic: a shared method would see three typed-array kinds, and its
// element access would stay polymorphic in the hot loops that push and read these columns
// (measured 2026-11-30: the generic class made the 1M benchmark run 3–6% slower).

/** An append-only Float64 column that doubles its capacity; `view()` is a zero-copy window. */
export class F64Column {
  private buf: Float64Array;
  length = 0;

  /** A column holding `values` (adopted, not copied). */
  static adopt(values: Float64Array): F64Column {
    const c = new F64Column(1);
    c.buf = values;
    c.length = values.length;
    return c;
  }

  constructor(
    capacity = 64,
    /** Grow into shared memory (where the host has it), so that another thread can read the column without a copy. */
    private readonly shared = false,
  ) {
    this.buf = allocFloat64(Math.max(1, capacity), shared);
  }

  push(v: number): void {
    if (this.length === this.buf.length) this.reserve(1);
    this.buf[this.length++] = v;
  }

  /** Appends every value of `src`. */
  append(src: Float64Array): void {
    this.reserve(src.length);
    this.buf.set(src, this.length);
    this.length += src.length;
  }

  /** Appends `value` n times. */
  repeat(value: number, n: number): void {
    this.reserve(n);
    this.buf.fill(value, this.length, this.length + n);
    this.length += n;
  }

  get(i: number): number {
    return this.buf[i] as number;
  }

  set(i: number, v: number): void {
    this.buf[i] = v;
  }

  clear(): void {
    this.length = 0;
  }

  view(): Float64Array {
    return this.buf.subarray(0, this.length);
  }

  /** A compact copy, safe to transfer. */
  take(): Float64Array {
    return this.buf.slice(0, this.length);
  }

  /**
   * The buffer, with room for n more values at [length, length + n): set `length` after
   * writing. When it must grow, it grows to room for n × `rounds` more (at least double), so
   * that a column filled in rounds of about n values is copied once, not at every doubling.
   */
  room(n: number, rounds = 1): Float64Array {
    if (this.length + n > this.buf.length) this.grow(this.length + n * Math.max(1, rounds));
    return this.buf;
  }

  /** Takes `buf` as the buffer, the values so far copied in, when it has more room than the buffer now. */
  useRoom(buf: Float64Array): void {
    if (buf.length <= this.buf.length) return;
    buf.set(this.buf.subarray(0, this.length));
    this.buf = buf;
  }

  /** The buffer cut to the values when they fill less than half of it (a copy): the room beyond goes with the old one. */
  fit(): void {
    if (2 * this.length < this.buf.length) this.buf = this.buf.slice(0, Math.max(1, this.length));
  }

  private reserve(n: number): void {
    if (this.length + n > this.buf.length) this.grow(this.length + n);
  }

  private grow(capacity: number): void {
    const grown = allocFloat64(Math.max(this.buf.length * 2, capacity), this.shared);
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }
}

/** An append-only Int32 column that doubles its capacity; `view()` is a zero-copy window. */
export class I32Column {
  private buf: Int32Array;
  length = 0;

  /** A column holding `values` (adopted, not copied). */
  static adopt(values: Int32Array): I32Column {
    const c = new I32Column(1);
    c.buf = values;
    c.length = values.length;
    return c;
  }

  constructor(
    capacity = 64,
    /** Grow into shared memory (where the host has it), so that another thread can read the column without a copy. */
    private readonly shared = false,
  ) {
    this.buf = allocInt32(Math.max(1, capacity), shared);
  }

  push(v: number): void {
    if (this.length === this.buf.length) this.reserve(1);
    this.buf[this.length++] = v;
  }

  /** Appends every value of `src`. */
  append(src: Int32Array): void {
    this.reserve(src.length);
    this.buf.set(src, this.length);
    this.length += src.length;
  }

  /** Appends `value` n times. */
  repeat(value: number, n: number): void {
    this.reserve(n);
    this.buf.fill(value, this.length, this.length + n);
    this.length += n;
  }

  get(i: number): number {
    return this.buf[i] as number;
  }

  set(i: number, v: number): void {
    this.buf[i] = v;
  }

  clear(): void {
    this.length = 0;
  }

  view(): Int32Array {
    return this.buf.subarray(0, this.length);
  }

  /** A compact copy, safe to transfer. */
  take(): Int32Array {
    return this.buf.slice(0, this.length);
  }

  /**
   * The buffer, with room for n more values at [length, length + n): set `length` after
   * writing. When it must grow, it grows to room for n × `rounds` more (at least double), so
   * that a column filled in rounds of about n values is copied once, not at every doubling.
   */
  room(n: number, rounds = 1): Int32Array {
    if (this.length + n > this.buf.length) this.grow(this.length + n * Math.max(1, rounds));
    return this.buf;
  }

  /** Takes `buf` as the buffer, the values so far copied in, when it has more room than the buffer now. */
  useRoom(buf: Int32Array): void {
    if (buf.length <= this.buf.length) return;
    buf.set(this.buf.subarray(0, this.length));
    this.buf = buf;
  }

  /** The buffer cut to the values when they fill less than half of it (a copy): the room beyond goes with the old one. */
  fit(): void {
    if (2 * this.length < this.buf.length) this.buf = this.buf.slice(0, Math.max(1, this.length));
  }

  private reserve(n: number): void {
    if (this.length + n > this.buf.length) this.grow(this.length + n);
  }

  private grow(capacity: number): void {
    const grown = allocInt32(Math.max(this.buf.length * 2, capacity), this.shared);
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }
}

/** An append-only Uint8 column that doubles its capacity; `view()` is a zero-copy window. */
export class U8Column {
  private buf: Uint8Array;
  length = 0;

  /** A column holding `values` (adopted, not copied). */
  static adopt(values: Uint8Array): U8Column {
    const c = new U8Column(1);
    c.buf = values;
    c.length = values.length;
    return c;
  }

  constructor(
    capacity = 64,
    /** Grow into shared memory (where the host has it), so that another thread can read the column without a copy. */
    private readonly shared = false,
  ) {
    this.buf = allocUint8(Math.max(1, capacity), shared);
  }

  push(v: number): void {
    if (this.length === this.buf.length) this.reserve(1);
    this.buf[this.length++] = v;
  }

  /** Appends every value of `src`. */
  append(src: Uint8Array): void {
    this.reserve(src.length);
    this.buf.set(src, this.length);
    this.length += src.length;
  }

  /** Appends `value` n times. */
  repeat(value: number, n: number): void {
    this.reserve(n);
    this.buf.fill(value, this.length, this.length + n);
    this.length += n;
  }

  get(i: number): number {
    return this.buf[i] as number;
  }

  set(i: number, v: number): void {
    this.buf[i] = v;
  }

  clear(): void {
    this.length = 0;
  }

  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  /** A compact copy, safe to transfer. */
  take(): Uint8Array {
    return this.buf.slice(0, this.length);
  }

  /**
   * The buffer, with room for n more values at [length, length + n): set `length` after
   * writing. When it must grow, it grows to room for n × `rounds` more (at least double), so
   * that a column filled in rounds of about n values is copied once, not at every doubling.
   */
  room(n: number, rounds = 1): Uint8Array {
    if (this.length + n > this.buf.length) this.grow(this.length + n * Math.max(1, rounds));
    return this.buf;
  }

  /** Takes `buf` as the buffer, the values so far copied in, when it has more room than the buffer now. */
  useRoom(buf: Uint8Array): void {
    if (buf.length <= this.buf.length) return;
    buf.set(this.buf.subarray(0, this.length));
    this.buf = buf;
  }

  /** The buffer cut to the values when they fill less than half of it (a copy): the room beyond goes with the old one. */
  fit(): void {
    if (2 * this.length < this.buf.length) this.buf = this.buf.slice(0, Math.max(1, this.length));
  }

  private reserve(n: number): void {
    if (this.length + n > this.buf.length) this.grow(this.length + n);
  }

  private grow(capacity: number): void {
    const grown = allocUint8(Math.max(this.buf.length * 2, capacity), this.shared);
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }
}

const canShare = typeof SharedArrayBuffer === 'function';
function allocFloat64(n: number, shared: boolean): Float64Array {
  return shared && canShare ? new Float64Array(new SharedArrayBuffer(n * 8)) : new Float64Array(n);
}
function allocInt32(n: number, shared: boolean): Int32Array {
  return shared && canShare ? new Int32Array(new SharedArrayBuffer(n * 4)) : new Int32Array(n);
}
function allocUint8(n: number, shared: boolean): Uint8Array {
  return shared && canShare ? new Uint8Array(new SharedArrayBuffer(n)) : new Uint8Array(n);
}
