/** Lines of a text file around a problem, for the import dialog: the header and the offending row in context. */
export interface RowContext {
  header: string | null;
  lines: { line: number; text: string; offending: boolean }[];
  /** Index of the problem's column in the header, when it can be found by a plain split. */
  column: number | null;
  delimiter: string;
}

const MAX_LINE = 400;
const DELIMITERS = [',', ';', '\t', '|'];

function lineStarts(bytes: Uint8Array, upTo: number): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length && starts.length <= upTo; i++) if (bytes[i] === 10) starts.push(i + 1);
  return starts;
}

function decodeLine(bytes: Uint8Array, start: number, end: number): string {
  let text = new TextDecoder('utf-8').decode(bytes.subarray(start, Math.min(end, start + MAX_LINE * 4)));
  text = text.replace(/\r?\n$/, '').replace(/^\uFEFF/, '');
  return text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text;
}

export function guessDelimiter(header: string): string {
  let best = ',';
  let count = 0;
  for (const d of DELIMITERS) {
    const n = header.split(d).length - 1;
    if (n > count) {
      best = d;
      count = n;
    }
  }
  return best;
}

/**
 * The header (line 1) and lines `line − around … line + around` of a CSV file, 1-based as the
 * engine reports CSV rows. Null when the file has no such line.
 */
export function csvRowContext(bytes: Uint8Array, line: number, column: string | null, around = 2): RowContext | null {
  if (line < 1) return null;
  const starts = lineStarts(bytes, line + around + 1);
  if (line > starts.length || (starts[line - 1] as number) >= bytes.length) return null;
  const end = (k: number) => (k < starts.length ? (starts[k] as number) : bytes.length);
  const header = decodeLine(bytes, 0, end(1));
  const delimiter = guessDelimiter(header);
  const names = header.split(delimiter).map((h) => h.trim().replace(/^"|"$/g, '').trim().toLowerCase());
  const col = column === null ? -1 : names.indexOf(column.trim().toLowerCase());
  const lines: RowContext['lines'] = [];
  for (let k = Math.max(2, line - around); k <= line + around && k <= starts.length; k++) {
    const s = starts[k - 1] as number;
    if (s >= bytes.length) break;
    lines.push({ line: k, text: decodeLine(bytes, s, end(k)), offending: k === line });
  }
  return { header, lines, column: col < 0 ? null : col, delimiter };
}
