import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeFsError, writeFileAtomic } from './files';
import type { AutosaveInfo, AutosaveRequest, HostResult, RestoreOffer } from './host-api';
import { AUTOSAVE_ID } from './project-validators';

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

/** A session's autosave id: its start time and process id (AUTOSAVE_ID in project-validators.ts). */
export function sessionAutosaveId(pid: number, startedAt: Date): string {
  return `s${String(startedAt.getTime()).padStart(13, '0')}-${pid}`;
}

/**
 * The autosaves of unsaved work in the app's data folder, one per session: `autosave/<id>.firebreak`
 * and its description `autosave/<id>.json`, each written atomically, readable by the user only.
 * This session writes and clears only its own; an earlier session's work (after a crash, or a
 * close that could not ask) is offered until it is restored or discarded, and nothing this
 * session does writes over it. The bytes are whatever the renderer saved: an encrypted project
 * autosaves encrypted.
 */
export class AutosaveStore {
  constructor(
    private readonly dir: string,
    /** This session's id (sessionAutosaveId). */
    private readonly session: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private files(id: string): { project: string; meta: string } {
    return { project: join(this.dir, `${id}.firebreak`), meta: join(this.dir, `${id}.json`) };
  }

  async write(request: AutosaveRequest, path: string | null): Promise<HostResult<AutosaveInfo>> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      return { ok: false, error: { kind: 'io', message: `Could not autosave: ${describeFsError(error)}.` } };
    }
    const files = this.files(this.session);
    const meta: Meta = { name: request.name, savedAt: this.now().toISOString(), encrypted: request.encrypted, bytes: request.bytes.length, path };
    // The meta is removed first and written last: a crash in between leaves no meta, so never a meta that describes other bytes.
    await unlink(files.meta).catch(() => undefined);
    const project = await writeFileAtomic(files.project, request.bytes);
    if (!project.ok) return project;
    const written = await writeFileAtomic(files.meta, new TextEncoder().encode(`${JSON.stringify(meta, null, 2)}\n`));
    if (!written.ok) return written;
    return { ok: true, value: { name: meta.name, savedAt: meta.savedAt, encrypted: meta.encrypted, bytes: meta.bytes } };
  }

  /** An earlier session's saved work and where it came from, or null when there is none (or only part of it). */
  async read(id: string): Promise<{ meta: Meta; bytes: Uint8Array } | null> {
    if (id === this.session || !AUTOSAVE_ID.test(id)) return null;
    const files = this.files(id);
    try {
      const meta = narrowMeta(JSON.parse(await readFile(files.meta, 'utf8')));
      if (meta === null) return null;
      const buffer = await readFile(files.project);
      if (buffer.length !== meta.bytes) return null;
      return { meta, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
    } catch {
      return null;
    }
  }

  /**
   * This session is ending cleanly (the app quits): its autosave, if it is left, is work closed
   * unsaved, not a crash's. Synchronous: it runs as the process exits.
   */
  markClosed(): void {
    try {
      if (existsSync(this.files(this.session).meta)) writeFileSync(join(this.dir, `${this.session}.closed`), '');
    } catch {
      // The autosave is then offered as a crash's: only its wording differs.
    }
  }

  /** The oldest work an earlier session left, or null; `crashed` (the last session's) words the slot of older versions. */
  async offer(crashed: boolean): Promise<RestoreOffer | null> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const ids = names.flatMap((n) => (n.endsWith('.json') ? [n.slice(0, -'.json'.length)] : [])).filter((id) => id !== this.session && AUTOSAVE_ID.test(id));
    let oldest: RestoreOffer | null = null;
    for (const id of ids) {
      const saved = await this.read(id);
      if (saved === null) continue;
      const { name, savedAt, encrypted, bytes } = saved.meta;
      const closed = id === 'project' ? !crashed : existsSync(join(this.dir, `${id}.closed`));
      if (oldest === null || savedAt < oldest.savedAt) oldest = { id, name, savedAt, encrypted, bytes, reason: closed ? 'unsaved' : 'crash' };
    }
    return oldest;
  }

  /** Forgets this session's autosave. */
  async clear(): Promise<void> {
    await this.remove(this.session);
  }

  /** Forgets an earlier session's work (never this session's: that is `clear`). */
  async discard(id: string): Promise<void> {
    if (id !== this.session && AUTOSAVE_ID.test(id)) await this.remove(id);
  }

  private async remove(id: string): Promise<void> {
    const files = this.files(id);
    await unlink(files.meta).catch(() => undefined);
    await unlink(files.project).catch(() => undefined);
    await unlink(join(this.dir, `${id}.closed`)).catch(() => undefined);
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
