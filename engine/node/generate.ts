import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateWorkspaceModel, type GenerateOptions } from '../generate/workspace';
import { writeTables, type WrittenFile } from '../generate/tables';
import { err, ok, type Result } from '../util/result';
import { CsvFileWriter } from './generate-csv';
import { reason } from './cli-read-json';
import { makeDirs } from './make-dirs';

export type { GenerateOptions } from '../generate/workspace';

export interface GenerateReport {
  dir: string;
  files: WrittenFile[];
  positions: number;
  perps: number;
  nodes: number;
  obligations: number;
  holdings: number;
}

/**
 * Writes a seeded synthetic workspace (CSV tables) and its benchmark scenario (`scenario.json`)
 * into `dir`. The same options give byte-identical files.
 */
export function generateWorkspace(dir: string, opts: GenerateOptions): Result<GenerateReport, string> {
  const { u, pos, perps, net, scenario: scn } = generateWorkspaceModel(opts);
  try {
    makeDirs(dir);
    const files = writeTables((name, header) => new CsvFileWriter(join(dir, `${name}.csv`), header), u, pos, perps, net);
    const scenario = JSON.stringify(scn, null, 2) + '\n';
    writeFileSync(join(dir, 'scenario.json'), scenario);
    files.push({ name: 'scenario.json', rows: 0, bytes: Buffer.byteLength(scenario) });
    return ok({ dir, files, positions: pos.count, perps: perps.count, nodes: u.nodes.length, obligations: net.debtor.length, holdings: net.holdingOwner.length });
  } catch (e) {
    return err(`could not write the workspace to ${dir}: ${reason(e)}`);
  }
}
