import type { TableMapping } from './mapping';
import { parseDecimal } from './parse-decimal';
import { SCHEMA, describeRange, normalizeColumnName, type ColumnSpec, type TableName } from './schema';
import { COUNTERPARTY, SYNONYMS } from './synonyms';

/** matched: the same name (as written, or written differently); guessed: a synonym or the values; missing: nothing fits. */
export type MatchStatus = 'matched' | 'guessed' | 'missing';

/** What the suggestion says about one model column. */
export interface ColumnMatch {
  column: string;
  required: boolean;
  status: MatchStatus;
  /** The file's column it is read from, or null. */
  file: string | null;
  /** Why, in words: the name, the synonym, the values — and what to check. */
  reason: string;
}

/** A suggested mapping of a file's columns onto a table of MODEL §1. */
export interface MappingSuggestion {
  table: TableName;
  /** One per model column, in the schema's order. */
  columns: ColumnMatch[];
  /** Model column → file column, for every matched or guessed column: pass it to the import as it is. */
  mapping: TableMapping;
  /** File columns that map to nothing (they are kept as extra columns, with a warning). */
  unused: string[];
  /** Every required column is matched or guessed. */
  complete: boolean;
  /** How well the file's columns fit this table; comparable across tables for the same file. */
  fitness: number;
}

/** A header in comparable form: `Collateral (ETH)` → name collateral, unit eth; `debtAmount` → debt_amount. */
export function normalizeHeader(header: string): { name: string; unit: string } {
  const units: string[] = [];
  const bare = header.replace(/[([{]([^)\]}]*)[)\]}]/g, (_m, u: string) => {
    units.push(u.trim().toLowerCase());
    return ' ';
  });
  const name = bare
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/%/g, ' pct ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return { name, unit: units.join(' ') };
}

interface Sample {
  nonEmpty: number;
  numbers: number;
  /** Numbers written with % or between 1 and 100. */
  percentLike: number;
  distinct: Set<string>;
  example: string | null;
}

interface Candidate {
  column: number;
  file: number;
  score: number;
  status: 'matched' | 'guessed';
  reason: string;
}

/**
 * Suggests how a file's columns map onto `table`: by name (case, spaces and separators aside),
 * by a list of usual synonyms, and by the values (`samples`, column-major text of the first
 * rows: numbers for number columns, enum values for enums). Each file column is used once.
 */
export function suggestMapping(headers: readonly string[], table: TableName, samples?: readonly (readonly (string | null)[])[]): MappingSuggestion {
  const spec = SCHEMA[table];
  const norm = headers.map(normalizeHeader);
  const stats = headers.map((_, j) => sampleOf(samples?.[j]));
  const candidates: Candidate[] = [];
  const rejected = new Map<number, string>();
  spec.columns.forEach((c, ci) => {
    headers.forEach((h, j) => {
      const cand = nameCandidate(c, table, h, norm[j] as { name: string; unit: string }, stats[j] as Sample);
      if (!cand) return;
      // A column named as the model names it is that column whatever its values: a bad value is
      // then an error of its row, not a reason to read the file as another table or leave it out.
      const why = cand.status === 'matched' ? null : typeMismatch(c, h, stats[j] as Sample);
      if (why) {
        if (!rejected.has(ci)) rejected.set(ci, why);
        return;
      }
      candidates.push({ column: ci, file: j, ...cand, score: cand.score + affinity(c, stats[j] as Sample) });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column || a.file - b.file);
  const byColumn = new Map<number, Candidate>();
  const usedFiles = new Set<number>();
  for (const cand of candidates) {
    if (byColumn.has(cand.column) || usedFiles.has(cand.file)) continue;
    byColumn.set(cand.column, cand);
    usedFiles.add(cand.file);
  }
  if (table === 'obligations') counterparty(headers, norm, byColumn, usedFiles);
  const columns: ColumnMatch[] = spec.columns.map((c, ci) => {
    const cand = byColumn.get(ci);
    if (!cand) return { column: c.name, required: c.required, status: 'missing', file: null, reason: missingReason(c, rejected.get(ci)) };
    const file = headers[cand.file] as string;
    return { column: c.name, required: c.required, status: cand.status, file, reason: cand.reason + notes(c, norm[cand.file]?.unit ?? '', stats[cand.file] as Sample) };
  });
  const mapping: Record<string, string> = {};
  for (const m of columns) if (m.file !== null) mapping[m.column] = m.file;
  const unused = headers.filter((_, j) => !usedFiles.has(j));
  let fitness = -0.3 * unused.length;
  for (const [ci, cand] of byColumn) fitness += ((spec.columns[ci] as ColumnSpec).required ? 2 : 1) * (cand.score / 100);
  const complete = columns.every((m) => !m.required || m.status !== 'missing');
  return { table, columns, mapping, unused, complete, fitness };
}

function nameCandidate(c: ColumnSpec, table: TableName, header: string, n: { name: string; unit: string }, s: Sample): Omit<Candidate, 'column' | 'file'> | null {
  if (normalizeColumnName(header) === c.name) return { score: 100, status: 'matched', reason: `the file's column is ${c.name}` };
  if (n.name === c.name || (n.name.replace(/_/g, '') === c.name.replace(/_/g, '') && n.name !== '')) {
    return { score: 95, status: 'matched', reason: `"${header}" is ${c.name} written differently` };
  }
  const synonyms = SYNONYMS[table][c.name] ?? [];
  const k = synonyms.findIndex((syn) => syn.name === n.name);
  if (k >= 0) {
    const note = synonyms[k]?.note;
    return { score: 80 - k * 0.1, status: 'guessed', reason: `"${header}" is a usual name for ${c.name}${note ? `; ${note}` : ''}` };
  }
  const parts = c.name.split('_');
  const words = new Set(n.name.split('_'));
  if (parts.length > 1 && parts.every((p) => words.has(p))) {
    return { score: 60, status: 'guessed', reason: `"${header}" contains ${parts.join(' and ')}` };
  }
  if (c.type.kind === 'enum' && s.nonEmpty > 0) {
    const values = c.type.values;
    if ([...s.distinct].every((v) => values.includes(v))) return { score: 45, status: 'guessed', reason: `the values of "${header}" are all ${values.join(' or ')}` };
  }
  return null;
}

/** A small bonus when the values are of the column's kind: numbers for a number column, text for the others. */
function affinity(c: ColumnSpec, s: Sample): number {
  if (s.nonEmpty === 0) return 0;
  const numeric = s.numbers >= 0.8 * s.nonEmpty;
  return numeric === (c.type.kind === 'number') ? 5 : 0;
}

/** Why a column's values rule it out for a model column, or null. */
function typeMismatch(c: ColumnSpec, header: string, s: Sample): string | null {
  if (s.nonEmpty === 0) return null;
  if (c.type.kind === 'number' && s.numbers < 0.8 * s.nonEmpty) {
    return `"${header}" looks like ${c.name} by its name, but its values are not numbers (e.g. "${s.example ?? ''}")`;
  }
  const noNumbers = c.type.kind === 'enum' || (c.type.kind === 'ref' && c.type.to === 'asset');
  if (noNumbers && s.numbers === s.nonEmpty) {
    return `"${header}" looks like ${c.name} by its name, but its values are numbers, not ids or names`;
  }
  return null;
}

/** What to check about a match: units the header states, fractions written as percents. */
function notes(c: ColumnSpec, unit: string, s: Sample): string {
  const out: string[] = [];
  const headerUsd = /\b(usd|\$|dollars?)\b/.test(unit);
  if (c.unit === 'units' && headerUsd) out.push(`the header says USD, but ${c.name} is in units of the asset: convert it, or check the column`);
  if (c.unit.startsWith('USD') && unit !== '' && !headerUsd && !/^%|pct|percent$/.test(unit)) {
    out.push(`the header says ${unit.toUpperCase()}, but ${c.name} is in ${c.unit}: convert it, or check the column`);
  }
  if (c.unit === 'fraction' && s.numbers > 0 && s.percentLike >= 0.5 * s.numbers) {
    out.push(`its values look like percents (e.g. ${s.example ?? ''}); ${c.name} is a fraction (${describeRange(c.type)}): divide by 100 — the import flags every such row`);
  }
  return out.length ? `; ${out.join('; ')}` : '';
}

function missingReason(c: ColumnSpec, rejected: string | undefined): string {
  const base = rejected ?? 'no column of the file looks like it';
  if (c.required) return `${base}; ${c.name} is required: choose the file's column that holds it`;
  const dflt = c.default === undefined ? (c.type.kind === 'number' ? 'empty' : 'empty') : String(c.default);
  return `${base}; optional: ${dflt === 'empty' ? 'left empty' : `the default ${dflt} is used`}`;
}

/** In obligations, a Counterparty column is the side the other columns leave open. */
function counterparty(headers: readonly string[], norm: readonly { name: string }[], byColumn: Map<number, Candidate>, used: Set<number>): void {
  const cols = SCHEMA.obligations.columns;
  const debtor = cols.findIndex((c) => c.name === 'debtor');
  const creditor = cols.findIndex((c) => c.name === 'creditor');
  const j = norm.findIndex((n, k) => COUNTERPARTY.has(n.name) && !used.has(k));
  if (j < 0) return;
  const h = headers[j] as string;
  const d = byColumn.get(debtor);
  const c = byColumn.get(creditor);
  let target: number;
  let reason: string;
  if (d && !c) {
    target = creditor;
    reason = `"${h}" is taken as the creditor, since "${headers[d.file]}" is the debtor`;
  } else if (c && !d) {
    target = debtor;
    reason = `"${h}" is taken as the debtor, since "${headers[c.file]}" is the creditor`;
  } else if (!c && !d) {
    target = creditor;
    reason = `"${h}" could be either side of the claim; it is taken as the creditor (who is owed) — check the direction`;
  } else return;
  byColumn.set(target, { column: target, file: j, score: 55, status: 'guessed', reason });
  used.add(j);
}

function sampleOf(cells: readonly (string | null)[] | undefined): Sample {
  const s: Sample = { nonEmpty: 0, numbers: 0, percentLike: 0, distinct: new Set(), example: null };
  for (const raw of cells ?? []) {
    const t = raw?.trim() ?? '';
    if (t === '') continue;
    s.nonEmpty++;
    s.example ??= t;
    if (s.distinct.size < 50) s.distinct.add(t.toLowerCase());
    const pct = t.endsWith('%');
    const v = parseDecimal(t.replace(/^\$/, '').replace(/%$/, '').replace(/^([+-]?\d{1,3})(,\d{3})+(\.\d+)?$/, (m) => m.replace(/,/g, '')));
    if (Number.isFinite(v)) {
      s.numbers++;
      if (pct || (v > 1 && v <= 100)) s.percentLike++;
    }
  }
  return s;
}
