import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { RecordBatchReader, tableToIPC, type Table } from 'apache-arrow';
import { RESULT_TABLES, type ResultTableName } from '../protocol';
import { tableToCsvBytes } from '../results/to-csv';
import type { Result } from '../util/result';
import { checkTargets, firstLine, OutFolder, type Input, type Target } from './out-folder';

/** The columns of each result table (engine/results/tables.ts; a test holds the two together). */
export const RESULT_COLUMNS: Record<ResultTableName, readonly string[]> = {
  prices: ['step', 'asset', 'market_price', 'fundamental_price', 'net_flow'],
  venues: ['step', 'venue', 'liquidations', 'repaid_usd', 'seized_usd', 'bad_debt_usd', 'halted', 'outage'],
  nodes: ['step', 'node', 'external_usd', 'obligations_usd', 'payments_usd', 'equity_usd', 'recovery_rate', 'defaulted'],
  losses: ['step', 'from', 'to', 'channel', 'amount_usd', 'impact_usd'],
  liquidations: ['step', 'position', 'venue', 'owner', 'repaid_usd', 'seized_units', 'bad_debt_usd', 'close_out'],
  oracles: ['step', 'oracle', 'asset', 'reported_price', 'updated'],
};

/** Whether an Arrow IPC file or stream holds a table of exactly these columns (its schema; the batches are not read). */
export async function arrowWithColumns(path: string, columns: readonly string[]): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const reader = await RecordBatchReader.from(fh);
    await reader.open();
    return reader.schema.fields.map((f) => f.name).join(',') === columns.join(',');
  } catch {
    return false;
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** Whether a file is a run's summary.json (what run --json prints). */
function isRunSummary(path: string): boolean {
  try {
    const doc: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
    return ['scenario', 'steps_run', 'converged', 'total_liquidated_usd', 'total_loss_usd', 'nodes', 'venues', 'timings'].every((k) => k in doc);
  } catch {
    return false;
  }
}

/** The files `run --out` writes, each recognised (by name and contents) when an earlier run --out wrote it. */
export function resultTargets(): Target[] {
  const out: Target[] = [];
  for (const name of RESULT_TABLES) {
    const columns = RESULT_COLUMNS[name];
    out.push({ name: `${name}.arrow`, ours: (path) => arrowWithColumns(path, columns) });
    out.push({ name: `${name}.csv`, ours: (path) => firstLine(path) === columns.join(',') });
  }
  out.push({ name: 'summary.json', ours: isRunSummary });
  return out;
}

/**
 * Whether `run --out dir` may write there (before the run): never over a file it reads nor into
 * the workspace folder; over an earlier run's results, yes; over any other file only with `force`.
 */
export function checkResultsOut(dir: string, force: boolean, inputs: readonly Input[]): Promise<Result<void, string>> {
  return checkTargets(dir, resultTargets(), { force, inputs, writer: 'run --out' });
}

/**
 * Writes each result table as `<name>.arrow` (Arrow IPC file) and `<name>.csv`, plus
 * `summary.json` — all of them or, on a failure, none (the message names the path that failed).
 */
export function writeResults(dir: string, tables: Record<ResultTableName, Table>, summaryJson: string): Result<string[], string> {
  return OutFolder.run(dir, (out) => {
    for (const name of RESULT_TABLES) {
      const t = tables[name];
      out.write(`${name}.arrow`, [tableToIPC(t, 'file')]);
      out.write(`${name}.csv`, tableToCsvBytes(t));
    }
    out.write('summary.json', [summaryJson]);
  });
}
