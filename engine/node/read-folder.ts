import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputFile } from '../protocol';

/** Node refuses to read a file into one buffer above this size (2 GiB − 1). */
const READ_LIMIT = 2 ** 31 - 1;

/**
 * The files of a workspace folder, for importWorkspace: only regular files at the top level
 * (no subfolders, no symbolic links), sorted by name so an import is the same on every run.
 * Rejects when the folder or a file cannot be read, naming it.
 */
export async function readWorkspaceFolder(dir: string): Promise<InputFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files: InputFile[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const size = (await stat(path)).size;
    if (size > READ_LIMIT) throw new Error(`${path} is ${size} bytes; files above ${READ_LIMIT} bytes cannot be read`);
    const buf = await readFile(path);
    files.push({ name, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) });
  }
  return files;
}

/**
 * The subfolders of a workspace folder that hold a workspace's tables (assets and nodes, as a
 * template's csv/ does): they are not read, and a user who filled csv/ but named its parent needs
 * telling.
 */
export async function subfoldersWithTables(dir: string, tables: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  try {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const inside = new Set((await readdir(join(dir, e.name))).map((f) => f.replace(/\.[^.]*$/, '').toLowerCase()));
      // The two tables every workspace has: a run's results/ (a nodes table of its own) is not one.
      if (tables.filter((t) => t === 'assets' || t === 'nodes').every((t) => inside.has(t))) out.push(e.name);
    }
  } catch {
    // Only a hint is lost.
  }
  return out.sort();
}
