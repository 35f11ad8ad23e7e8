import { Bool, Dictionary, Float, Int, Utf8, type DataType, type Table, type Vector } from 'apache-arrow';
import { readFloats, readStrings } from '../util/arrow-columns';

/**
 * CSV text of an Arrow table (RFC 4180): a header line, then one line per row, `\n` line ends.
 * A cell is quoted when it holds the delimiter, a quote, a line break or leading/trailing
 * spaces (readers trim unquoted cells); quotes inside are doubled. Nulls and NaN are empty
 * cells; numbers use JavaScript's shortest round-trip form, so parsing them back is exact.
 */
export function tableToCsv(table: Table, delimiter = ','): string {
  let out = '';
  for (const chunk of tableToCsvChunks(table, 65_536, delimiter)) out += chunk;
  return out;
}

/** The same text in pieces of at most `rowsPerChunk` rows (the first piece starts with the header), for streaming to a file. */
export function* tableToCsvChunks(table: Table, rowsPerChunk = 65_536, delimiter = ','): Generator<string> {
  const names = table.schema.fields.map((f) => f.name);
  const cells = names.map((name) => cellFormatter(table.getChild(name), delimiter));
  const header = names.map((n) => quoteCell(n, delimiter)).join(delimiter) + '\n';
  const n = table.numRows;
  if (n === 0) {
    yield header;
    return;
  }
  const lines: string[] = [];
  for (let start = 0; start < n; start += rowsPerChunk) {
    const end = Math.min(n, start + rowsPerChunk);
    lines.length = 0;
    if (start === 0) lines.push(header);
    const row: string[] = new Array<string>(cells.length);
    for (let i = start; i < end; i++) {
      for (let c = 0; c < cells.length; c++) row[c] = (cells[c] as CellFormatter)(i);
      lines.push(row.join(delimiter) + '\n');
    }
    yield lines.join('');
  }
}

type CellFormatter = (row: number) => string;

/** Quotes a text cell when a CSV reader could misread it. */
export function quoteCell(s: string, delimiter = ','): string {
  let needs = s.length > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32);
  if (!needs) {
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch === delimiter || ch === '"' || ch === '\n' || ch === '\r') {
        needs = true;
        break;
      }
    }
  }
  return needs ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Text that a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading
 * apostrophe: ids come from user files, and result CSVs are opened in Excel (OWASP CSV injection).
 */
export function defuseFormula(s: string): string {
  const c = s.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${s}` : s;
}

/** A number as CSV text: empty for NaN, shortest round-trip otherwise. */
export function numberCell(x: number): string {
  if (Number.isNaN(x)) return '';
  return Object.is(x, -0) ? '0' : String(x);
}

function cellFormatter(v: Vector | null, delimiter: string): CellFormatter {
  if (!v) return () => '';
  const type = v.type as DataType;
  if (type instanceof Dictionary || type instanceof Utf8) {
    const { codes, dict } = readStrings(v);
    const quoted = dict.map((s) => quoteCell(defuseFormula(s), delimiter));
    return (i) => {
      const c = codes[i] as number;
      return c < 0 || !v.isValid(i) ? '' : (quoted[c] as string);
    };
  }
  if (type instanceof Float || (type instanceof Int && type.bitWidth <= 32)) {
    const values = readFloats(v);
    return (i) => numberCell(values[i] as number);
  }
  if (type instanceof Bool) {
    return (i) => {
      const x: unknown = v.get(i);
      return x === null || x === undefined ? '' : x ? 'true' : 'false';
    };
  }
  return (i) => {
    const x: unknown = v.get(i);
    if (x === null || x === undefined) return '';
    if (typeof x === 'number') return numberCell(x);
    return quoteCell(defuseFormula(String(x)), delimiter);
  };
}
