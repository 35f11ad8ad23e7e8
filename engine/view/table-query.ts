import { Table, tableToIPC, type Vector } from 'apache-arrow';
import { boolVector, compactDictVector, f64Vector, i32Vector } from '../util/arrow-columns';
import { sortByF64, sortByU32 } from '../util/radix-sort';
import { columnData, columnNames, type ColumnData } from './columns';
import type { ColumnFilter, TableSort } from './view-types';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const tableIds = new WeakMap<Table, number>();
let nextTableId = 1;

/** Recent row orders, so that scrolling a sorted, filtered million-row table pages without redoing the work. */
export class OrderCache {
  private readonly entries = new Map<string, Int32Array | null>();
  constructor(private readonly keep = 6) {}

  order(t: Table, sort: TableSort | null, filters: readonly ColumnFilter[]): Int32Array | null {
    let id = tableIds.get(t);
    if (id === undefined) {
      id = nextTableId++;
      tableIds.set(t, id);
    }
    const key = `${id}\n${JSON.stringify(sort)}\n${JSON.stringify(filters)}`;
    if (this.entries.has(key)) {
      const hit = this.entries.get(key) ?? null;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const order = rowOrder(t, sort, filters);
    this.entries.set(key, order);
    while (this.entries.size > this.keep) this.entries.delete(this.entries.keys().next().value as string);
    return order;
  }
}

/**
 * The rows of `t` that pass every filter, in the order of `sort` (stable: ties keep table order;
 * empty values last either way). Null means every row in table order.
 */
export function rowOrder(t: Table, sort: TableSort | null, filters: readonly ColumnFilter[]): Int32Array | null {
  const n = t.numRows;
  const usable = filters.filter((f) => columnData(t, f.column) !== null);
  const sortCol = sort ? columnData(t, sort.column) : null;
  if (usable.length === 0 && !sortCol) return null;
  let order: Int32Array;
  if (usable.length === 0) {
    order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
  } else {
    const keep = new Uint8Array(n).fill(1);
    for (const f of usable) applyFilter(columnData(t, f.column) as ColumnData, f, keep);
    let count = 0;
    for (let i = 0; i < n; i++) count += keep[i] as number;
    order = new Int32Array(count);
    let at = 0;
    for (let i = 0; i < n; i++) if (keep[i]) order[at++] = i;
  }
  if (sortCol && sort) sortRows(order, sortCol, sort.desc);
  return order;
}

function applyFilter(col: ColumnData, f: ColumnFilter, keep: Uint8Array): void {
  const n = keep.length;
  if (col.kind === 'string') {
    const wanted = String(f.value).trim().toLowerCase();
    const match = col.dict.map((s) => {
      const v = s.toLowerCase();
      if (f.op === 'contains') return v.includes(wanted);
      if (f.op === 'eq') return v === wanted;
      if (f.op === 'ne') return v !== wanted;
      const c = collator.compare(s, String(f.value));
      return f.op === 'lt' ? c < 0 : f.op === 'le' ? c <= 0 : f.op === 'gt' ? c > 0 : c >= 0;
    });
    const nullMatches = f.op === 'ne' || (f.op === 'contains' && wanted === '');
    for (let i = 0; i < n; i++) {
      const c = col.codes[i] as number;
      if (!(c < 0 ? nullMatches : match[c])) keep[i] = 0;
    }
    return;
  }
  if (col.kind === 'bool') {
    const truthy = typeof f.value === 'number' ? f.value !== 0 : /^(true|yes|1|y)$/i.test(String(f.value).trim());
    const want = f.op === 'ne' ? (truthy ? 0 : 1) : truthy ? 1 : 0;
    for (let i = 0; i < n; i++) if (col.values[i] !== want) keep[i] = 0;
    return;
  }
  const x = typeof f.value === 'number' ? f.value : Number(String(f.value).trim());
  const v = col.values;
  if (f.op === 'contains') {
    const text = String(f.value).trim();
    for (let i = 0; i < n; i++) if (!String(v[i]).includes(text)) keep[i] = 0;
    return;
  }
  if (Number.isNaN(x)) {
    if (f.op !== 'ne') keep.fill(0);
    return;
  }
  for (let i = 0; i < n; i++) {
    const y = v[i] as number;
    const pass =
      f.op === 'eq' ? y === x : f.op === 'ne' ? y !== x : f.op === 'lt' ? y < x : f.op === 'le' ? y <= x : f.op === 'gt' ? y > x : y >= x;
    if (!pass) keep[i] = 0;
  }
}

function sortRows(order: Int32Array, col: ColumnData, desc: boolean): void {
  if (col.kind === 'number') {
    if (!desc) return sortByF64(order, col.values);
    const neg = new Float64Array(col.values.length);
    for (let i = 0; i < neg.length; i++) neg[i] = -(col.values[i] as number);
    return sortByF64(order, neg);
  }
  if (col.kind === 'bool') {
    const keys = desc ? col.values.map((b) => 1 - b) : col.values;
    return sortByU32(order, keys);
  }
  const ranked = col.dict.map((_, i) => i).sort((a, b) => collator.compare(col.dict[a] as string, col.dict[b] as string) || a - b);
  const rank = new Uint32Array(col.dict.length);
  ranked.forEach((code, r) => (rank[code] = desc ? col.dict.length - 1 - r : r));
  const keys = new Uint32Array(col.codes.length);
  for (let i = 0; i < keys.length; i++) {
    const c = col.codes[i] as number;
    keys[i] = c < 0 ? col.dict.length : (rank[c] as number);
  }
  sortByU32(order, keys);
}

/** Rows `order[offset … offset + limit)` of `t` (or of the table itself when order is null) as a new Arrow table. */
export function gatherRows(t: Table, order: Int32Array | null, offset: number, limit: number): { table: Table; rows: number[] } {
  const total = order ? order.length : t.numRows;
  const start = Math.min(Math.max(0, offset), total);
  const end = Math.min(total, start + Math.max(0, limit));
  const rows: number[] = [];
  for (let k = start; k < end; k++) rows.push(order ? (order[k] as number) : k);
  const cols: Record<string, Vector> = {};
  for (const name of columnNames(t)) {
    const col = columnData(t, name) as ColumnData;
    if (col.kind === 'number') {
      const out = col.int ? new Int32Array(rows.length) : new Float64Array(rows.length);
      rows.forEach((r, i) => (out[i] = col.values[r] as number));
      cols[name] = out instanceof Int32Array ? i32Vector(out) : f64Vector(out);
    } else if (col.kind === 'bool') {
      cols[name] = boolVector(Uint8Array.from(rows, (r) => col.values[r] as number));
    } else {
      cols[name] = compactDictVector(Int32Array.from(rows, (r) => col.codes[r] as number), col.dict);
    }
  }
  return { table: new Table(cols), rows };
}

export function pageBytes(t: Table): Uint8Array {
  return tableToIPC(t, 'stream');
}
