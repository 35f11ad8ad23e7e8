import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readProject } from '../project/read-project';
import type { ProjectContents } from '../project/project';
import type { ProjectProblem } from '../project/problems';
import { err, ok, type Result } from '../util/result';
import { reason } from './cli-read-json';
import { readPassphrase, type PassphraseSource, processPassphraseSource } from './cli-project-passphrase';
import { syncFolder } from './out-folder';

/** Writes a file through a temporary file in the same folder, fsync and rename: a crash leaves the old file whole. */
export function writeFileAtomicSync(path: string, bytes: Uint8Array): Result<void, string> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, Math.min(bytes.length - at, 1 << 24));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    syncFolder(dirname(path));
    return ok(undefined);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // Nothing was left behind.
    }
    return err(`cannot write ${path}: ${reason(e)}`);
  }
}


export function readFileBytes(path: string, what: string): Result<Uint8Array, string> {
  try {
    if (statSync(path).isDirectory()) return err(`${what} ${path} is a folder, not a file`);
    const b = readFileSync(path);
    return ok(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  } catch (e) {
    return err(`cannot read ${what} ${path}: ${reason(e)}`);
  }
}

/** Runs `open` without a passphrase, and again with one (asked for) when the file is sealed. */
export async function withPassphrase<T>(
  open: (passphrase: string | undefined) => Promise<Result<T, ProjectProblem>>,
  source: PassphraseSource,
): Promise<Result<T, ProjectProblem | string>> {
  const first = await open(undefined);
  if (first.ok || first.error.code !== 'passphrase-required') return first;
  const phrase = await readPassphrase('decrypt', source);
  return phrase.ok ? open(phrase.value) : phrase;
}

/** A project problem as the CLI prints it: the message, then up to 10 of the workspace validator's problems. */
export function projectProblemText(path: string, p: ProjectProblem | string): string {
  if (typeof p === 'string') return p;
  const list = p.problems?.slice(0, 10).map((q) => `\n  ${q.table}${q.row === null ? '' : ` row ${q.row}`}${q.column === null ? '' : ` ${q.column}`}: ${q.rule}`) ?? [];
  return `${path}: ${p.message}${list.join('')}`;
}

/** Reads and opens a project file, asking for its passphrase when it is sealed. */
export async function loadProject(path: string, source: PassphraseSource = processPassphraseSource()): Promise<Result<ProjectContents, string>> {
  const bytes = readFileBytes(path, 'the project');
  if (!bytes.ok) return bytes;
  const read = await withPassphrase((phrase) => readProject(bytes.value, phrase), source);
  return read.ok ? read : err(projectProblemText(path, read.error));
}
