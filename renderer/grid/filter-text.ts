import type { ColumnFilter, ColumnInfo } from '../../engine/view/view-types';

/**
 * What a person types in a column's filter box, as the engine's filters: for numbers `>5`, `<=0.8`,
 * `=3`, `!=0`, `10..20` or a bare number; for text a substring, or `=exact` / `!=exact`; for
 * yes/no columns `yes` or `no`. Null when the text cannot be read (the box shows it).
 */
export function parseFilter(text: string, col: ColumnInfo): ColumnFilter[] | null {
  const t = text.trim().replace(/−/g, '-');
  if (t === '') return [];
  const column = col.name;
  if (col.kind === 'bool') {
    if (/^(yes|y|true|1)$/i.test(t)) return [{ column, op: 'eq', value: 'true' }];
    if (/^(no|n|false|0)$/i.test(t)) return [{ column, op: 'eq', value: 'false' }];
    return null;
  }
  if (col.kind === 'string') {
    if (t.startsWith('!=')) return [{ column, op: 'ne', value: t.slice(2).trim() }];
    if (t.startsWith('=')) return [{ column, op: 'eq', value: t.slice(1).trim() }];
    return [{ column, op: 'contains', value: t }];
  }
  const range = /^(-?[\d.eE+]+)\s*\.\.\s*(-?[\d.eE+]+)$/.exec(t);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    return Number.isFinite(lo) && Number.isFinite(hi) ? [{ column, op: 'ge', value: lo }, { column, op: 'le', value: hi }] : null;
  }
  const cmp = /^(<=|>=|!=|<|>|=)?\s*(-?[\d.eE+]+)$/.exec(t);
  if (!cmp) return null;
  const value = Number(cmp[2]);
  if (!Number.isFinite(value)) return null;
  const op = ({ '<=': 'le', '>=': 'ge', '!=': 'ne', '<': 'lt', '>': 'gt', '=': 'eq' } as const)[cmp[1] as '<='] ?? 'eq';
  return [{ column, op, value }];
}
