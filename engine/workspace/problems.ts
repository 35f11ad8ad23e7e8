/**
 * One problem found while importing a table (MODEL §1): where it is, as the user finds it in
 * the file, and which rule it breaks.
 */
export interface ImportProblem {
  table: string;
  /** CSV: the file line (header = 1); Excel: the sheet row; JSON/Arrow/Parquet: 1-based record; null for a table-level problem. */
  row: number | null;
  column: string | null;
  value: string | null;
  rule: string;
  severity: 'error' | 'warning';
}

/** Collects problems, keeping the first `limit` and counting all of them. */
export class ProblemLog {
  readonly items: ImportProblem[] = [];
  errors = 0;
  warnings = 0;
  constructor(readonly limit = 1000) {}

  add(p: ImportProblem): void {
    if (p.severity === 'error') this.errors++;
    else this.warnings++;
    if (this.items.length < this.limit) this.items.push(p);
  }

  error(table: string, row: number | null, column: string | null, value: unknown, rule: string): void {
    this.add({ table, row, column, value: showValue(value), rule, severity: 'error' });
  }

  warn(table: string, row: number | null, column: string | null, value: unknown, rule: string): void {
    this.add({ table, row, column, value: showValue(value), rule, severity: 'warning' });
  }

  get total(): number {
    return this.errors + this.warnings;
  }
}

export function showValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? '' : String(v);
  const s = String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
