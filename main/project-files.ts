import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { describeFsError, MAX_OPEN_BYTES, writeFileAtomic } from './files';
import type { HostResult, ProjectFile, ProjectSaved } from './host-api';

export const PROJECT_FILTERS = [{ name: 'Firebreak project', extensions: ['firebreak'] }];

interface Known {
  path: string;
  writable: boolean;
}

/**
 * The files the user chose (in a dialog, from Open Recent or the OS), by opaque handle. The
 * renderer saves through a handle and never names a path, so a compromised page can write
 * nowhere the user did not pick.
 */
export class FileRegistry {
  private readonly byHandle = new Map<string, Known>();

  constructor(private readonly newHandle: () => string = randomUUID) {}

  register(path: string, writable: boolean): string {
    for (const [handle, known] of this.byHandle) {
      if (known.path === path) {
        known.writable = writable;
        return handle;
      }
    }
    const handle = this.newHandle();
    this.byHandle.set(handle, { path, writable });
    return handle;
  }

  lookup(handle: string): Known | undefined {
    return this.byHandle.get(handle);
  }
}

const fail = (kind: 'not-found' | 'too-large' | 'io' | 'forbidden' | 'invalid-argument', message: string): HostResult<never> => ({ ok: false, error: { kind, message } });

async function canWrite(path: string): Promise<boolean> {
  return access(path, constants.W_OK).then(
    () => true,
    () => false,
  );
}

/** Reads a project file the user chose and gives it a handle; a file the user cannot write opens read-only. */
export async function readProjectFile(path: string, files: FileRegistry): Promise<HostResult<ProjectFile>> {
  const name = basename(path);
  try {
    const info = await stat(path);
    if (!info.isFile()) return fail('invalid-argument', `"${name}" is not a file.`);
    if (info.size > MAX_OPEN_BYTES) return fail('too-large', `"${name}" is larger than 1 GiB; use the command-line tool for it.`);
    const buffer = await readFile(path);
    const writable = await canWrite(path);
    const handle = files.register(path, writable);
    return { ok: true, value: { handle, name, location: dirname(path), bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), readOnly: !writable } };
  } catch (error) {
    return fail('io', `Could not open "${name}": ${describeFsError(error)}.`);
  }
}

/** Saves over a registered file; never over one that opened read-only. */
export async function saveToHandle(handle: string, bytes: Uint8Array, files: FileRegistry): Promise<HostResult<ProjectSaved>> {
  const known = files.lookup(handle);
  if (!known) return fail('not-found', 'This project has no file to save to in this session; use Save As.');
  if (!known.writable) return fail('forbidden', `"${basename(known.path)}" was opened read-only; use Save As to make an editable copy.`);
  const written = await writeFileAtomic(known.path, bytes);
  if (!written.ok) return written;
  return { ok: true, value: { handle, name: basename(known.path), location: dirname(known.path) } };
}

/** Saves to a path the user just chose, and registers it as a writable file. */
export async function saveToNewPath(path: string, bytes: Uint8Array, files: FileRegistry): Promise<HostResult<ProjectSaved>> {
  const written = await writeFileAtomic(path, bytes);
  if (!written.ok) return written;
  return { ok: true, value: { handle: files.register(path, true), name: basename(path), location: dirname(path) } };
}
