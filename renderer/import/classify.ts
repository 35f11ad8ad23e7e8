import type { HostFile } from '../../main/host-api';
import { TABLE_NAMES } from '../engine-client';
import type { FileKind, PendingFile } from '../store/import-slice';

export const TABLE_EXTENSIONS = ['csv', 'tsv', 'txt', 'json', 'arrow', 'feather', 'arrows', 'parquet', 'xlsx'];

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function baseOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot < 0 ? name : name.slice(0, dot)).trim().toLowerCase();
}

/** A JSON object with an `events` list is a scenario (MODEL §2). */
export function looksLikeScenario(file: HostFile): boolean {
  if (extensionOf(file.name) !== 'json' || file.bytes.length > 4 * 1024 * 1024) return false;
  try {
    const doc: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.bytes));
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc) && Array.isArray((doc as Record<string, unknown>).events);
  } catch {
    return false;
  }
}

/** What a file is by its content and name: a scenario document, or tables for the engine to read (it finds which). */
export function detectKind(file: HostFile): FileKind {
  if (looksLikeScenario(file)) return 'scenario';
  return TABLE_EXTENSIONS.includes(extensionOf(file.name)) ? 'table' : 'skip';
}

/** True when the file's base name is a table's name (the engine reads it as that table). */
export function namesTable(name: string): boolean {
  return (TABLE_NAMES as readonly string[]).includes(baseOf(name));
}

export function pendingFiles(files: HostFile[]): PendingFile[] {
  return files.map((f) => {
    const kind = detectKind(f);
    return { name: f.name, bytes: f.bytes, kind, detected: kind };
  });
}
