import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { droppedAfter, markDropped, settleDropped } from './autosave-dropped';
import { latestPlace, narrowPlace, readSaved, writeSaved, type Place, type PlaceAt } from './autosave-place';
import { describeFsError, writeFileAtomic } from './files';
import type { AutosaveContent, AutosaveEdits, AutosaveEditsSaved, AutosaveInfo, AutosaveRequest, HostResult, RestoreOffer } from './host-api';
import { AUTOSAVE_ID } from './project-validators';

interface Meta extends AutosaveInfo {
  /** The file the work belongs to, so Save goes back to it after a restore; null when untitled. */
  path: string | null;
  /** Which workspace and which moment of the session the bytes hold (AutosaveRequest); absent before edits were kept apart. */
  base?: number;
  seq?: number;
  /** The bytes are the file as opened or saved (AutosaveRequest.clean): offered only with edits over them. */
  clean?: boolean;
}

/** The edits file: the whole part they go over names its file by path, never by the renderer's handle. */
type StoredEdits = Omit<AutosaveEdits, 'whole'> & { savedAt: string; whole?: PlaceAt };

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function narrowMeta(value: unknown): Meta | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (typeof m.name !== 'string' || typeof m.savedAt !== 'string' || typeof m.encrypted !== 'boolean' || typeof m.bytes !== 'number') return null;
  if (m.path !== null && typeof m.path !== 'string') return null;
  const order = isCount(m.base) && isCount(m.seq) ? { base: m.base, seq: m.seq } : {};
  return { name: m.name, savedAt: m.savedAt, encrypted: m.encrypted, bytes: m.bytes, path: m.path, ...order, ...(m.clean === true ? { clean: true } : {}) };
}

/** The edits file, when it belongs to the autosave described by `meta` (same workspace, gathered later). */
function editsFor(meta: Meta, value: unknown): StoredEdits | null {
  if (typeof value !== 'object' || value === null || meta.encrypted || meta.base === undefined || meta.seq === undefined) return null;
  const e = value as Record<string, unknown>;
  if (e.base !== meta.base || !isCount(e.seq) || e.seq <= meta.seq || typeof e.savedAt !== 'string' || !Array.isArray(e.scenarios)) return null;
  const whole = narrowPlace(e.whole);
  return { base: meta.base, seq: e.seq, savedAt: e.savedAt, scenarios: e.scenarios as StoredEdits['scenarios'], viewState: e.viewState, ...(whole === null ? {} : { whole }) };
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
  /**
   * This session's edits file: written, and removed by a whole write that holds them, one at a
   * time. Edits gathered after a whole write may come while it runs (the clean copy of a file just
   * saved is not waited for): read, then removed, it took them along.
   */
  private editsTail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    /** This session's id (sessionAutosaveId). */
    private readonly session: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private editsLane<T>(work: () => Promise<T>): Promise<T> {
    const run = this.editsTail.then(work);
    this.editsTail = run.catch(() => undefined);
    return run;
  }

  private files(id: string): { project: string; meta: string; aside: string; edits: string; saved: string; dropped: string } {
    const at = (ext: string): string => join(this.dir, `${id}.${ext}`);
    return { project: at('firebreak'), meta: at('json'), aside: at('json.aside'), edits: at('edits'), saved: at('saved'), dropped: at('dropped') };
  }

  /** A write failed: the next start says that work gathered at `seq` (or, unknown, at all) is not in the autosave. */
  private async dropped(seq: number | undefined, savedAt: string): Promise<void> {
    await markDropped(this.files(this.session).dropped, { seq: seq ?? Number.MAX_SAFE_INTEGER, savedAt });
  }

  /**
   * This session's work up to `seq` (AutosaveRequest.seq) is in a file the user saved, at `path`:
   * its autosave parts gathered no later are nothing unsaved, and are not offered at the next start
   * should the window go before it writes the saved bytes over them; work gathered later is offered
   * under that file. Best effort: a failure only leaves the older copy on offer.
   */
  async markSaved(seq: number, path?: string): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 }).catch(() => undefined);
    await writeSaved(this.files(this.session).saved, path === undefined ? { seq } : { seq, path });
  }

  /** True when every part of an earlier session's autosave was gathered no later than its last save (markSaved). */
  private async allSaved(id: string, meta: Meta): Promise<boolean> {
    if (meta.seq === undefined) return false;
    const savedSeq = await this.savedSeq(id);
    if (meta.seq > savedSeq || (await droppedAfter(this.files(id).dropped, savedSeq)) !== null) return false;
    const edits = await this.readEdits(id, meta);
    return edits === null || edits.seq <= savedSeq;
  }

  /** How far an earlier session's work was saved (markSaved), or −1. */
  private async savedSeq(id: string): Promise<number> {
    return (await readSaved(this.files(id).saved))?.seq ?? -1;
  }

  async write(request: AutosaveRequest, path: string | null): Promise<HostResult<AutosaveInfo>> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      return { ok: false, error: { kind: 'io', message: `Could not autosave: ${describeFsError(error)}.` } };
    }
    const files = this.files(this.session);
    const order = request.base !== undefined && request.seq !== undefined ? { base: request.base, seq: request.seq } : {};
    const clean = request.clean === true ? { clean: true } : {};
    const meta: Meta = { name: request.name, savedAt: this.now().toISOString(), encrypted: request.encrypted, bytes: request.bytes.length, path, ...order, ...clean };
    // The meta is put aside first and written last: a crash in between leaves no meta, so never a meta that describes other bytes.
    // Aside, not removed (a rename needs no room): bytes that could not be written leave the earlier ones, and their meta comes back.
    const aside = await rename(files.meta, files.aside).then(
      () => true,
      () => false,
    );
    const project = await writeFileAtomic(files.project, request.bytes);
    if (!project.ok && aside) await rename(files.aside, files.meta).catch(() => undefined);
    const written = project.ok ? await writeFileAtomic(files.meta, new TextEncoder().encode(`${JSON.stringify(meta, null, 2)}\n`)) : project;
    if (project.ok) await unlink(files.aside).catch(() => undefined);
    if (!written.ok) {
      await this.dropped(request.seq, meta.savedAt);
      return written;
    }
    await settleDropped(files.dropped, request.seq);
    // The whole project holds every edit gathered before it: those kept apart go (a sealed project's were in the clear).
    await this.editsLane(async () => {
      const keptSeq = await readFile(files.edits, 'utf8')
        .then((text) => (JSON.parse(text) as { seq?: unknown }).seq)
        .catch(() => undefined);
      if (request.seq === undefined || typeof keptSeq !== 'number' || keptSeq < request.seq) await unlink(files.edits).catch(() => undefined);
    });
    return { ok: true, value: { name: meta.name, savedAt: meta.savedAt, encrypted: meta.encrypted, bytes: meta.bytes } };
  }

  /**
   * This session's edits since its autosave (scenarios and view, never the workspace): a small
   * file, written soon after each edit so that a crash loses at most the last second or two.
   * `path`: the file of the whole part they go over (`edits.whole`), null when it has none.
   */
  async writeEdits(edits: AutosaveEdits, path: string | null = null): Promise<HostResult<AutosaveEditsSaved>> {
    const savedAt = this.now().toISOString();
    const { whole, ...content } = edits;
    const stored: StoredEdits = { ...content, savedAt, ...(whole === undefined ? {} : { whole: { name: whole.name, path, seq: whole.seq } }) };
    const written = await this.editsLane(() => writeFileAtomic(this.files(this.session).edits, new TextEncoder().encode(JSON.stringify(stored))));
    if (written.ok) await settleDropped(this.files(this.session).dropped, edits.seq);
    else await this.dropped(edits.seq, savedAt);
    // Written by this process, which outlives the window: a renderer going away does not lose it.
    return written.ok ? { ok: true, value: { savedAt, sync: true } } : written;
  }

  /**
   * An earlier session's saved work and where it came from, or null when there is none (or only
   * part of it); with its later edits, if any, and where the work belongs (`place`: the file it was
   * last saved to, though the clean copy of that file never landed).
   */
  async read(id: string): Promise<{ meta: Meta; bytes: Uint8Array; edits: (AutosaveContent & { savedAt: string; seq: number }) | null; place: Place } | null> {
    const meta = await this.readMeta(id);
    if (meta === null) return null;
    try {
      const buffer = await readFile(this.files(id).project);
      if (buffer.length !== meta.bytes) return null;
      const edits = await this.readEdits(id, meta);
      const place = latestPlace(meta, edits?.whole ?? null, await readSaved(this.files(id).saved));
      return { meta, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), edits: edits && { scenarios: edits.scenarios, viewState: edits.viewState, savedAt: edits.savedAt, seq: edits.seq }, place };
    } catch {
      return null;
    }
  }

  private async readMeta(id: string): Promise<Meta | null> {
    if (id === this.session || !AUTOSAVE_ID.test(id)) return null;
    try {
      return narrowMeta(JSON.parse(await readFile(this.files(id).meta, 'utf8')));
    } catch {
      return null;
    }
  }

  private async readEdits(id: string, meta: Meta): Promise<StoredEdits | null> {
    try {
      return editsFor(meta, JSON.parse(await readFile(this.files(id).edits, 'utf8')));
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
      const dropped = await droppedAfter(this.files(id).dropped, saved.edits?.seq ?? saved.meta.seq);
      if ((saved.meta.clean === true && saved.edits === null && dropped === null) || (await this.allSaved(id, saved.meta))) {
        // A file as it was opened or saved, and nothing done to it since (or all of it saved before the window went): no work to offer.
        await this.remove(id);
        continue;
      }
      const { encrypted, bytes } = saved.meta;
      const { name } = saved.place;
      const savedAt = saved.edits?.savedAt ?? saved.meta.savedAt;
      const closed = id === 'project' ? !crashed : existsSync(join(this.dir, `${id}.closed`));
      if (oldest === null || savedAt < oldest.savedAt) oldest = { id, name, savedAt, encrypted, bytes, reason: closed ? 'unsaved' : 'crash', ...(dropped === null ? {} : { dropped }) };
    }
    return oldest;
  }

  /** Forgets this session's autosave. */
  async clear(): Promise<void> {
    await this.editsLane(() => this.remove(this.session));
  }

  /** Forgets an earlier session's work (never this session's: that is `clear`). */
  async discard(id: string): Promise<void> {
    if (id !== this.session && AUTOSAVE_ID.test(id)) await this.remove(id);
  }

  private async remove(id: string): Promise<void> {
    for (const file of [...Object.values(this.files(id)), join(this.dir, `${id}.closed`)]) await unlink(file).catch(() => undefined);
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
