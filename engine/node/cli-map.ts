import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { MappingSuggestion } from '../workspace/suggest-mapping';
import { closestTable } from '../workspace/detect-table';
import { previewFiles, type SourcePreview } from '../workspace/preview';
import type { TableName } from '../workspace/schema';
import { columns } from './cli-format';
import { EXIT_INVALID, EXIT_OK, type CliIo, type ExitCode } from './cli-io';
import { formatImportProblems } from './cli-problems';
import { reason } from './cli-read-json';

export interface MapOptions {
  file: string;
  table: TableName | null;
  json: boolean;
}

/**
 * `firebreak map <file>`: which table each source of the file (the file, or each sheet of a
 * workbook) is read as, how its columns map onto the table's (matched, guessed or missing, and
 * why), and the mapping document to save and pass back with `--map`.
 */
export async function mapCommand(o: MapOptions, io: CliIo): Promise<ExitCode> {
  // `book.xlsx#Loans` names one sheet of a workbook (when no file has that whole name).
  const hash = o.file.lastIndexOf('#');
  const [path, sheet] = hash > 0 && !existsSync(o.file) ? [o.file.slice(0, hash), o.file.slice(hash + 1)] : [o.file, null];
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    io.err(`firebreak: cannot read ${path}: ${reason(e)}\n`);
    return EXIT_INVALID;
  }
  const name = basename(path);
  const first = previewFiles([{ name, bytes }], {}, 20);
  const target = sheet === null ? null : `${name}#${sheet}`;
  if (target !== null && !first.sources.some((src) => src.source === target)) {
    io.err(`firebreak: ${name} has no sheet "${sheet}"; its sheets: ${first.sources.map((src) => src.source.slice(name.length + 1)).join(', ') || 'none that can be read'}\n`);
    return EXIT_INVALID;
  }
  const placed = tableSource(first.sources, o.table, target);
  if (placed !== null && typeof placed === 'object') {
    io.err(`firebreak: ${placed.problem}\n`);
    return EXIT_INVALID;
  }
  const tables: Record<string, TableName> = o.table && placed !== null ? { [placed]: o.table } : {};
  // Without --table, a source whose columns fit no table whole is mapped onto the one they come
  // closest to, its missing columns shown as missing: a mapping to correct, not an empty one.
  const guessed = new Map<string, string[]>();
  if (!o.table) {
    for (const src of first.sources) {
      if (src.table !== null) continue;
      const near = closestTable(src.headers);
      if (near === null) continue;
      tables[src.source] = near.table;
      guessed.set(src.source, near.missing);
    }
  }
  const preview = Object.keys(tables).length > 0 ? previewFiles([{ name, bytes }], { tables }, 20) : first;
  // A sheet named (`book.xlsx#Loans`): that sheet alone, its mapping and its problems.
  const sources = target === null ? preview.sources : preview.sources.filter((src) => src.source === target);
  const names = new Set(sources.flatMap((src) => [src.source, ...(src.table === null ? [] : [src.table])]));
  const problems = target === null ? preview.problems : preview.problems.filter((p) => names.has(p.table));
  const doc = mappingDocument(sources);
  if (o.json) {
    io.out(JSON.stringify({ sources: sources.map(({ sample: _s, ...rest }) => rest), problems, mapping: doc }, null, 2) + '\n');
    return sources.length ? EXIT_OK : EXIT_INVALID;
  }
  if (problems.length) io.out(formatImportProblems(problems, problems.length));
  for (const s of sources) io.out(describe(s, guessed.get(s.source) ?? null));
  if (!sources.length) {
    io.err(`firebreak: ${name} holds no table that can be read\n`);
    return EXIT_INVALID;
  }
  io.out(`Mapping (save it as mapping.json and pass --map mapping.json to run or validate):\n${JSON.stringify(doc, null, 2)}\n`);
  return EXIT_OK;
}

/**
 * The source --table names: the sheet asked for, the file's only one, or the one sheet of a
 * workbook whose name does not already say its table (sheets named assets, nodes… keep theirs).
 */
function tableSource(sources: readonly SourcePreview[], table: TableName | null, asked: string | null): string | null | { problem: string } {
  if (table === null) return null;
  if (asked !== null) return asked;
  if (sources.length === 1) return (sources[0] as SourcePreview).source;
  const open = sources.filter((src) => src.tableFrom !== 'name');
  if (open.length === 1) return (open[0] as SourcePreview).source;
  const names = (open.length > 0 ? open : sources).map((src) => src.source);
  return { problem: `--table ${table} fits more than one sheet (${names.join(', ')}); name one: firebreak map "${names[0]}" --table ${table}` };
}

function describe(s: SourcePreview, lacking: string[] | null): string {
  const how =
    lacking !== null
      ? `its columns come closest to it; it lacks ${lacking.join(', ')}: add ${lacking.length === 1 ? 'that column' : 'those columns'} to the file or map ${lacking.length === 1 ? 'it' : 'them'} below`
      : s.tableFrom === 'name' ? 'by its name' : s.tableFrom === 'columns' ? 'from its columns' : s.tableFrom === 'option' ? 'as asked' : '';
  const head = s.table ? `${s.source} → ${s.table} (${how})` : `${s.source}: no table${s.suggestion ? `; its columns fit ${s.suggestion.table} best` : ''}`;
  const lines = [`\n${head}`];
  const sug = s.suggestion;
  if (sug) {
    const rows = [['column', 'status', 'file column', 'reason']];
    for (const c of sug.columns) rows.push([`${c.column}${c.required ? ' *' : ''}`, c.status, c.file ?? '—', c.reason]);
    lines.push(...columns(rows).map((l) => `  ${l}`));
    if (sug.unused.length) lines.push(`  not used (kept as extra columns): ${sug.unused.join(', ')}`);
  }
  if (s.problems.length) lines.push(formatImportProblems(s.problems, s.problems.length).trimEnd());
  return lines.join('\n') + '\n';
}

/** The `--map` document: each table's mapping, and which table each source is when its name does not say. */
export function mappingDocument(sources: readonly SourcePreview[]): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  const tables: Record<string, TableName> = {};
  for (const s of sources) {
    const sug: MappingSuggestion | null = s.suggestion;
    const table = s.table ?? null;
    if (!table || !sug || sug.table !== table) continue;
    doc[table] = sug.mapping;
    if (s.tableFrom !== 'name') tables[s.source] = table;
  }
  if (Object.keys(tables).length) doc.tables = tables;
  return doc;
}
