import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA, TABLE_NAMES, describeRange, type ColumnSpec } from '../workspace/schema';
import { EXIT_INVALID, EXIT_OK, type CliIo, type ExitCode } from './cli-io';
import { checkTargets, OutFolder } from './out-folder';

export const TEMPLATE_WORKBOOK = 'workspace-template.xlsx';
/** Rows of an enum column that offer the allowed values as a list. */
const LIST_ROWS = 1000;

/** A column's type for people: "id of a venue node", "one of: long, short", "number". */
export function typeText(c: ColumnSpec): string {
  switch (c.type.kind) {
    case 'id':
      return 'id (text, unique in the table)';
    case 'ref':
      return c.type.to === 'venue' ? 'id of a node of kind venue' : `id of ${c.type.to === 'asset' ? 'an asset (or USD)' : `a ${c.type.to}`}`;
    case 'enum':
      return `one of: ${c.type.values.join(', ')}`;
    case 'number':
      return c.type.integer ? 'whole number' : 'number';
    case 'text':
      return 'text';
  }
}

/** What a column must hold: the number range, or the allowed values. */
export function rangeText(c: ColumnSpec): string {
  if (c.type.kind === 'number') return describeRange(c.type);
  if (c.type.kind === 'enum') return c.type.values.join(' | ');
  return '';
}

export function defaultText(c: ColumnSpec): string {
  if (c.required) return '(required)';
  if (c.default !== undefined) return String(c.default);
  return '(empty)';
}

/** The README sheet's rows: every table and column of MODEL §1 with unit, range and default. */
export function readmeRows(): string[][] {
  const rows = [['table', 'column', 'required', 'type', 'unit', 'range', 'default', 'description']];
  for (const t of TABLE_NAMES) {
    const spec = SCHEMA[t];
    rows.push([t, '', spec.required ? 'table required' : 'table optional', '', '', '', '', spec.description]);
    for (const c of spec.columns) rows.push([t, c.name, c.required ? 'yes' : 'no', typeText(c), c.unit, rangeText(c), defaultText(c), c.description]);
  }
  return rows;
}

/**
 * `firebreak template <dir>`: an empty CSV per table in `<dir>/csv` (its header line) and one
 * workbook `<dir>/workspace-template.xlsx` with a sheet per table (header row, notes with unit, range and default, a list for enums) and a README
 * sheet describing every column — all generated from the schema the validator uses.
 */
export async function templateCommand(dir: string, force: boolean, io: CliIo): Promise<ExitCode> {
  const names = [TEMPLATE_WORKBOOK, ...TABLE_NAMES.map((t) => `csv/${t}.csv`)];
  // Every path is checked before anything is written (a folder where a file goes stops it, --force or not).
  const can = await checkTargets(dir, names.map((name) => ({ name })), { force, inputs: [], writer: 'template' });
  if (!can.ok) {
    const clash = names.filter((n) => existsSync(join(dir, n)));
    io.err(`firebreak: ${clash.length && !force && can.error.startsWith('nothing was written') ? `${dir} already has ${clash.map((n) => join(...n.split('/'))).join(', ')}; pass --force to overwrite` : can.error}\n`);
    return EXIT_INVALID;
  }
  const book = await workbook();
  const written = OutFolder.run(dir, (out) => {
    for (const t of TABLE_NAMES) out.write(`csv/${t}.csv`, [`${SCHEMA[t].columns.map((c) => c.name).join(',')}\n`]);
    out.write(TEMPLATE_WORKBOOK, [book]);
  });
  if (!written.ok) {
    io.err(`firebreak: ${written.error}\n`);
    return EXIT_INVALID;
  }
  io.out(
    `Wrote ${join(dir, TEMPLATE_WORKBOOK)} (a sheet per table, and a README sheet describing every column) and an empty CSV per table in ${join(dir, 'csv')}.\n` +
      `Fill either: firebreak validate ${join(dir, TEMPLATE_WORKBOOK)}  or  firebreak validate ${join(dir, 'csv')}\n`,
  );
  return EXIT_OK;
}

/** The template workbook's bytes. */
export async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Firebreak';
  const readme = wb.addWorksheet('README', { views: [{ state: 'frozen', ySplit: 1 }] });
  readmeRows().forEach((r, i) => {
    const row = readme.addRow(r);
    if (i === 0 || r[1] === '') row.font = { bold: true };
  });
  readme.columns.forEach((col, j) => (col.width = [14, 24, 14, 30, 16, 18, 12, 80][j] ?? 16));
  for (const t of TABLE_NAMES) {
    const sheet = wb.addWorksheet(t, { views: [{ state: 'frozen', ySplit: 1 }] });
    const cols = SCHEMA[t].columns;
    const header = sheet.addRow(cols.map((c) => c.name));
    header.font = { bold: true };
    cols.forEach((c, j) => {
      sheet.getColumn(j + 1).width = Math.max(12, c.name.length + 4);
      const range = rangeText(c);
      header.getCell(j + 1).note = `${c.description}\nunit: ${c.unit}${range ? `\nrange: ${range}` : ''}\ndefault: ${defaultText(c)}`;
      if (c.type.kind === 'enum') {
        const list = { type: 'list' as const, allowBlank: !c.required, formulae: [`"${c.type.values.join(',')}"`] };
        // One validation for the column's range: set cell by cell, exceljs wrote it as two
        // overlapping ranges (B10:B1000 and B2:B1000, its cells sorted as text), which Excel may refuse.
        const column = sheet.getColumn(j + 1).letter;
        (sheet as unknown as { dataValidations: { add(range: string, v: typeof list): void } }).dataValidations.add(`${column}2:${column}${LIST_ROWS}`, list);
      }
    });
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
