import { Float32, Int64, Table, Utf8, makeVector, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { Table as WasmTable, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm/esm';
import { describe, expect, it } from 'vitest';
import '../node/parquet-wasm-node';
import { cells } from '../../test/fixtures/workspaces/raw';
import { csvFiles } from '../../test/fixtures/workspaces/valid';
import type { InputFile } from '../protocol';
import { importWorkspace } from './import';
import { readParquetFooter } from './parquet-footer';
import { parquetDecoder } from './parquet-wasm';
import { ProblemLog } from './problems';
import { rowNumberOf } from './raw-table';
import { parquetSource } from './read-parquet';
import { readOptions } from './mapping';
import { splitName } from './formats';

function parquet(columns: Record<string, Vector>, rowGroupRows?: number): Uint8Array {
  if (typeof parquetDecoder() === 'string') throw new Error('no decoder');
  const props = rowGroupRows ? new WriterPropertiesBuilder().setMaxRowGroupSize(rowGroupRows).build() : undefined;
  return writeParquet(WasmTable.fromIPCStream(tableToIPC(new Table(columns), 'stream')), props);
}

function holdings(rows: number): Record<string, Vector> {
  return {
    owner: vectorFromArray(Array.from({ length: rows }, (_, i) => (i % 2 ? 'bank' : 'fund')), new Utf8()),
    asset: vectorFromArray(Array.from({ length: rows }, () => 'ETH'), new Utf8()),
    amount: makeVector(Float64Array.from({ length: rows }, (_, i) => i + 0.5)),
  };
}

function read(file: InputFile): { t: ReturnType<typeof cells> | null; rows: number[]; log: ProblemLog } {
  const log = new ProblemLog();
  const [src] = parquetSource(file, splitName(file.name), 'holdings', log) ?? [];
  if (!src) return { t: null, rows: [], log };
  const g = src.read('holdings', readOptions('holdings'), log);
  let r = g.next();
  while (!r.done) r = g.next();
  const t = r.value;
  return { t: t ? cells(t) : null, rows: t ? Array.from({ length: t.rowCount }, (_, i) => rowNumberOf(t, i)) : [], log };
}

describe('Parquet', () => {
  it('reads every row group in order, numbering rows by record', () => {
    const bytes = parquet(holdings(25), 10);
    const footer = readParquetFooter(bytes);
    expect(typeof footer === 'string' ? footer : footer.rowGroups.map((g) => g.rows)).toEqual([10, 10, 5]);
    const { t, rows } = read({ name: 'holdings.parquet', bytes });
    expect(t?.length).toBe(25);
    expect(t?.[24]).toEqual(['fund', 'ETH', 24.5]);
    expect(rows.slice(0, 3)).toEqual([1, 2, 3]);
  });

  it('reads integers, float32 as the decimal written, and nulls as empty cells', () => {
    const bytes = parquet({
      owner: vectorFromArray(['fund', null, 'bank'], new Utf8()),
      asset: vectorFromArray(['ETH', 'ETH', 'USDC'], new Utf8()),
      amount: vectorFromArray([0.825, null, 2], new Float32()),
      lots: vectorFromArray([1n, 2n, 3n], new Int64()),
    });
    const { t } = read({ name: 'holdings.parquet', bytes });
    expect(t).toEqual([['fund', 'ETH', 0.825, '1'], [null, 'ETH', null, '2'], ['bank', 'USDC', 2, '3']]);
  });

  it('imports a whole workspace table and reports problems at the record number', () => {
    const cols = holdings(3);
    cols.amount = makeVector(Float64Array.from([1, -2, 3]));
    const r = importWorkspace([...csvFiles({ holdings: null }), { name: 'holdings.parquet', bytes: parquet(cols) }]);
    expect(r.ok ? [] : r.error.problems).toEqual([{ table: 'holdings', row: 2, column: 'amount', value: '-2', rule: 'must be ≥ 0', severity: 'error' }]);
  });

  it('checks the footer before decoding anything', () => {
    const bytes = parquet(holdings(5));
    expect(readParquetFooter(bytes.subarray(0, bytes.length - 1))).toBe('it does not start and end with PAR1');
    const cut = bytes.slice();
    cut.set([0xff, 0xff, 0xff, 0x7f], cut.length - 8);
    expect(readParquetFooter(cut)).toBe('its footer length is wrong (the file is cut short or damaged)');
    const { log } = read({ name: 'holdings.parquet', bytes: new TextEncoder().encode('PAR1 not really PAR1') });
    expect(log.items[0]?.rule).toMatch(/^is not a readable Parquet file: /);
  });

  it('refuses nested columns, naming why', () => {
    const nested = vectorFromArray([[1, 2], [3]]);
    const bytes = parquet({ owner: vectorFromArray(['a', 'b'], new Utf8()), list: nested });
    expect(readParquetFooter(bytes)).toBe('it has nested columns (lists, maps or structs); a workspace table needs flat columns');
  });
});
