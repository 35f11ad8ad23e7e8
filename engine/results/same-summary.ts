import { DataType, type Table } from 'apache-arrow';

const isDictionary = (t: DataType): boolean => DataType.isDictionary(t);

/**
 * Two numbers within rounding: relative 1e-9, or 1e-6 absolute near zero — except prices, which
 * are relative alone (a token priced 1e-6 is not "near zero").
 */
function sameNumber(a: number, b: number, price = false): boolean {
  if (Object.is(a, b) || a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= Math.max(price ? 0 : 1e-6, 1e-9 * Math.max(Math.abs(a), Math.abs(b)));
}

const isPrice = (name: string): boolean => /price/.test(name);

const shown = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v) ?? String(v));

/**
 * Where two results first disagree, as `path: saved …, now …` (`a` is the saved one), or null
 * when they agree: every number within rounding, everything else — ids, paths, flags, steps,
 * warnings — exactly. Engines that add the same sums in another order agree; engines that
 * compute something else do not.
 */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  const here = path === '' ? 'the whole' : path;
  if (typeof a === 'number' && typeof b === 'number') return sameNumber(a, b, isPrice(path)) ? null : `${here}: saved ${shown(a)}, now ${shown(b)}`;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return `${here}: saved ${shown(a)}, now ${shown(b)}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
    for (const k of keys) {
      const d = firstDifference(ra[k], rb[k], path === '' ? k : `${path}.${k}`);
      if (d !== null) return d;
    }
    return null;
  }
  return a === b ? null : `${here}: saved ${shown(a)}, now ${shown(b)}`;
}

/** True when two results agree (firstDifference finds nothing). */
export function sameResults(a: unknown, b: unknown): boolean {
  return firstDifference(a, b) === null;
}

/**
 * Where two sets of result tables first disagree (`saved` against `now`): a table or column
 * one lacks, a row count, or a cell, by table, column and row (from 1); numbers within rounding
 * as in firstDifference (`exact`: bit for bit). Null when they agree.
 */
export function firstTableDifference(saved: Readonly<Record<string, Table>>, now: Readonly<Record<string, Table>>, exact = false): string | null {
  const names = [...new Set([...Object.keys(saved), ...Object.keys(now)])].sort();
  for (const name of names) {
    const a = saved[name];
    const b = now[name];
    if (!a || !b) return `the ${name} table: ${a ? 'saved, not made now' : 'made now, not saved'}`;
    if (a.numRows !== b.numRows) return `the ${name} table: saved ${a.numRows} rows, now ${b.numRows}`;
    const columns = [...new Set([...a.schema.fields.map((f) => f.name), ...b.schema.fields.map((f) => f.name)])];
    for (const column of columns) {
      const price = isPrice(column);
      const ca = a.getChild(column);
      const cb = b.getChild(column);
      if (!ca || !cb) return `the ${name} table's column ${column}: ${ca ? 'saved, not made now' : 'made now, not saved'}`;
      const ta: unknown = ca.nullCount === 0 && !isDictionary(ca.type) ? ca.toArray() : null;
      const tb: unknown = cb.nullCount === 0 && !isDictionary(cb.type) ? cb.toArray() : null;
      if ((ta instanceof Float64Array || ta instanceof Int32Array) && (tb instanceof Float64Array || tb instanceof Int32Array)) {
        // Numbers as typed arrays: a cell at a time through get() takes seconds on a 1M-position run's tables.
        for (let i = 0; i < ta.length; i++) {
          const va = ta[i] as number;
          const vb = tb[i] as number;
          if (exact ? !Object.is(va, vb) : !sameNumber(va, vb, price)) return `${name}.${column} row ${i + 1}: saved ${shown(va)}, now ${shown(vb)}`;
        }
        continue;
      }
      for (let i = 0; i < a.numRows; i++) {
        const va: unknown = ca.get(i);
        const vb: unknown = cb.get(i);
        const same = typeof va === 'number' && typeof vb === 'number' ? (exact ? Object.is(va, vb) : sameNumber(va, vb, price)) : va === vb;
        if (!same) return `${name}.${column} row ${i + 1}: saved ${shown(va)}, now ${shown(vb)}`;
      }
    }
  }
  return null;
}
