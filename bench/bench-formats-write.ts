import { tableToIPC, type Table } from 'apache-arrow';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { Table as WasmTable, writeParquet } from 'parquet-wasm/esm';
import '../engine/node/parquet-wasm-node';
import type { InputFile } from '../engine/protocol';
import { parquetDecoder } from '../engine/workspace/parquet-wasm';
import { TABLE_NAMES, type TableName } from '../engine/workspace/schema';
import type { Workspace } from '../engine/workspace/workspace';

// Writes a workspace in every format the import reads, for the per-format import benchmark.

const enc = new TextEncoder();

function tables(ws: Workspace): [TableName, Table][] {
  return TABLE_NAMES.flatMap((n) => (ws.tables[n] ? [[n, ws.tables[n] as Table] as [TableName, Table]] : []));
}

/** Column values as plain arrays (strings, numbers, null). */
function columnsOf(t: Table): { names: string[]; values: unknown[][] } {
  const names = t.schema.fields.map((f) => f.name);
  return { names, values: names.map((n) => Array.from(t.getChild(n)?.toArray() ?? [])) };
}

export function arrowFiles(ws: Workspace): InputFile[] {
  return tables(ws).map(([n, t]) => ({ name: `${n}.arrow`, bytes: tableToIPC(t, 'file') }));
}

export function parquetFiles(ws: Workspace): InputFile[] {
  if (typeof parquetDecoder() === 'string') throw new Error('no Parquet decoder');
  return tables(ws).map(([n, t]) => ({ name: `${n}.parquet`, bytes: writeParquet(WasmTable.fromIPCStream(tableToIPC(t, 'stream'))) }));
}

/** One JSON document holding every table as an array of row objects. */
export function jsonDocument(ws: Workspace): InputFile {
  const parts: string[] = [];
  for (const [n, t] of tables(ws)) {
    const { names, values } = columnsOf(t);
    const rows: string[] = [];
    for (let i = 0; i < t.numRows; i++) {
      const row: Record<string, unknown> = {};
      names.forEach((c, j) => {
        const v = values[j]?.[i];
        row[c] = typeof v === 'number' && Number.isNaN(v) ? null : (v ?? null);
      });
      rows.push(JSON.stringify(row));
    }
    parts.push(`${JSON.stringify(n)}:[${rows.join(',\n')}]`);
  }
  return { name: 'workspace.json', bytes: enc.encode(`{${parts.join(',\n')}}`) };
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function colName(j: number): string {
  let s = '';
  for (let c = j + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * The whole workspace as one workbook, a sheet per table, strings shared — written directly
 * (exceljs needs minutes and gigabytes for a million rows).
 */
export function workbook(ws: Workspace): InputFile {
  const shared = new Map<string, number>();
  const files: Zippable = {};
  const list = tables(ws);
  list.forEach(([, t], s) => {
    const { names, values } = columnsOf(t);
    const letters = names.map((_, j) => colName(j));
    const chunks: Uint8Array[] = [strToU8('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')];
    const sid = (v: string): number => {
      let k = shared.get(v);
      if (k === undefined) shared.set(v, (k = shared.size));
      return k;
    };
    let buf = `<row r="1">${names.map((c, j) => `<c r="${letters[j]}1" t="s"><v>${sid(c)}</v></c>`).join('')}</row>`;
    for (let i = 0; i < t.numRows; i++) {
      const r = i + 2;
      buf += `<row r="${r}">`;
      for (let j = 0; j < names.length; j++) {
        const v = values[j]?.[i];
        if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
        buf += typeof v === 'number' ? `<c r="${letters[j]}${r}"><v>${v}</v></c>` : `<c r="${letters[j]}${r}" t="s"><v>${sid(String(v))}</v></c>`;
      }
      buf += '</row>';
      if (buf.length > 1 << 20) {
        chunks.push(enc.encode(buf));
        buf = '';
      }
    }
    chunks.push(enc.encode(`${buf}</sheetData></worksheet>`));
    files[`xl/worksheets/sheet${s + 1}.xml`] = concat(chunks);
  });
  const strings: Uint8Array[] = [strToU8(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="${shared.size}">`)];
  let buf = '';
  for (const v of shared.keys()) {
    buf += `<si><t>${xmlEscape(v)}</t></si>`;
    if (buf.length > 1 << 20) {
      strings.push(enc.encode(buf));
      buf = '';
    }
  }
  strings.push(enc.encode(`${buf}</sst>`));
  files['xl/sharedStrings.xml'] = concat(strings);
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  files['_rels/.rels'] = strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  files['xl/workbook.xml'] = strToU8(
    `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets>${list.map(([n], i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="s${i + 1}"/>`).join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list
      .map((_, i) => `<Relationship Id="s${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="ss" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  return { name: 'workspace.xlsx', bytes: zipSync(files, { level: 6 }) };
}
