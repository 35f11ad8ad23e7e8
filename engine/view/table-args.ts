import type { Table } from 'apache-arrow';
import { isObject, readString } from '../serve-args';
import { columnData } from './columns';
import type { ColumnFilter, TableSort } from './view-types';

const OPS: ReadonlySet<string> = new Set(['contains', 'eq', 'ne', 'lt', 'le', 'gt', 'ge']);

/** A request's sort of table `t`: null without one, or when it names no column of `t`. */
export function readSort(raw: unknown, t: Table): TableSort | null {
  if (!isObject(raw)) return null;
  const column = readString(raw.column);
  return column !== null && columnData(t, column) !== null ? { column, desc: raw.desc === true } : null;
}

/** A request's filters on table `t` (those naming no column of it left out); null when they are malformed. */
export function readFilters(raw: unknown, t: Table): ColumnFilter[] | null {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return null;
  const out: ColumnFilter[] = [];
  for (const f of raw) {
    if (!isObject(f)) return null;
    const column = readString(f.column);
    const op = readString(f.op);
    if (column === null || op === null || !OPS.has(op)) return null;
    if (typeof f.value !== 'string' && typeof f.value !== 'number') return null;
    if (columnData(t, column) === null) continue;
    out.push({ column, op: op as ColumnFilter['op'], value: f.value });
  }
  return out;
}
