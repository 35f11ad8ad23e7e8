import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { InputFile } from '../protocol';
import { openWorkspace, type OpenWorkspace } from '../open-workspace';
import type { ScenarioProblem } from '../scenario/validate';
import { err, ok, type Result } from '../util/result';
import { importWorkspace, type ImportOptions } from '../workspace/import';
import { TABLE_NAMES } from '../workspace/schema';
import { readMappingFile } from './cli-map-file';
import type { ImportProblem } from '../workspace/problems';
import { reason } from './cli-read-json';
import { readWorkspaceFolder, subfoldersWithTables } from './read-folder';

/** Why a command could not use its input: a message, and the problems when there is a list. */
export type InputError =
  | { kind: 'message'; message: string }
  | { kind: 'workspace'; message: string; problems: ImportProblem[]; total: number }
  | { kind: 'scenario'; message: string; problems: ScenarioProblem[] };

export interface Loaded {
  ow: OpenWorkspace;
  /** Reading the files, parsing, validating and compiling, ms. */
  importMs: number;
  bytes: number;
}

/**
 * Reads a workspace — a folder of table files, or one workbook or JSON document holding every
 * table — imports it (MODEL §1; `mapPath` is a `--map` mapping file) and opens it for runs.
 */
export async function loadWorkspace(dir: string, mapPath: string | null = null): Promise<Result<Loaded, InputError>> {
  const t0 = performance.now();
  let options: ImportOptions = {};
  if (mapPath !== null) {
    const m = readMappingFile(mapPath);
    if (!m.ok) return err({ kind: 'message', message: m.error });
    options = m.value;
  }
  let files: InputFile[];
  let folder = false;
  try {
    folder = !(await stat(dir)).isFile();
    files = folder ? await readWorkspaceFolder(dir) : [{ name: basename(dir), bytes: new Uint8Array(await readFile(dir)) }];
  } catch (e) {
    return err({ kind: 'message', message: `cannot read the workspace ${dir}: ${reason(e)}` });
  }
  const imported = importWorkspace(files, options);
  if (!imported.ok) {
    const { problems, total, errors } = imported.error;
    const subfolders = folder ? await subfoldersWithTables(dir, TABLE_NAMES) : [];
    const hint = subfolders.length
      ? ` (a workspace is the files of one folder: its subfolder${subfolders.length === 1 ? '' : 's'} ${subfolders.map((f) => `${f}/`).join(', ')} ${subfolders.length === 1 ? 'is' : 'are'} not read; give ${join(dir, subfolders[0] as string)} to read ${subfolders.length === 1 ? 'it' : 'one'})`
      : '';
    return err({ kind: 'workspace', message: `the workspace ${dir} was not imported: ${errors} error${errors === 1 ? '' : 's'}${hint}`, problems, total });
  }
  const ow = await openWorkspace(imported.value);
  let bytes = 0;
  for (const f of files) bytes += f.bytes.length;
  return ok({ ow, importMs: performance.now() - t0, bytes });
}
