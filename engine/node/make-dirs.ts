import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p` that fails instead of spinning: Node's recursive mkdir loops forever, at full CPU,
 * where the kernel answers ENOENT for a child of a folder that exists (a path under /proc or
 * /sys: `firebreak run … --out /proc/x` never returned). The missing folders are made one at a
 * time from the nearest one that exists; the first refusal is thrown as the system gave it.
 * Returns the folders it made, outermost first (so a failed command can remove them again).
 */
export function makeDirs(dir: string): string[] {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    let isDir: boolean;
    try {
      isDir = statSync(at).isDirectory();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      const up = dirname(at);
      if (up === at) break;
      missing.push(at);
      at = up;
      continue;
    }
    if (!isDir) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR', path: at });
    break;
  }
  const made: string[] = [];
  for (let i = missing.length - 1; i >= 0; i--) {
    const path = missing[i] as string;
    try {
      mkdirSync(path);
      made.push(path);
    } catch (e) {
      // Made meanwhile by someone else: fine if it is a folder.
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && statSync(path).isDirectory()) continue;
      throw e;
    }
  }
  return made;
}
