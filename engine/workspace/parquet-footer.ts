/** A flat column of a Parquet file, as its footer describes it. */
export interface ParquetColumn {
  name: string;
  /** Physical type: 0 BOOLEAN, 1 INT32, 2 INT64, 3 INT96, 4 FLOAT, 5 DOUBLE, 6 BYTE_ARRAY, 7 FIXED_LEN_BYTE_ARRAY. */
  type: number;
}

export interface ParquetRowGroup {
  rows: number;
  /** Decoded size of its column chunks, bytes. */
  bytes: number;
}

/** What a Parquet file's footer says, checked against the file before any of it is decoded. */
export interface ParquetFooter {
  rows: number;
  columns: ParquetColumn[];
  rowGroups: ParquetRowGroup[];
}

const MAX_DEPTH = 24;
const MAX_COLUMNS = 4096;
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** A bounded reader of Thrift's compact protocol, the encoding of Parquet's metadata. */
class Compact {
  constructor(
    private readonly b: Uint8Array,
    public pos: number,
    private readonly end: number,
  ) {}

  byte(): number {
    if (this.pos >= this.end) throw new Damaged('the footer ends early');
    return this.b[this.pos++] as number;
  }

  varint(): number {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const x = this.byte();
      v += (x & 0x7f) * scale;
      if ((x & 0x80) === 0) {
        if (v > Number.MAX_SAFE_INTEGER) throw new Damaged('a number in the footer is too large');
        return v;
      }
      scale *= 128;
    }
    throw new Damaged('a number in the footer is too long');
  }

  zigzag(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  binary(): Uint8Array {
    const n = this.varint();
    if (n > this.end - this.pos) throw new Damaged('a text in the footer runs past its end');
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Calls `field(id, type)` for each field; `field` must consume the value (or return false to skip it). */
  struct(depth: number, field: (id: number, type: number) => boolean): void {
    if (depth > MAX_DEPTH) throw new Damaged('the footer nests too deep');
    let last = 0;
    for (;;) {
      const h = this.byte();
      if (h === 0) return;
      const type = h & 0x0f;
      const delta = h >> 4;
      const id = delta === 0 ? this.zigzag() : last + delta;
      last = id;
      if (!field(id, type)) this.skip(type, depth + 1);
    }
  }

  /** A list's element type and size (booleans in lists are one byte each). */
  list(): { type: number; size: number } {
    const h = this.byte();
    const size = h >> 4 === 15 ? this.varint() : h >> 4;
    if (size > this.end - this.pos) throw new Damaged('a list in the footer is longer than the footer');
    return { type: h & 0x0f, size };
  }

  int(type: number): number {
    if (type === 3) return (this.byte() << 24) >> 24;
    if (type === 4 || type === 5 || type === 6) return this.zigzag();
    throw new Damaged(`an integer field has type ${type}`);
  }

  skip(type: number, depth: number): void {
    if (depth > MAX_DEPTH) throw new Damaged('the footer nests too deep');
    switch (type) {
      case 1:
      case 2:
        return;
      case 3:
        this.byte();
        return;
      case 4:
      case 5:
      case 6:
        this.varint();
        return;
      case 7:
        if (this.end - this.pos < 8) throw new Damaged('the footer ends early');
        this.pos += 8;
        return;
      case 8:
        this.binary();
        return;
      case 9:
      case 10: {
        const { type: t, size } = this.list();
        for (let i = 0; i < size; i++) {
          if (t === 1 || t === 2) this.byte();
          else this.skip(t, depth + 1);
        }
        return;
      }
      case 11: {
        const size = this.varint();
        if (size === 0) return;
        if (size > this.end - this.pos) throw new Damaged('a map in the footer is longer than the footer');
        const kv = this.byte();
        for (let i = 0; i < size; i++) {
          this.skip(kv >> 4, depth + 1);
          this.skip(kv & 0x0f, depth + 1);
        }
        return;
      }
      case 12:
        this.struct(depth + 1, () => false);
        return;
      default:
        throw new Damaged(`a field has the unknown type ${type}`);
    }
  }
}

class Damaged extends Error {}

/**
 * Reads and checks a Parquet file's footer (magic bytes, length, schema, row groups, where
 * each column chunk lies) without decoding any data, so a damaged or hostile file is refused
 * before the decoder sees it. Returns the footer, or why the file cannot be read.
 */
export function readParquetFooter(b: Uint8Array): ParquetFooter | string {
  const n = b.length;
  if (n < 12) return 'the file is too short to be Parquet';
  const magic = (at: number): boolean => b[at] === 0x50 && b[at + 1] === 0x41 && b[at + 2] === 0x52 && b[at + 3] === 0x31;
  if (!magic(0) || !magic(n - 4)) return 'it does not start and end with PAR1';
  const len = ((b[n - 8] as number) | ((b[n - 7] as number) << 8) | ((b[n - 6] as number) << 16) | ((b[n - 5] as number) << 24)) >>> 0;
  if (len === 0 || len > n - 12) return 'its footer length is wrong (the file is cut short or damaged)';
  const dataEnd = n - 8 - len;
  const r = new Compact(b, dataEnd, n - 8);
  const footer: ParquetFooter = { rows: 0, columns: [], rowGroups: [] };
  const schema: { name: string; type: number; children: number }[] = [];
  try {
    r.struct(0, (id, type) => {
      if (id === 2 && type === 9) {
        const { size } = r.list();
        for (let i = 0; i < size; i++) schema.push(schemaElement(r));
        return true;
      }
      if (id === 3 && type === 6) {
        footer.rows = r.int(type);
        return true;
      }
      if (id === 4 && type === 9) {
        const { size } = r.list();
        for (let i = 0; i < size; i++) footer.rowGroups.push(rowGroup(r, dataEnd));
        return true;
      }
      return false;
    });
  } catch (e) {
    if (e instanceof Damaged) return `its footer is damaged (${e.message})`;
    throw e;
  }
  const root = schema[0];
  if (!root) return 'its footer has no schema';
  if (root.children !== schema.length - 1 || schema.slice(1).some((s) => s.children > 0)) {
    return 'it has nested columns (lists, maps or structs); a workspace table needs flat columns';
  }
  if (schema.length - 1 > MAX_COLUMNS) return `it has ${schema.length - 1} columns; at most ${MAX_COLUMNS} are read`;
  footer.columns = schema.slice(1).map((s) => ({ name: s.name, type: s.type }));
  if (footer.rows < 0) return 'its footer gives a negative row count';
  let rows = 0;
  for (const g of footer.rowGroups) {
    if (g.rows < 0 || g.bytes < 0) return 'its footer gives a negative size';
    rows += g.rows;
  }
  if (rows !== footer.rows) return `its row groups hold ${rows} rows, but its footer says ${footer.rows}`;
  return footer;
}

function schemaElement(r: Compact): { name: string; type: number; children: number } {
  const out = { name: '', type: -1, children: 0 };
  r.struct(1, (id, type) => {
    if (id === 1 && type === 5) out.type = r.int(type);
    else if (id === 4 && type === 8) out.name = decoder.decode(r.binary());
    else if (id === 5 && type === 5) out.children = r.int(type);
    else return false;
    return true;
  });
  return out;
}

/** A row group, with each column chunk checked to lie inside the file's data. */
function rowGroup(r: Compact, dataEnd: number): ParquetRowGroup {
  const g: ParquetRowGroup = { rows: 0, bytes: 0 };
  r.struct(1, (id, type) => {
    if (id === 1 && type === 9) {
      const { size } = r.list();
      for (let i = 0; i < size; i++) g.bytes += columnChunk(r, dataEnd);
    } else if (id === 3 && type === 6) g.rows = r.int(type);
    else return false;
    return true;
  });
  return g;
}

/** A column chunk's decoded size, checked: data in this file, within its data section. */
function columnChunk(r: Compact, dataEnd: number): number {
  let size = 0;
  r.struct(2, (id, type) => {
    if (id === 1 && type === 8) {
      if (r.binary().length > 0) throw new Damaged('a column is stored in another file');
    } else if (id === 3 && type === 12) {
      let start = -1;
      let dict = -1;
      let compressed = 0;
      r.struct(3, (f, t) => {
        if (f === 6 && t === 6) size = r.int(t);
        else if (f === 7 && t === 6) compressed = r.int(t);
        else if (f === 9 && t === 6) start = r.int(t);
        else if (f === 11 && t === 6) dict = r.int(t);
        else return false;
        return true;
      });
      const from = dict > 0 && dict < start ? dict : start;
      if (from < 4 || compressed < 0 || from + compressed > dataEnd) throw new Damaged('a column chunk lies outside the file');
      if (size < 0) throw new Damaged('a column chunk has a negative size');
    } else return false;
    return true;
  });
  return size;
}
