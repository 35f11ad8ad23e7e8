import { Dictionary, Table, Utf8, makeData, makeVector, type Data, type Vector } from 'apache-arrow';

/**
 * The table with every dictionary column re-encoded in first-appearance order, unused values
 * dropped: readers build dictionaries in different orders (a CSV's sorted fast path, a JSON
 * document, a Parquet file's own dictionary), and the same rows must give the same bytes.
 */
export function canonicalTable(t: Table): Table {
  const columns: Record<string, Vector> = {};
  for (const f of t.schema.fields) {
    const col = t.getChild(f.name);
    if (!col) continue;
    const v = f.type instanceof Dictionary ? canonicalDictionary(col as Vector<Dictionary<Utf8>>, f.type as Dictionary<Utf8>) : col;
    // A field is nullable while its null count is unknown: count now, or the bytes depend on what ran before.
    for (const d of v.data) void d.nullCount;
    columns[f.name] = v;
  }
  return new Table(columns);
}

function canonicalDictionary(col: Vector<Dictionary<Utf8>>, original: Dictionary<Utf8>): Vector {
  // A type of its own: building a Table renumbers its dictionaries' ids in place, and the workspace's
  // own types must not change (a second hash of the same workspace would differ).
  const type = new Dictionary(original.dictionary, original.indices, original.id, original.isOrdered);
  const chunks: Data<Dictionary<Utf8>>[] = [];
  for (const d of col.data) {
    const dict = d.dictionary?.data[0];
    if (!dict || d.dictionary?.data.length !== 1) return col;
    const codes = d.values as Int32Array;
    const n = d.length;
    const valid = d.nullCount === 0 ? null : (i: number) => d.getValid(i);
    if (inOrder(codes, n, dict.length, valid)) {
      chunks.push(d.clone(type));
      continue;
    }
    const order = new Int32Array(dict.length).fill(-1);
    const firstSeen: number[] = [];
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (valid !== null && !valid(i)) continue;
      const c = codes[i] as number;
      let k = order[c] as number;
      if (k < 0) {
        k = firstSeen.length;
        order[c] = k;
        firstSeen.push(c);
      }
      out[i] = k;
    }
    const offs = dict.valueOffsets;
    const bytes = dict.values;
    const offsets = new Int32Array(firstSeen.length + 1);
    let size = 0;
    firstSeen.forEach((c, k) => {
      size += (offs[c + 1] as number) - (offs[c] as number);
      offsets[k + 1] = size;
    });
    const data = new Uint8Array(size);
    let at = 0;
    for (const c of firstSeen) for (let b = offs[c] as number, e = offs[c + 1] as number; b < e; b++) data[at++] = bytes[b] as number;
    const values = makeVector(makeData({ type: new Utf8(), length: firstSeen.length, nullCount: 0, valueOffsets: offsets, data }));
    chunks.push(makeData({ type, length: d.length, nullCount: d.nullCount, nullBitmap: d.nullBitmap, data: out, dictionary: values }));
  }
  return makeVector(chunks);
}

/** Codes already first-appearance order (0, then 1, …) and every value used: nothing to do. */
function inOrder(codes: Int32Array, n: number, size: number, valid: ((i: number) => boolean) | null): boolean {
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (valid !== null && !valid(i)) continue;
    const c = codes[i] as number;
    if (c < next) continue;
    if (c !== next) return false;
    next++;
  }
  return next === size;
}
