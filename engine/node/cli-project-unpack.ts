import { closeSync, existsSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { readContents, openEntries } from '../project/read-project';
import type { ProjectContents } from '../project/project';
import { RESULT_TABLES } from '../protocol';
import { tableToCsvBytes } from '../results/to-csv';
import { TABLE_NAMES } from '../workspace/schema';
import type { Table } from 'apache-arrow';
import { EXIT_INVALID, EXIT_OK, type CliIo, type ExitCode } from './cli-io';
import type { ProjectCommand } from './cli-project-args';
import { projectProblemText, readFileBytes, withPassphrase } from './cli-project-io';
import { processPassphraseSource, type PassphraseSource } from './cli-project-passphrase';
import { reason } from './cli-read-json';
import { makeDirs } from './make-dirs';

type UnpackOptions = Extract<ProjectCommand, { cmd: 'unpack' }>;

function writeCsv(path: string, t: Table): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of tableToCsvBytes(t)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/**
 * `firebreak unpack`: every entry of a verified project, byte for byte (so the manifest's hashes
 * still hold), into a folder; with --csv also each table as CSV under csv/. `workspace/` can then be run
 * with `firebreak run <out>/workspace --scenario <out>/scenarios/…`.
 */
export async function unpackCommand(o: UnpackOptions, io: CliIo, source: PassphraseSource = processPassphraseSource()): Promise<ExitCode> {
  const fail = (message: string): ExitCode => (io.err(`firebreak: ${message}\n`), EXIT_INVALID);
  const entries = namesIn(o.out);
  if (typeof entries === 'string') return fail(`cannot write into ${o.out}: ${entries}`);
  if (entries.length > 0 && !o.force) return fail(`${o.out} is not empty; add --force to write into it`);
  const bytes = readFileBytes(o.project, 'the project');
  if (!bytes.ok) return fail(bytes.error);
  const opened = await withPassphrase((phrase) => openEntries(bytes.value, phrase), source);
  if (!opened.ok) return fail(projectProblemText(o.project, opened.error));
  // Entries are unpacked only once their contents passed every check of an open.
  const contents = await readContents(opened.value);
  if (!contents.ok) return fail(projectProblemText(o.project, contents.error));

  const root = resolve(o.out);
  const written: string[] = [];
  try {
    for (const [name, data] of opened.value.entries) {
      const path = resolve(root, ...name.split('/'));
      if (!path.startsWith(root + sep)) return fail(`refusing to write ${name} outside ${o.out}`);
      makeDirs(dirname(path));
      writeFileSync(path, data, { mode: 0o600 });
      written.push(name);
    }
    if (o.csv) written.push(...writeCsvs(root, contents.value));
  } catch (e) {
    return fail(`cannot write into ${o.out}: ${reason(e)}`);
  }
  io.err(`firebreak: unpacked ${written.length} files from ${o.project} into ${o.out}${opened.value.encrypted ? ' (decrypted: keep them as safe as the project)' : ''}\n`);
  return EXIT_OK;
}

/** The names in folder `path` (none when it does not exist yet), or why it cannot be one. */
function namesIn(path: string): string[] | string {
  if (!existsSync(path)) return [];
  try {
    return readdirSync(path);
  } catch (e) {
    return reason(e);
  }
}

/** CSV copies under csv/, apart from workspace/ so that folder still imports as one workspace. */
function writeCsvs(root: string, p: ProjectContents): string[] {
  const out: string[] = [];
  makeDirs(join(root, 'csv', 'workspace'));
  if (p.results) makeDirs(join(root, 'csv', 'results'));
  for (const name of TABLE_NAMES) {
    const t = p.workspace.tables[name];
    if (!t) continue;
    writeCsv(join(root, 'csv', 'workspace', `${name}.csv`), t);
    out.push(`csv/workspace/${name}.csv`);
  }
  if (p.results) {
    for (const name of RESULT_TABLES) {
      writeCsv(join(root, 'csv', 'results', `${name}.csv`), p.results.tables[name]);
      out.push(`csv/results/${name}.csv`);
    }
  }
  return out;
}
