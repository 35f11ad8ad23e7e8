import type { HostFile } from '../../main/host-api';

/** A workspace with scenarios shipped in the bundle: the workshop dataset or a library episode. */
export interface BundledSet {
  id: string;
  kind: 'workshop' | 'episode';
  title: string;
  summary: string;
  period: string | null;
  /** "approximate, from public reports" for the library's episodes. */
  label: string | null;
  base: string;
  workspace: string[];
  scenarios: string[];
  sources: string | null;
}

export interface BundledIndex {
  sets: BundledSet[];
  docs: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const names = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x): x is string => typeof x === 'string' && /^[\w.-]+$/.test(x)) ? v : null);
const safeBase = (v: string | null): v is string => v !== null && /^[\w/-]+\/$/.test(v) && !v.includes('..');

/** bundled.json as written by the build (vite.config.ts), checked: a damaged list gives null. */
export function parseBundledIndex(raw: unknown): BundledIndex | null {
  if (!isRecord(raw) || !Array.isArray(raw.sets)) return null;
  const docs = names(raw.docs) ?? [];
  const sets: BundledSet[] = [];
  for (const s of raw.sets) {
    if (!isRecord(s)) return null;
    const base = str(s.base);
    const workspace = names(s.workspace);
    const scenarios = names(s.scenarios);
    const id = str(s.id);
    const title = str(s.title);
    if (id === null || title === null || !safeBase(base) || workspace === null || scenarios === null) return null;
    if (s.kind !== 'workshop' && s.kind !== 'episode') return null;
    const sources = str(s.sources);
    sets.push({ id, kind: s.kind, title, summary: str(s.summary) ?? '', period: str(s.period), label: str(s.label), base, workspace, scenarios, sources: sources !== null && /^[\w.-]+$/.test(sources) ? sources : null });
  }
  return { sets, docs };
}

/** Bytes of a file of the bundle, relative to the app's own page (never the network). */
export async function fetchBundled(path: string): Promise<Uint8Array | null> {
  try {
    const response = await fetch(new URL(path, document.baseURI), { cache: 'no-cache', credentials: 'same-origin' });
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

let cached: Promise<BundledIndex | null> | null = null;

/** The list of bundled sets and guide pages (read once). */
export function bundledIndex(): Promise<BundledIndex | null> {
  cached ??= fetchBundled('bundled.json').then((bytes) => {
    if (bytes === null) return null;
    try {
      return parseBundledIndex(JSON.parse(new TextDecoder().decode(bytes)));
    } catch {
      return null;
    }
  });
  return cached;
}

/** A set's files, or the name of the first one that could not be read. */
export async function fetchSetFiles(set: BundledSet, folder: 'workspace' | 'scenarios'): Promise<HostFile[] | string> {
  const out: HostFile[] = [];
  for (const name of set[folder]) {
    const bytes = await fetchBundled(`${set.base}${folder}/${name}`);
    if (bytes === null) return name;
    out.push({ name, bytes });
  }
  return out;
}
