import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tableToIPC, type Table } from 'apache-arrow';
import { RESULT_TABLES, type ResultTableName } from '../protocol';
import { tableToCsvBytes } from '../results/to-csv';
import { err, ok, type Result } from '../util/result';
import { reason } from './cli-read-json';
import { makeDirs } from './make-dirs';

/** Writes each result table as `<name>.arrow` (Arrow IPC file) and `<name>.csv`, plus `summary.json`. */
export function writeResults(dir: string, tables: Record<ResultTableName, Table>, summaryJson: string): Result<string[], string> {
  const written: string[] = [];
  try {
    makeDirs(dir);
    for (const name of RESULT_TABLES) {
      const t = tables[name];
      writeFileSync(join(dir, `${name}.arrow`), tableToIPC(t, 'file'));
      const fd = openSync(join(dir, `${name}.csv`), 'w');
      try {
        for (const chunk of tableToCsvBytes(t)) writeSync(fd, chunk);
      } finally {
        closeSync(fd);
      }
      written.push(`${name}.arrow`, `${name}.csv`);
    }
    writeFileSync(join(dir, 'summary.json'), summaryJson);
    written.push('summary.json');
    return ok(written);
  } catch (e) {
    return err(`cannot write the results to ${dir}: ${reason(e)}`);
  }
}
