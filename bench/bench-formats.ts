import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateWorkspace } from '../engine/node/generate';
import { readWorkspaceFolder } from '../engine/node/read-folder';
import type { InputFile } from '../engine/protocol';
import { importWorkspace } from '../engine/workspace/import';
import { arrowFiles, jsonDocument, parquetFiles, workbook } from './bench-formats-write';

export interface FormatResult {
  format: string;
  files: number;
  mb: number;
  /** The first import of this format in the process (its reader cold), and the next one. */
  firstMs: number;
  secondMs: number;
  rows: number;
}

function timeImport(files: InputFile[]): { ms: number; rows: number } {
  const t = performance.now();
  const r = importWorkspace(files);
  const ms = performance.now() - t;
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.error.problems.slice(0, 3))}`);
  let rows = 0;
  for (const table of Object.values(r.value.tables)) rows += table?.numRows ?? 0;
  return { ms, rows };
}

/** Import (parse + validate + Arrow tables) of the same workspace in every format, timed twice each. */
export async function measureFormats(positions: number, seed = 1): Promise<FormatResult[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'firebreak-formats-'));
  try {
    const g = generateWorkspace(tmp, { positions, seed });
    if (!g.ok) throw new Error(g.error);
    const csv = (await readWorkspaceFolder(tmp)).filter((f) => f.name.endsWith('.csv'));
    const base = importWorkspace(csv);
    if (!base.ok) throw new Error('the generated workspace does not import');
    const variants: [string, () => InputFile[]][] = [
      ['CSV', () => csv],
      ['Arrow IPC', () => arrowFiles(base.value)],
      ['Parquet', () => parquetFiles(base.value)],
      ['JSON (one document)', () => [jsonDocument(base.value)]],
      ['xlsx (one workbook)', () => [workbook(base.value)]],
    ];
    const out: FormatResult[] = [];
    for (const [format, write] of variants) {
      console.log(`bench: formats: writing ${format}…`);
      const files = write();
      const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
      const first = timeImport(files);
      const second = timeImport(files);
      out.push({ format, files: files.length, mb: bytes / 1e6, firstMs: first.ms, secondMs: second.ms, rows: first.rows });
      console.log(`bench: formats: ${format}: ${(bytes / 1e6).toFixed(1)} MB in ${Math.round(first.ms)} / ${Math.round(second.ms)} ms`);
    }
    return out;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The RESULTS.md section: MB/s per format for `positions` positions. */
export async function formatsSection(positions: number): Promise<string> {
  const rows = await measureFormats(positions);
  const label = positions >= 1_000_000 ? `${positions / 1_000_000}M` : `${positions / 1000}k`;
  const rate = (mb: number, ms: number): string => `${Math.round(mb / (ms / 1000))} MB/s`;
  return [
    `## Import by format (${label} positions, the same workspace)`,
    '',
    'importWorkspace (read + parse + validate + Arrow tables) in this process; first = the first import of that format (its reader not yet optimised by the JIT), second = the same files again.',
    '',
    '| format | files | size | first import | second import | rows |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.format} | ${r.files} | ${r.mb.toFixed(1)} MB | ${Math.round(r.firstMs)} ms = ${rate(r.mb, r.firstMs)} | ${Math.round(r.secondMs)} ms = ${rate(r.mb, r.secondMs)} | ${r.rows.toLocaleString('en-US')} |`),
    '',
  ].join('\n');
}
