import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeFsError, writeFileAtomic } from './files';
import type { AutosaveInfo, AutosaveRequest, HostResult, RestoreOffer } from './host-api';

interface Meta extends AutosaveInfo {
  /** The file the work belongs to, so Save goes back to it after a restore; null when untitled. */
  path: string | null;
}

function narrowMeta(value: unknown): Meta | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (typeof m.name !== 'string' || typeof m.savedAt !== 'string' || typeof m.encrypted !== 'boolean' || typeof m.bytes !== 'number') return null;
  if (m.path !== null && typeof m.path !== 'string') return null;
  return { name: m.name, savedAt: m.savedAt, encrypted: m.encrypted, bytes: m.bytes, path: m.path };
}

/**
 * The autosave of the open project in the app's data folder: `autosave/project.firebreak` and its
 * description `autosave/project.json`, each written atomically, readable by the user only. The
 * bytes are whatever the renderer saved: an encrypted project autosaves encrypted.
 */
export class AutosaveStore {
  private readonly projectFile: string;
  private readonly metaFile: string;

  constructor(
    private readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.projectFile = join(dir, 'project.firebreak');
    this.metaFile = join(dir, 'project.json');
  }

  async write(request: AutosaveRequest, path: string | null): Promise<HostResult<AutosaveInfo>> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      return { ok: false, error: { kind: 'io', message: `Could not autosave: ${describeFsError(error)}.` } };
    }
    const meta: Meta = { name: request.name, savedAt: this.now().toISOString(), encrypted: request.encrypted, bytes: request.bytes.length, path };
    // The meta is removed first and written last: a crash in between leaves no meta, so never a meta that describes other bytes.
    await unlink(this.metaFile).catch(() => undefined);
    const project = await writeFileAtomic(this.projectFile, request.bytes);
    if (!project.ok) return project;
    const written = await writeFileAtomic(this.metaFile, new TextEncoder().encode(`${JSON.stringify(meta, null, 2)}\n`));
    if (!written.ok) return written;
    return { ok: true, value: { name: meta.name, savedAt: meta.savedAt, encrypted: meta.encrypted, bytes: meta.bytes } };
  }

  /** The saved work and where it came from, or null when there is none (or only part of it). */
  async read(): Promise<{ meta: Meta; bytes: Uint8Array } | null> {
    try {
      const meta = narrowMeta(JSON.parse(await readFile(this.metaFile, 'utf8')));
      if (meta === null) return null;
      const buffer = await readFile(this.projectFile);
      if (buffer.length !== meta.bytes) return null;
      return { meta, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
    } catch {
      return null;
    }
  }

  async offer(crashed: boolean): Promise<RestoreOffer | null> {
    const saved = await this.read();
    if (saved === null) return null;
    const { name, savedAt, encrypted, bytes } = saved.meta;
    return { name, savedAt, encrypted, bytes, reason: crashed ? 'crash' : 'unsaved' };
  }

  async clear(): Promise<void> {
    await unlink(this.metaFile).catch(() => undefined);
    await unlink(this.projectFile).catch(() => undefined);
  }
}

/**
 * A marker that a session is running: written at start, removed on a clean quit. Found at
 * start, it means the last session crashed (or was killed) and its autosave is worth offering.
 */
export class SessionMarker {
  constructor(private readonly file: string) {}

  /** Starts a session; true when the previous one did not end cleanly. */
  async begin(pid: number, startedAt: Date): Promise<boolean> {
    const crashed = await readFile(this.file).then(
      () => true,
      () => false,
    );
    await mkdir(dirname(this.file), { recursive: true }).catch(() => undefined);
    await writeFile(this.file, JSON.stringify({ pid, startedAt: startedAt.toISOString() }), { mode: 0o600 }).catch(() => undefined);
    return crashed;
  }

  /** Ends the session (synchronously: it runs as the process exits). */
  end(): void {
    try {
      unlinkSync(this.file);
    } catch {
      // Already gone.
    }
  }
}
