import { createHash } from 'node:crypto';
import { readFile, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { writeFileAtomic } from './files';
import type { RecentProject } from './host-api';

interface Entry {
  path: string;
  openedAt: string;
}

const MAX_RECENT = 10;

/** A stable, path-free id for a recent file (the renderer never learns or sends paths). */
export const recentId = (path: string): string => createHash('sha256').update(path).digest('hex').slice(0, 16);

function narrow(value: unknown): Entry[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((e): e is Entry => typeof e === 'object' && e !== null && typeof e.path === 'string' && typeof e.openedAt === 'string')
    .map((e) => ({ path: e.path, openedAt: e.openedAt }))
    .slice(0, MAX_RECENT);
}

/** Recently opened or saved projects, newest first, kept as JSON in the app's data folder. */
export class RecentFiles {
  private entries: Entry[] = [];

  constructor(
    private readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Reads the list; a missing or damaged file is an empty list. */
  async load(): Promise<void> {
    try {
      this.entries = narrow(JSON.parse(await readFile(this.file, 'utf8')));
    } catch {
      this.entries = [];
    }
  }

  list(): RecentProject[] {
    return this.entries.map((e) => ({ id: recentId(e.path), name: basename(e.path), location: dirname(e.path), openedAt: e.openedAt }));
  }

  pathOf(id: string): string | undefined {
    return this.entries.find((e) => recentId(e.path) === id)?.path;
  }

  async add(path: string): Promise<void> {
    this.entries = [{ path, openedAt: this.now().toISOString() }, ...this.entries.filter((e) => e.path !== path)].slice(0, MAX_RECENT);
    await this.persist();
  }

  async remove(path: string): Promise<void> {
    this.entries = this.entries.filter((e) => e.path !== path);
    await this.persist();
  }

  async clear(): Promise<void> {
    this.entries = [];
    await unlink(this.file).catch(() => undefined);
  }

  private async persist(): Promise<void> {
    await writeFileAtomic(this.file, new TextEncoder().encode(`${JSON.stringify(this.entries, null, 2)}\n`));
  }
}
