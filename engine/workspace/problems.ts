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

/**
 * Collects problems, keeping the first `limit` and counting all of them. Errors are kept ahead of
 * warnings, so a flood of warnings never hides what blocks an import.
 */
export class ProblemLog {
  private readonly keptErrors: ImportProblem[] = [];
  private readonly keptWarnings: ImportProblem[] = [];
  errors = 0;
  warnings = 0;
  constructor(readonly limit = 1000) {}

  /** The problems kept: errors first, then warnings, each in the order found; at most `limit`. */
  get items(): ImportProblem[] {
    const room = this.limit - this.keptErrors.length;
    return room >= this.keptWarnings.length
      ? [...this.keptErrors, ...this.keptWarnings]
      : [...this.keptErrors, ...this.keptWarnings.slice(0, Math.max(0, room))];
  }

  add(p: ImportProblem): void {
    if (p.severity === 'error') {
      this.errors++;
      if (this.keptErrors.length < this.limit) this.keptErrors.push(p);
    } else {
      this.warnings++;
      if (this.keptWarnings.length < this.limit) this.keptWarnings.push(p);
    }
  }

  /** Adds what another log collected, as if it had been logged here in its order. */
  absorb(other: ProblemLog): void {
    for (const p of other.keptErrors) this.add(p);
    for (const p of other.keptWarnings) this.add(p);
    this.errors += other.errors - other.keptErrors.length;
    this.warnings += other.warnings - other.keptWarnings.length;
  }

  /** Kept warnings only (what a successful import reports). */
  get warningItems(): ImportProblem[] {
    return this.keptWarnings.slice();
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
