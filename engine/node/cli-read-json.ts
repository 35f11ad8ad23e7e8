import { readFileSync } from 'node:fs';
import { err, ok, type Result } from '../util/result';

/** Reads and parses a JSON file (a scenario). */
export function readJsonFile(path: string, what = 'scenario'): Result<unknown, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return err(`cannot read the ${what} ${path}: ${reason(e)}`);
  }
  try {
    return ok(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown);
  } catch (e) {
    return err(`the ${what} ${path} is not valid JSON: ${reason(e)}`);
  }
}

export function reason(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file or folder';
    if (code === 'ENOTDIR') return 'not a folder';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'it is a folder';
    return e.message;
  }
  return String(e);
}
