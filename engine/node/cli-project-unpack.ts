import { closeSync, existsSync, lstatSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync, type Dirent, type Stats } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { parseManifest } from '../project/manifest';
import { readContents, openEntries } from '../project/read-project';
import type { ProjectContents } from '../project/project';
import { RESULT_TABLES } from '../protocol';
import { tableToCsvBytes } from '../results/to-csv';
import { TABLE_NAMES } from '../workspace/schema';
import { tableFromIPC, type Table } from 'apache-arrow';
import { EXIT_INVALID, EXIT_OK, type CliIo, type ExitCode } from './cli-io';
import type { ProjectCommand } from './cli-project-args';
import { projectProblemText, readFileBytes, withPassphrase, writeFileAtomicSync } from './cli-project-io';
import { processPassphraseSource, type PassphraseSource } from './cli-project-passphrase';
import { reason } from './cli-read-json';
import { makeDirs } from './make-dirs';

type UnpackOptions = Extract<ProjectCommand, { cmd: 'unpack' }>;

/** CSV copies are data read back as tables: every text as it is (not defused for spreadsheets, as result exports are). */
function writeCsv(path: string, t: Table): void {
  // A new file renamed into place: a file there (hard-linked elsewhere, say) is replaced, never rewritten.
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    for (const chunk of tableToCsvBytes(t, 65_536, ',', false)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** The CSV copy an unpack writes of a table's Arrow bytes. */
function csvBytesOf(arrow: Uint8Array): Buffer {
  return Buffer.concat([...tableToCsvBytes(tableFromIPC(arrow), 65_536, ',', false)]);
}

/**
 * The files an earlier unpack wrote into root, as its manifest.json lists them (each entry, and
 * the CSV copy of each table entry): the only files --force removes; and the entries that no
 * longer hold what the manifest says (edited since), which it will not touch. Nothing without a
 * readable Firebreak manifest there — a file of the user's own is never taken for an unpack's.
 */
function earlierUnpack(root: string): { files: Set<string>; changed: Set<string> } {
  const files = new Set<string>();
  const changed = new Set<string>();
  let manifest: ReturnType<typeof parseManifest>;
  try {
    manifest = parseManifest(new Uint8Array(readFileSync(join(root, 'manifest.json'))));
  } catch {
    return { files, changed };
  }
  if (!manifest.ok) return { files, changed };
  files.add('manifest.json');
  for (const [name, entry] of Object.entries(manifest.value.entries)) {
    files.add(name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(root, ...name.split('/')));
    } catch {
      continue; // Gone or unreadable: nothing of it to keep.
    }
    const same = bytes.length === entry.bytes && createHash('sha256').update(bytes).digest('hex') === entry.sha256;
    if (!same) changed.add(name);
    // Its CSV copy is the earlier unpack's only while it is the CSV of that table, byte for byte.
    const table = /^(workspace|results)\/([a-z_]+)\.arrow$/.exec(name);
    if (!table) continue;
    const csv = `csv/${table[1]}/${table[2]}.csv`;
    files.add(csv);
    let copy: Buffer;
    try {
      copy = readFileSync(join(root, ...csv.split('/')));
    } catch {
      continue;
    }
    try {
      if (!same || !copy.equals(csvBytesOf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)))) changed.add(csv);
    } catch {
      changed.add(csv);
    }
  }
  return { files, changed };
}

/**
 * `firebreak unpack`: every entry of a verified project, byte for byte (so the manifest's hashes
 * still hold), into a folder; with --csv also each table as CSV under csv/. `workspace/` can then be run
 * with `firebreak run <out>/workspace --scenario <out>/scenarios/…`. With --force over an earlier
 * unpack, that unpack's files this project does not have are removed (workspace/ would otherwise
 * read the two projects' tables as one); nothing is written until every path is known to be writable.
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
  const csvs = o.csv ? csvCopies(contents.value) : [];
  const plan = [...[...opened.value.entries.keys()], ...csvs.map((c) => c.name)];
  for (const name of plan) {
    const path = resolve(root, ...name.split('/'));
    if (!path.startsWith(root + sep)) return fail(`refusing to write ${name} outside ${o.out}`);
    const blocked = blocker(root, name);
    if (blocked !== null) return fail(`cannot write ${join(o.out, ...name.split('/'))}: ${blocked}`);
  }
  const planned = new Set(plan);
  const present = filesUnder(root);
  const earlier = earlierUnpack(root);
  const changed = [...earlier.changed].filter((n) => present.includes(n));
  if (changed.length > 0) {
    const listed = changed.slice(0, 5).map((n) => join(o.out, ...n.split('/'))).join(', ');
    return fail(`nothing was unpacked: ${changed.length === 1 ? 'a file' : `${changed.length} files`} of the earlier unpack in ${o.out} changed since (${listed}${changed.length > 5 ? ', …' : ''}); --force would replace or remove ${changed.length === 1 ? 'it' : 'them'}: move ${changed.length === 1 ? 'it' : 'them'} away, or unpack into another folder`);
  }
  // --force replaces an earlier unpack, nothing else: a file of the user's at a path this project writes stops it.
  const theirs = plan.filter((n) => present.includes(n) && !earlier.files.has(n));
  if (theirs.length > 0) {
    const listed = theirs.slice(0, 5).map((n) => join(o.out, ...n.split('/'))).join(', ');
    return fail(`nothing was unpacked: ${theirs.length === 1 ? 'a file' : `${theirs.length} files`} in ${o.out} that no earlier unpack wrote would be replaced (${listed}${theirs.length > 5 ? ', …' : ''}); move ${theirs.length === 1 ? 'it' : 'them'} away, or unpack into another folder`);
  }
  const strays = present.filter((n) => n.startsWith('workspace/') && !planned.has(n) && !earlier.files.has(n) && !basename(n).startsWith('.'));
  if (strays.length > 0) {
    const listed = strays.slice(0, 5).map((n) => join(o.out, ...n.split('/'))).join(', ');
    return fail(`nothing was unpacked: ${join(o.out, 'workspace')} holds ${strays.length === 1 ? 'a file' : `${strays.length} files`} this project does not (${listed}${strays.length > 5 ? ', …' : ''}), which a run of that folder would read as tables; remove ${strays.length === 1 ? 'it' : 'them'} or unpack into an empty folder`);
  }
  const written: string[] = [];
  let removed = 0;
  try {
    // An earlier unpack's files this project does not have (its tables, scenarios, results, CSV copies).
    for (const name of present) {
      if (planned.has(name) || !earlier.files.has(name)) continue;
      unlinkSync(join(root, ...name.split('/')));
      removed++;
    }
    for (const [name, data] of opened.value.entries) {
      const path = resolve(root, ...name.split('/'));
      makeDirs(dirname(path));
      const w = writeFileAtomicSync(path, data);
      if (!w.ok) return fail(w.error);
      written.push(name);
    }
    for (const c of csvs) {
      const path = join(root, ...c.name.split('/'));
      makeDirs(dirname(path));
      writeCsv(path, c.table);
      written.push(c.name);
    }
  } catch (e) {
    return fail(`cannot write into ${o.out}: ${reason(e)}`);
  }
  const note = removed > 0 ? `; removed ${removed} file${removed === 1 ? '' : 's'} of an earlier unpack this project does not have` : '';
  io.err(`firebreak: unpacked ${written.length} files from ${o.project} into ${o.out}${note}${opened.value.encrypted ? ' (decrypted: keep them as safe as the project)' : ''}\n`);
  return EXIT_OK;
}

/**
 * Why `name` cannot be written under root (a folder where the file goes, a file where a folder
 * goes, a symbolic link on the way — written through, it would change a file elsewhere), or null.
 */
function blocker(root: string, name: string): string | null {
  const parts = name.split('/');
  for (let k = 1; k <= parts.length; k++) {
    const at = join(root, ...parts.slice(0, k));
    let st: Stats;
    try {
      st = lstatSync(at);
    } catch {
      return null;
    }
    if (st.isSymbolicLink()) return `${parts.slice(0, k).join('/')} is a symbolic link (it would be written through to where it points)`;
    if (k < parts.length && !st.isDirectory()) return `${parts.slice(0, k).join('/')} is a file, not a folder`;
    if (k === parts.length && st.isDirectory()) return 'it is a folder';
  }
  return null;
}

/** Every file below root, as relative names with '/' (none when root does not exist). */
function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    let list: Dirent[];
    try {
      list = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of list) {
      if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
      else out.push(`${prefix}${e.name}`);
    }
  };
  walk(root, '');
  return out;
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
function csvCopies(p: ProjectContents): { name: string; table: Table }[] {
  const out: { name: string; table: Table }[] = [];
  for (const name of TABLE_NAMES) {
    const t = p.workspace.tables[name];
    if (t) out.push({ name: `csv/workspace/${name}.csv`, table: t });
  }
  if (p.results) for (const name of RESULT_TABLES) out.push({ name: `csv/results/${name}.csv`, table: p.results.tables[name] });
  return out;
}
