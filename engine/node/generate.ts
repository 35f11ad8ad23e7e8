import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { generateWorkspaceFiles, generateWorkspaceModel, type GenerateOptions } from '../generate/workspace';
import { writeTables, type WrittenFile } from '../generate/tables';
import { err, ok, type Result } from '../util/result';
import { CsvFileWriter } from './generate-csv';
import { reason } from './cli-read-json';
import { checkTargets, firstLine, isStaleTemp, OutFolder } from './out-folder';

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
 * into `dir`, all files or none (a failure removes what was written). The same options give
 * byte-identical files.
 */
export function generateWorkspace(dir: string, opts: GenerateOptions): Result<GenerateReport, string> {
  const { u, pos, perps, net, scenario: scn } = generateWorkspaceModel(opts);
  let files: WrittenFile[] = [];
  const written = OutFolder.run(dir, (out) => {
    files = writeTables((name, header) => new CsvFileWriter(out.temp(`${name}.csv`), header), u, pos, perps, net);
    const scenario = JSON.stringify(scn, null, 2) + '\n';
    out.write('scenario.json', [scenario]);
    files.push({ name: 'scenario.json', rows: 0, bytes: Buffer.byteLength(scenario) });
  });
  if (!written.ok) return written;
  return ok({ dir, files, positions: pos.count, perps: perps.count, nodes: u.nodes.length, obligations: net.debtor.length, holdings: net.holdingOwner.length });
}

/** The files generate writes, each with its first line (a table's header; scenario.json's "{"), and the scenario's name. */
function generatedShape(): { firstLines: Map<string, string>; scenarioName: string } {
  const g = generateWorkspaceFiles({ positions: 1, seed: 1 });
  const firstLines = new Map<string, string>();
  for (const f of g.files) firstLines.set(f.name, new TextDecoder().decode(f.bytes).split('\n')[0] as string);
  return { firstLines, scenarioName: g.scenario.name };
}

/** Whether every file in `names` (of folder dir) is one an earlier generate wrote: its name, its header, its scenario. */
function earlierGenerate(dir: string, names: readonly string[], shape: ReturnType<typeof generatedShape>): boolean {
  if (!names.includes('scenario.json')) return false;
  try {
    for (const name of names) {
      const path = join(dir, name);
      if (name === 'scenario.json') {
        const doc = JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown };
        if (doc.name !== shape.scenarioName) return false;
      } else {
        const header = shape.firstLines.get(name);
        if (header === undefined || firstLine(path) !== header) return false;
      }
    }
  } catch {
    return false;
  }
  return true;
}

/**
 * Whether `generate` may write into `dir` (checked before anything is generated): a new or
 * empty folder, or one an earlier generate wrote (its files only, as it wrote their headers and
 * its scenario); another only with `force`, which replaces generate's file names there and
 * leaves the rest. A folder where a file goes stops it either way.
 */
export async function checkGenerateTarget(dir: string, force: boolean): Promise<Result<void, string>> {
  const shape = generatedShape();
  const targets = [...shape.firstLines.keys(), 'scenario.json'].map((name) => ({ name }));
  const blocked = await checkTargets(dir, targets, { force: true, inputs: [], writer: 'generate' });
  if (!blocked.ok) return blocked;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return ok(undefined);
    return err(`cannot write into ${dir}: ${reason(e)}`);
  }
  // A generate killed while writing left its temporary files: they are not the user's.
  const removed = new Set<string>();
  for (const name of names.filter(isStaleTemp)) {
    try {
      unlinkSync(join(dir, name));
      removed.add(name);
    } catch {
      // Not removed: listed below with the folder's other files.
    }
  }
  names = names.filter((n) => !removed.has(n));
  if (names.length === 0 || force || earlierGenerate(dir, names, shape)) return ok(undefined);
  const listed = names.sort().slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
  return err(`nothing was written: ${dir} is not empty (${listed}) and is not a workspace generate wrote; add --force to write into it (the files generate writes are replaced, the others left), or choose a new or empty folder`);
}
