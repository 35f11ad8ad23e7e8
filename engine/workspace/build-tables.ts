import { Table, type Vector } from 'apache-arrow';
import { f64Vector } from '../util/arrow-columns';
import { stringVector } from './arrow-build';
import type { CheckedTable } from './checked-table';

/**
 * The Arrow table of a checked table: model columns in SCHEMA order under their MODEL names
 * (numbers Float64, strings Dictionary<Utf8, Int32>), then unknown columns under their headers.
 * The checked arrays become the table's (no copy).
 */
export function buildTable(t: CheckedTable): Table {
  const columns: Record<string, Vector> = {};
  let id = 0;
  for (const c of t.spec.columns) {
    const num = t.numbers.get(c.name);
    const str = t.strings.get(c.name);
    if (num) columns[c.name] = f64Vector(num);
    else if (str) columns[c.name] = stringVector(str, !c.required, id++);
  }
  for (const col of t.unknown) {
    if (col.header in columns) continue;
    columns[col.header] = col.kind === 'number' ? f64Vector(col.values) : stringVector(col, true, id++);
  }
  return new Table(columns);
}
