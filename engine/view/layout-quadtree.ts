/**
 * A Barnes–Hut quadtree over points, rebuilt each layout iteration: flat typed arrays, leaves of
 * up to LEAF points (kept as ranges of `order`), each cell with its mass and centre of mass.
 */
const LEAF = 8;
const MAX_DEPTH = 40;

export class QuadTree {
  /** Point indices, grouped by leaf. */
  readonly order: Int32Array;
  private readonly scratch: Int32Array;
  // Per cell: first child cell (−1 for a leaf), the range of `order` it holds, its side, mass and centre of mass.
  child = new Int32Array(0);
  lo = new Int32Array(0);
  hi = new Int32Array(0);
  side = new Float64Array(0);
  mass = new Float64Array(0);
  cx = new Float64Array(0);
  cy = new Float64Array(0);
  cells = 0;

  constructor(private readonly n: number) {
    this.order = new Int32Array(n);
    this.scratch = new Int32Array(n);
    this.grow(Math.max(64, Math.ceil(n / 2)));
  }

  private grow(cap: number): void {
    const copyI = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a.subarray(0, Math.min(a.length, cap)));
      return b;
    };
    const copyF = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a.subarray(0, Math.min(a.length, cap)));
      return b;
    };
    this.child = copyI(this.child);
    this.lo = copyI(this.lo);
    this.hi = copyI(this.hi);
    this.side = copyF(this.side);
    this.mass = copyF(this.mass);
    this.cx = copyF(this.cx);
    this.cy = copyF(this.cy);
  }

  private alloc(): number {
    if (this.cells === this.child.length) this.grow(this.child.length * 2);
    return this.cells++;
  }

  /** Builds the tree over positions (x, y) with masses `m`. */
  build(x: Float64Array, y: Float64Array, m: Float64Array): void {
    const n = this.n;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      this.order[i] = i;
      const xi = x[i] as number;
      const yi = y[i] as number;
      if (xi < x0) x0 = xi;
      if (xi > x1) x1 = xi;
      if (yi < y0) y0 = yi;
      if (yi > y1) y1 = yi;
    }
    this.cells = 0;
    if (n === 0) return;
    const side = Math.max(x1 - x0, y1 - y0, 1e-9) * 1.000001;
    this.split(this.alloc(), 0, n, x0, y0, side, 0, x, y, m);
  }

  private split(c: number, lo: number, hi: number, x0: number, y0: number, side: number, depth: number, x: Float64Array, y: Float64Array, m: Float64Array): void {
    this.lo[c] = lo;
    this.hi[c] = hi;
    this.side[c] = side;
    if (hi - lo <= LEAF || depth >= MAX_DEPTH) {
      this.child[c] = -1;
      let mass = 0;
      let sx = 0;
      let sy = 0;
      for (let k = lo; k < hi; k++) {
        const i = this.order[k] as number;
        const mi = m[i] as number;
        mass += mi;
        sx += mi * (x[i] as number);
        sy += mi * (y[i] as number);
      }
      this.mass[c] = mass;
      this.cx[c] = sx / mass;
      this.cy[c] = sy / mass;
      return;
    }
    const half = side / 2;
    const mx = x0 + half;
    const my = y0 + half;
    // Counting sort of the range into the four quadrants (stable, so the build is deterministic).
    const count = [0, 0, 0, 0];
    for (let k = lo; k < hi; k++) {
      const i = this.order[k] as number;
      const q = ((x[i] as number) >= mx ? 1 : 0) + ((y[i] as number) >= my ? 2 : 0);
      count[q] = (count[q] as number) + 1;
    }
    const start = [lo, 0, 0, 0];
    for (let q = 1; q < 4; q++) start[q] = (start[q - 1] as number) + (count[q - 1] as number);
    const at = start.slice();
    for (let k = lo; k < hi; k++) {
      const i = this.order[k] as number;
      const q = ((x[i] as number) >= mx ? 1 : 0) + ((y[i] as number) >= my ? 2 : 0);
      this.scratch[at[q] as number] = i;
      at[q] = (at[q] as number) + 1;
    }
    this.order.set(this.scratch.subarray(lo, hi), lo);
    const first = this.cells;
    for (let q = 0; q < 4; q++) this.alloc();
    this.child[c] = first;
    let mass = 0;
    let sx = 0;
    let sy = 0;
    for (let q = 0; q < 4; q++) {
      const cc = first + q;
      const qlo = start[q] as number;
      const qhi = qlo + (count[q] as number);
      if (qhi === qlo) {
        this.child[cc] = -1;
        this.lo[cc] = qlo;
        this.hi[cc] = qlo;
        this.mass[cc] = 0;
        continue;
      }
      this.split(cc, qlo, qhi, q & 1 ? mx : x0, q & 2 ? my : y0, half, depth + 1, x, y, m);
      const mq = this.mass[cc] as number;
      mass += mq;
      sx += mq * (this.cx[cc] as number);
      sy += mq * (this.cy[cc] as number);
    }
    this.mass[c] = mass;
    this.cx[c] = sx / mass;
    this.cy[c] = sy / mass;
  }
}
