import { closeSync, fsyncSync, lstatSync, openSync, readSync, realpathSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { err, ok, type Result } from '../util/result';
import { reason } from './cli-read-json';
import { makeDirs } from './make-dirs';

/** A file a command is about to write into its output folder. */
export interface Target {
  /** Its name under the folder, '/' between folders. */
  name: string;
  /** Whether the file found at its path is one an earlier run of the command wrote, which it replaces without --force. */
  ours?: (path: string) => boolean | Promise<boolean>;
}

/** A file or folder a command reads: no output is ever written over it, --force or not. */
export interface Input {
  path: string;
  /** "the workspace", "the scenario", … */
  what: string;
}

export interface CheckOptions {
  force: boolean;
  inputs: readonly Input[];
  /** Who wrote the files `ours` recognises, for the message: "run --out" (… that no earlier run --out wrote …). */
  writer: string;
}

/**
 * The real path of `path`, also when its last parts do not exist yet (the nearest existing folder
 * resolved). Links are followed before `..` is applied, as the system does (`link/../x` is the
 * folder above the link's target, not `x` beside the link).
 */
export function realPathOf(path: string): string {
  const rest: string[] = [];
  let at = isAbsolute(path) ? path : `${process.cwd()}${sep}${path}`;
  for (;;) {
    try {
      return join(realpathSync.native(at), ...rest.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return resolve(path);
      rest.push(basename(at));
      at = up;
    }
  }
}

/** The file or folder itself, by device and inode: a bind mount, a hard link or another spelling of a path is the same one. */
function identity(path: string): string | null {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * Checks every path a command will write under `dir`, before anything is written: the folder (and
 * each folder on the way) must be one or not exist yet, and must not be a folder the command
 * reads; no target may be a folder or a file the command reads (compared by real path, so a link
 * or another spelling of it is caught); and a file at a target's path must be one an earlier run
 * wrote (`ours`), unless `force`. The error names the path.
 */
export async function checkTargets(dir: string, targets: readonly Target[], o: CheckOptions): Promise<Result<void, string>> {
  const inputs = o.inputs.map((i) => ({ ...i, real: realPathOf(i.path), id: identity(i.path) }));
  const inputAt = (path: string) => {
    const real = realPathOf(path);
    const id = identity(path);
    return inputs.find((i) => i.real === real || (id !== null && i.id === id));
  };
  for (let at = resolve(dir); ; at = dirname(at)) {
    const st = lstatOrNull(at);
    if (st !== null) {
      let isDir = st.isDirectory();
      if (st.isSymbolicLink()) isDir = lstatOrNull(realPathOf(at))?.isDirectory() ?? false;
      if (!isDir) return err(`cannot write into ${dir}: ${at === resolve(dir) ? 'it' : at} is a file, not a folder`);
      break;
    }
    if (dirname(at) === at) break;
  }
  const same = inputAt(dir);
  if (same) return err(`cannot write into ${dir}: it is ${same.what} this command reads${same.path === dir ? '' : ` (${same.path})`}; choose another folder`);
  const inTheWay: string[] = [];
  for (const t of targets) {
    const parts = t.name.split('/');
    const path = join(dir, ...parts);
    for (let k = 1; k < parts.length; k++) {
      const st = lstatOrNull(join(dir, ...parts.slice(0, k)));
      if (st !== null && !st.isDirectory()) return err(`cannot write ${path}: ${join(dir, ...parts.slice(0, k))} is a file, not a folder`);
    }
    const st = lstatOrNull(path);
    if (st === null) continue;
    const real = realPathOf(path);
    const input = inputAt(path);
    if (input) return err(`cannot write ${path}: it is ${input.what} this command reads${input.path === path ? '' : ` (${input.path})`}; choose another folder`);
    if (st.isDirectory() || lstatOrNull(real)?.isDirectory()) return err(`cannot write ${path}: it is a folder`);
    if (!o.force && !(st.isFile() && t.ours !== undefined && (await t.ours(path)))) inTheWay.push(path);
  }
  if (inTheWay.length > 0) {
    const listed = inTheWay.slice(0, 5).join(', ') + (inTheWay.length > 5 ? ', …' : '');
    const one = inTheWay.length === 1;
    return err(`nothing was written: ${one ? 'a file' : `${inTheWay.length} files`} in ${dir} that no earlier ${o.writer} wrote would be replaced (${listed}); add --force to replace ${one ? 'it' : 'them'}, or choose another folder`);
  }
  return ok(undefined);
}

/** The first line of a file (at most 4 KB read), or null. */
export function firstLine(path: string): string | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    const end = text.indexOf('\n');
    return end < 0 ? null : text.slice(0, end).replace(/\r$/, '');
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

let serial = 0;

const TEMP_FILE = /^\..+\.(\d+)\.[0-9a-z]+\.tmp(?:\.old)?$/;

/** Whether `name` is a temporary file an OutFolder of a process no longer running left (killed while writing). */
export function isStaleTemp(name: string): boolean {
  const m = TEMP_FILE.exec(name);
  if (!m) return false;
  const pid = Number(m[1]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The folders being written now: a Ctrl-C removes what they wrote (abortLiveWrites). */
const live = new Set<OutFolder>();

/** Takes back the writes under way, as a failure would: for the command's interrupt handler. */
export function abortLiveWrites(): void {
  for (const out of live) out.abort();
  live.clear();
}

/**
 * Writes a command's files into a folder all or nothing: each is written to a temporary file
 * beside its place and renamed there only once every file is written, so a failure leaves the
 * folder as it was (the folders this made removed again); a file in place is replaced, never
 * rewritten (a hard link to it elsewhere keeps its bytes).
 */
export class OutFolder {
  private readonly staged: { name: string; temp: string; path: string }[] = [];
  private readonly made: string[] = [];
  private readonly placed: string[] = [];
  /** Files that were in place, moved aside while the new ones go in: put back if the commit fails. */
  private readonly aside: { path: string; aside: string }[] = [];
  /** What is being done, for the message when it fails: "write <path>", "make the folder <path>". */
  private current: string;

  constructor(readonly dir: string) {
    this.current = `write ${dir}`;
  }

  /** Writes `name` (with its folders) from chunks, to its temporary file. */
  write(name: string, chunks: Iterable<Uint8Array | string>): void {
    const fd = openSync(this.temp(name), 'wx');
    try {
      for (const c of chunks) {
        const bytes = typeof c === 'string' ? Buffer.from(c) : c;
        for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, Math.min(bytes.length - at, 1 << 24));
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Makes the folders of `name` and returns the temporary file to write it to (the caller writes and closes it). */
  temp(name: string): string {
    const path = join(this.dir, ...name.split('/'));
    try {
      this.made.push(...makeDirs(dirname(path)));
    } catch (e) {
      this.current = `make the folder ${(e as NodeJS.ErrnoException).path ?? dirname(path)}`;
      throw e;
    }
    this.current = `write ${path}`;
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${(serial++).toString(36)}.tmp`);
    this.staged.push({ name, temp, path });
    return temp;
  }

  /**
   * Renames every written file into place; the names written. A file already in place is first
   * moved aside (and removed once all are in), so that a rename refused part-way — a file locked
   * or protected — puts every earlier one back: the folder holds the old files or the new, never
   * a mix.
   */
  commit(): string[] {
    for (const s of this.staged) {
      this.current = `write ${s.path}`;
      const there = lstatOrNull(s.path);
      if (there !== null && !there.isDirectory()) {
        const aside = `${s.temp}.old`;
        renameSync(s.path, aside);
        this.aside.push({ path: s.path, aside });
      }
      renameSync(s.temp, s.path);
      this.placed.push(s.path);
    }
    for (const a of this.aside.splice(0)) {
      try {
        unlinkSync(a.aside);
      } catch {
        // Left beside the new file under a temporary name; the results are complete.
      }
    }
    for (const d of new Set(this.staged.map((s) => dirname(s.path)))) syncFolder(d);
    return this.staged.map((s) => s.name);
  }

  /** Removes what this wrote — temporary files, files renamed into place, folders made — and puts back the files moved aside. */
  abort(): void {
    for (const path of [...this.staged.map((s) => s.temp), ...this.placed]) {
      try {
        unlinkSync(path);
      } catch {
        // Not written, or renamed into place already.
      }
    }
    for (const a of this.aside.splice(0).reverse()) {
      try {
        renameSync(a.aside, a.path);
      } catch {
        // Stays under its temporary name beside its place.
      }
    }
    for (const d of this.made.reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // Not empty: someone else's files are there now.
      }
    }
  }

  /** Runs `write` (the files, then commit); on a failure removes what was written and names the path that failed. */
  static run(dir: string, write: (out: OutFolder) => void): Result<string[], string> {
    const out = new OutFolder(dir);
    live.add(out);
    try {
      write(out);
      return ok(out.commit());
    } catch (e) {
      out.abort();
      return err(`cannot ${out.current}: ${reason(e)}`);
    } finally {
      live.delete(out);
    }
  }
}

/** Makes renames durable where the platform can sync a folder (not on Windows). */
export function syncFolder(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for syncing; NTFS journals the rename itself.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
