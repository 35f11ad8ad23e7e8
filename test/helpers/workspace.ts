import { Table, type Vector } from 'apache-arrow';
import { dictVector, f64Vector } from '../../engine/util/arrow-columns';
import { SCHEMA, TABLE_NAMES, type TableName } from '../../engine/workspace/schema';
import type { Workspace } from '../../engine/workspace/workspace';

export type Rows = Partial<Record<TableName, Record<string, string | number>[]>>;

/**
 * A workspace straight from row objects, defaults filled as the validator would, for kernel
 * tests that do not exercise the readers. Rows are trusted: no validation.
 */
export function workspaceFromRows(rows: Rows): Workspace {
  const tables: Workspace['tables'] = {};
  for (const name of TABLE_NAMES) {
    const list = rows[name];
    if (!list) continue;
    const cols: Record<string, Vector> = {};
    for (const c of SCHEMA[name].columns) {
      if (c.type.kind === 'number') {
        const dflt = typeof c.default === 'number' ? c.default : NaN;
        cols[c.name] = f64Vector(Float64Array.from(list, (r) => (r[c.name] === undefined || r[c.name] === '' ? dflt : Number(r[c.name]))));
      } else {
        const dict: string[] = [];
        const index = new Map<string, number>();
        const codes = Int32Array.from(list, (r) => {
          const raw = r[c.name] ?? c.default;
          if (raw === undefined || raw === '') return -1;
          const s = String(raw);
          let k = index.get(s);
          if (k === undefined) {
            k = dict.length;
            index.set(s, k);
            dict.push(s);
          }
          return k;
        });
        cols[c.name] = dictVector(codes, dict);
      }
    }
    tables[name] = new Table(cols);
  }
  return { tables, warnings: [] };
}
