import { err, ok, type Result } from '../util/result';
import type { ImportOptions } from '../workspace/import';
import { narrowMapping, narrowTables } from '../workspace/mapping';
import { readFileSync } from 'node:fs';
import { reason } from './cli-read-json';

/**
 * Reads a mapping file for `--map`: `{ "<table>": { "<model column>": "<file column>" }, … }`,
 * optionally with `"tables": { "<file or file#sheet>": "<table>" | null }` (what `firebreak map`
 * prints).
 */
export function readMappingFile(path: string): Result<ImportOptions, string> {
  let v: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    v = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (e) {
    return err(e instanceof SyntaxError ? `the mapping ${path} is not valid JSON: ${e.message}` : `cannot read the mapping ${path}: ${reason(e)}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return err(`${path} must hold an object: { "<table>": { "<model column>": "<file column>" } }`);
  const { tables, ...rest } = v as Record<string, unknown>;
  const mapping = narrowMapping(rest);
  if (!mapping.ok) return err(`${path}: ${mapping.error}`);
  const chosen = narrowTables(tables);
  if (!chosen.ok) return err(`${path}: ${chosen.error}`);
  return ok({ mapping: mapping.value, tables: chosen.value });
}
