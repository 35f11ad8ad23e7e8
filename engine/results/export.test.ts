import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { inProcessEngine } from '../../test/helpers/in-process-engine';
import type { ResultTableName, RunResult, TablePage } from '../protocol';
import { RESULT_TABLES } from '../protocol';
import type { ReportData } from '../report/report-types';
import { exportTable } from './export';
import { Table } from 'apache-arrow';
import { boolVector, dictVector, f64Vector, i32Vector } from '../util/arrow-columns';

function engine() {
  const { answered } = inProcessEngine();
  return <T>(method: string, args: Record<string, unknown>) => answered(method, args) as Promise<{ ok: true; result: T } | { ok: false; error: { kind: string; message: string } }>;
}

describe('exportTable', () => {
  const t = new Table({
    step: i32Vector(Int32Array.from([0, 0, 1])),
    node: dictVector(Int32Array.from([0, 1, 2]), ['fund, "x"', '=cmd()', 'plain']),
    equity_usd: f64Vector(Float64Array.from([1.5, NaN, -0.1 + 0.3])),
    defaulted: boolVector(Uint8Array.from([0, 1, 0])),
  });

  it('writes CSV: the header, one line per row, quoted and defused text, empty NaN, exact numbers', () => {
    const out = exportTable(t, 'csv');
    expect(out.rows).toBe(3);
    expect(new TextDecoder().decode(out.bytes)).toBe('step,node,equity_usd,defaulted\n0,"fund, ""x""",1.5,false\n0,\'=cmd(),,true\n1,plain,0.19999999999999998,false\n');
  });

  it('writes an Arrow IPC file that reads back equal, in bytes that fill their own buffer', () => {
    const out = exportTable(t, 'arrow');
    expect(out.bytes.byteOffset).toBe(0);
    expect(out.bytes.byteLength).toBe(out.bytes.buffer.byteLength);
    // The file format starts and ends with the magic ARROW1.
    expect(new TextDecoder().decode(out.bytes.subarray(0, 6))).toBe('ARROW1');
    const back = tableFromIPC(out.bytes);
    expect(back.numRows).toBe(3);
    expect(back.schema.fields.map((f) => f.name)).toEqual(['step', 'node', 'equity_usd', 'defaulted']);
    expect(back.getChild('node')?.toArray()).toEqual(['fund, "x"', '=cmd()', 'plain']);
    expect(Array.from(back.getChild('equity_usd')?.toArray() as Float64Array)).toEqual([1.5, NaN, -0.1 + 0.3]);
  });
});

const DEMO = join(__dirname, '..', '..', 'assets', 'demo');
const files = readdirSync(join(DEMO, 'workspace')).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DEMO, 'workspace', name))) }));
const scenario = JSON.parse(readFileSync(join(DEMO, 'scenarios', 'flash-crash.json'), 'utf8')) as { events: unknown[] };

describe('results.export and results.report through serve()', () => {
  it('export every result table whole, as CSV and Arrow, matching the pages of results.table', async () => {
    const request = engine();
    expect((await request('workspace.import', { files })).ok).toBe(true);
    const run = await request<RunResult>('sim.run', { runId: 'r1', scenario });
    if (!run.ok) throw new Error(run.error.message);
    for (const table of RESULT_TABLES) {
      const page = await request<TablePage>('results.table', { runId: 'r1', table, offset: 0, limit: 100_000 });
      if (!page.ok) throw new Error(page.error.message);
      const expected = tableFromIPC(page.result.ipc);
      const csv = await request<{ bytes: Uint8Array; rows: number }>('results.export', { runId: 'r1', table, format: 'csv' });
      const arrow = await request<{ bytes: Uint8Array; rows: number }>('results.export', { runId: 'r1', table, format: 'arrow' });
      if (!csv.ok || !arrow.ok) throw new Error(`${table} export failed`);
      expect(csv.result.rows, table).toBe(run.result.rowCounts[table as ResultTableName]);
      const parsed = Papa.parse<string[]>(new TextDecoder().decode(csv.result.bytes).trimEnd(), { delimiter: ',' });
      expect(parsed.errors, table).toEqual([]);
      expect(parsed.data[0], table).toEqual(expected.schema.fields.map((f) => f.name));
      expect(parsed.data.length - 1, table).toBe(run.result.rowCounts[table as ResultTableName]);
      const back = tableFromIPC(arrow.result.bytes);
      expect(back.numRows, table).toBe(expected.numRows);
      for (const f of expected.schema.fields) expect(Array.from(back.getChild(f.name)?.toArray() ?? []), `${table}.${f.name}`).toEqual(Array.from(expected.getChild(f.name)?.toArray() ?? []));
    }
    expect(await request('results.export', { runId: 'r1', table: 'positions', format: 'csv' })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await request('results.export', { runId: 'r1', table: 'nodes', format: 'xlsx' })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await request('results.export', { runId: 'nope', table: 'nodes', format: 'csv' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('export the rows a table’s filters keep, in its sort, as view.query shows them', async () => {
    const request = engine();
    await request('workspace.import', { files });
    const run = await request<RunResult>('sim.run', { runId: 'r1', scenario });
    if (!run.ok) throw new Error(run.error.message);
    const query = { filters: [{ column: 'venue', op: 'eq', value: 'aave' }], sort: { column: 'repaid_usd', desc: true } };
    const shown = await request<{ ipc: Uint8Array; matched: number }>('view.query', { source: { kind: 'results', runId: 'r1', table: 'liquidations' }, ...query, offset: 0, limit: 100_000 });
    if (!shown.ok) throw new Error(shown.error.message);
    expect(shown.result.matched).toBeGreaterThan(0);
    expect(shown.result.matched).toBeLessThan(run.result.rowCounts.liquidations);
    const arrow = await request<{ bytes: Uint8Array; rows: number }>('results.export', { runId: 'r1', table: 'liquidations', format: 'arrow', ...query });
    const csv = await request<{ bytes: Uint8Array; rows: number }>('results.export', { runId: 'r1', table: 'liquidations', format: 'csv', ...query });
    if (!arrow.ok || !csv.ok) throw new Error('export failed');
    expect([arrow.result.rows, csv.result.rows]).toEqual([shown.result.matched, shown.result.matched]);
    const expected = tableFromIPC(shown.result.ipc);
    const back = tableFromIPC(arrow.result.bytes);
    for (const f of expected.schema.fields) expect(Array.from(back.getChild(f.name)?.toArray() ?? []), f.name).toEqual(Array.from(expected.getChild(f.name)?.toArray() ?? []));
    expect(await request('results.export', { runId: 'r1', table: 'liquidations', format: 'csv', filters: 'venue=aave' })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
  });

  it('make the report from the scenario run, and refuse another one', async () => {
    const request = engine();
    await request('workspace.import', { files });
    const run = await request<RunResult>('sim.run', { runId: 'r1', scenario });
    if (!run.ok) throw new Error(run.error.message);
    const report = await request<ReportData>('results.report', { runId: 'r1', scenario });
    if (!report.ok) throw new Error(report.error.message);
    expect(report.result.stamp).toEqual(run.result.stamp);
    expect(report.result.kpis.total_liquidated_usd).toBe(run.result.summary.total_liquidated_usd);
    const defaulted = Object.entries(run.result.summary.nodes).filter(([, n]) => n.defaulted);
    expect(report.result.kpis.defaults).toBe(defaulted.length);
    expect(report.result.defaults.map((d) => d.path)).toEqual(report.result.defaults.map((d) => run.result.summary.nodes[d.node]?.path));
    expect(report.result.assumptions.events).toHaveLength(scenario.events.length);
    const other = { ...scenario, events: scenario.events.slice(1) };
    expect(await request('results.report', { runId: 'r1', scenario: other })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await request('results.report', { runId: 'r1', scenario: { steps: -1 } })).toMatchObject({ ok: false, error: { kind: 'invalid-scenario' } });
  });
});
