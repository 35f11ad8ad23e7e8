type TypedArray = Float64Array | Int32Array | Uint8Array;

/** An append-only typed column that doubles its capacity; `view()` is a zero-copy window. */
class Column<A extends TypedArray> {
  private buf: A;
  length = 0;

  constructor(
    private readonly make: (n: number) => A,
    capacity: number,
  ) {
    this.buf = make(Math.max(1, capacity));
  }

  push(v: number): void {
    if (this.length === this.buf.length) {
      const grown = this.make(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    }
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

  view(): A {
    return this.buf.subarray(0, this.length) as A;
  }

  /** A compact copy, safe to transfer. */
  take(): A {
    return this.buf.slice(0, this.length) as A;
  }
}

export class F64Column extends Column<Float64Array> {
  constructor(capacity = 64) {
    super((n) => new Float64Array(n), capacity);
  }
}

export class I32Column extends Column<Int32Array> {
  constructor(capacity = 64) {
    super((n) => new Int32Array(n), capacity);
  }
}

export class U8Column extends Column<Uint8Array> {
  constructor(capacity = 64) {
    super((n) => new Uint8Array(n), capacity);
  }
}
