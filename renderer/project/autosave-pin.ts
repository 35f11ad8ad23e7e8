import { contentJson, type AutosaveBase, type Base, type SavedContent } from './autosave-base';
import type { ProjectInfo } from './project-store';
import type { Session } from './project-session';

/** A file opened or saved, as the autosave keeps it: its bytes, marked clean. */
export interface PinnedFile {
  bytes: Uint8Array;
  name: string;
  handle: string | null;
  encrypted: boolean;
  saved?: SavedContent;
}

/**
 * The whole part of this session's autosave from a file's own bytes (opened, or just saved)
 * rather than from `project.save`: there before the first edit, so that edit has something to
 * apply to.
 */
export function autosavePins(s: Session, b: AutosaveBase) {
  const { host, bridge } = s;
  const { held } = b;

  /** A file just saved of the workspace autosaved: its clean copy takes the same tag, so edits gathered after it go at once and apply over either whole part. */
  function keep(p: ProjectInfo, file: PinnedFile, saved: SavedContent): () => Promise<void> {
    const before = held.base;
    const t = held.tag;
    held.seq += 1;
    const at = held.seq;
    held.fresh = false;
    const kept: Base = { ...b.baseOf(p, t, at), name: file.name, handle: file.handle };
    held.base = kept;
    // What the clean copy holds: edits that differ are written after it, over it.
    held.written = saved.json;
    const writing = b.wholePart(() => host.writeAutosave({ bytes: file.bytes, name: file.name, handle: file.handle, encrypted: false, base: t, seq: at, clean: true }));
    const done = writing.then(
      (w) => {
        // Not written: the earlier part stands (its name, its file); a new name or file then has the whole written again.
        if (!w.ok && held.base === kept) held.base = before;
      },
      () => undefined,
    );
    return () => done;
  }

  /**
   * `file` is about to be shown (being opened) or is shown (just saved): its bytes are kept at
   * once as this session's autosave, marked clean (never offered without edits over it), so the
   * first edit has a base — for a file being opened, while the engine still reads it. Call the
   * answer once it is shown (true) or could not be (false): only then do edits go over it (at
   * once for a file just saved of the workspace autosaved: `keep`).
   */
  function pin(file: PinnedFile): (shown: boolean) => Promise<void> {
    const open = s.current();
    const base = held.base;
    if (file.saved !== undefined && !file.encrypted && open !== null && !open.readOnly && !held.reserved && base !== null && !base.encrypted && base.tag === held.tag && held.key === file.saved.workspace) {
      return keep(open, file, file.saved);
    }
    held.fresh = false;
    held.base = null;
    held.written = '';
    held.tag += 1;
    const t = held.tag;
    // The next workspace seen is the one this file holds: it keeps this tag.
    held.reserved = true;
    held.seq += 1;
    const at = held.seq;
    // A sealed file being opened reads as unsealed until the engine says: harmless, as a sealed project never has edits kept apart.
    const writing = b.serial(() => b.wholePart(() => host.writeAutosave({ bytes: file.bytes, name: file.name, handle: file.handle, encrypted: file.encrypted, base: t, seq: at, clean: true })));
    return (shown) =>
      b.serial(async () => {
        const w = await writing;
        // Just saved: the bytes hold the workspace and content gathered for the save, whatever changed while it ran.
        if (held.reserved && file.saved !== undefined) {
          held.reserved = false;
          held.key = file.saved.workspace;
        }
        b.workspaceTag();
        if (held.reserved) {
          held.reserved = false;
          held.key = bridge.workspaceKey ? bridge.workspaceKey() : {};
        }
        const p = s.current();
        if (shown && p !== null && !p.readOnly && w.ok && held.tag === t) {
          held.base = b.baseOf(p, t, at);
          held.written = file.saved?.json ?? contentJson(bridge.collect());
          return;
        }
        // Not shown, or read-only: nothing to keep. Not written: nothing unsaved is at risk yet; the next edit writes the whole project (and says so if that fails too).
        if (!shown || p === null || p.readOnly) await b.wholePart(() => host.clearAutosave());
      });
  }

  return { pin };
}
