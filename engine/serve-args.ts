import type { InputFile } from './protocol';

/** Narrowing of request arguments, which arrive as `unknown`. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function readString(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/** A list of strings, or null when `v` is not one. */
export function readStrings(v: unknown): string[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
}

export function readInt(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

export function narrowFiles(v: unknown): InputFile[] | null {
  if (!Array.isArray(v)) return null;
  const out: InputFile[] = [];
  for (const f of v) {
    if (!isObject(f) || typeof f.name !== 'string') return null;
    const bytes = f.bytes instanceof Uint8Array ? f.bytes : f.bytes instanceof ArrayBuffer ? new Uint8Array(f.bytes) : null;
    if (!bytes) return null;
    out.push({ name: f.name, bytes });
  }
  return out;
}
