import { open, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { DemoBundle, HostError, HostFile, HostResult } from './host-api';

/** The largest single file the app opens; bigger inputs belong to the CLI. */
export const MAX_OPEN_BYTES = 1024 ** 3;
export const MAX_OPEN_TOTAL_BYTES = 2 * 1024 ** 3;

const fail = (kind: HostError['kind'], message: string): HostResult<never> => ({ ok: false, error: { kind, message } });

/** A readable reason for a filesystem error, without a stack or internal paths beyond the file's. */
export function describeFsError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    default:
      return code === '' ? 'an unexpected error' : `error ${code}`;
  }
}

export async function readChosenFiles(paths: readonly string[]): Promise<HostResult<HostFile[]>> {
  const files: HostFile[] = [];
  let total = 0;
  for (const path of paths) {
    const name = basename(path);
    try {
      const info = await stat(path);
      if (!info.isFile()) return fail('invalid-argument', `"${name}" is not a file.`);
      if (info.size > MAX_OPEN_BYTES) return fail('too-large', `"${name}" is larger than 1 GiB; use the command-line tool for it.`);
      total += info.size;
      if (total > MAX_OPEN_TOTAL_BYTES) return fail('too-large', 'The chosen files add up to more than 2 GiB.');
      const buffer = await readFile(path);
      files.push({ name, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) });
    } catch (error) {
      return fail('io', `Could not read "${name}": ${describeFsError(error)}.`);
    }
  }
  return { ok: true, value: files };
}

const CHUNK = 16 * 1024 * 1024;
const TEMP = /^\.(.+)\.(\d+)\.[0-9a-z]+\.tmp$/;

/**
 * Writes through a temporary file in the same folder (so the rename stays on one disk), fsyncs
 * it, renames it over the target and fsyncs the folder: at every instant the target is the old
 * file or the new one, never a mix. A writer killed mid-write leaves the old file and a temp file,
 * which the next save of the same file removes. An existing file keeps its permissions; a new one
 * is readable by its owner only.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<HostResult<{ path: string }>> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    const mode = await stat(path).then((s) => s.mode & 0o777, () => 0o600);
    await removeStaleTemps(dir, basename(path));
    const handle = await open(temp, 'wx', mode);
    try {
      for (let at = 0; at < bytes.length; ) {
        const { bytesWritten } = await handle.write(bytes, at, Math.min(CHUNK, bytes.length - at));
        at += bytesWritten;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await syncFolder(dir);
    return { ok: true, value: { path } };
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    return fail('io', `Could not save "${basename(path)}": ${describeFsError(error)}.`);
  }
}

/** Makes the rename itself durable. Windows cannot open a folder for syncing; NTFS journals the rename. */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r').catch(() => null);
  if (handle === null) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/** Temp files of this target left by a writer that died (any process but this one). */
async function removeStaleTemps(dir: string, base: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = TEMP.exec(name);
    if (m && m[1] === base && Number(m[2]) !== process.pid) await unlink(join(dir, name)).catch(() => undefined);
  }
}

async function readFolder(dir: string, extension: string): Promise<HostFile[]> {
  const names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith(extension)).sort();
  return Promise.all(
    names.map(async (name) => {
      const buffer = await readFile(join(dir, name));
      return { name, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
    }),
  );
}

/** Reads the demo shipped inside the renderer bundle (`<bundle>/demo/workspace/*.csv`, `…/scenarios/*.json`). */
export async function readDemoBundle(demoDir: string): Promise<HostResult<DemoBundle>> {
  try {
    const workspace = await readFolder(join(demoDir, 'workspace'), '.csv');
    const scenarios = await readFolder(join(demoDir, 'scenarios'), '.json');
    if (workspace.length === 0) return fail('not-found', 'The demo workspace is missing from this build.');
    return { ok: true, value: { workspace, scenarios } };
  } catch (error) {
    return fail('not-found', `The demo is missing from this build (${describeFsError(error)}).`);
  }
}
