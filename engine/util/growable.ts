/** Append-only typed columns that double their capacity; `view()` is a zero-copy window. */
export class F64Column {
  private buf: Float64Array;
  length = 0;
  constructor(capacity = 64) {
    this.buf = new Float64Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.buf.length) this.buf = grow(this.buf, new Float64Array(this.buf.length * 2));
    this.buf[this.length++] = v;
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
}

export class I32Column {
  private buf: Int32Array;
  length = 0;
  constructor(capacity = 64) {
    this.buf = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.buf.length) this.buf = grow(this.buf, new Int32Array(this.buf.length * 2));
    this.buf[this.length++] = v;
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
  take(): Int32Array {
    return this.buf.slice(0, this.length);
  }
}

export class U8Column {
  private buf: Uint8Array;
  length = 0;
  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.buf.length) this.buf = grow(this.buf, new Uint8Array(this.buf.length * 2));
    this.buf[this.length++] = v;
  }
  get(i: number): number {
    return this.buf[i] as number;
  }
  clear(): void {
    this.length = 0;
  }
  take(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
