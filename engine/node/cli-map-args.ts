import { err, ok, type Result } from '../util/result';
import { TABLE_NAMES, type TableName } from '../workspace/schema';
import { flagValue, splitArgs } from './cli-split';

export type MapCommand =
  | { cmd: 'map'; file: string; table: TableName | null; json: boolean }
  | { cmd: 'template'; dir: string; force: boolean };

export const MAP_USAGE = `  firebreak map <file>[#<sheet>] [--table <table>] [--json]
  firebreak template <dir> [--force]
  (a <workspace-folder> may also be one .xlsx workbook or one .json document holding every table)`;

/** `map` and `template`; `--map <mapping.json>` of run and validate is read by cli-map-file.ts. */
export function isMapCommand(cmd: string): cmd is 'map' | 'template' {
  return cmd === 'map' || cmd === 'template';
}

/** Reads `firebreak map …` or `firebreak template …` (without the command word). */
export function parseMapArgs(cmd: 'map' | 'template', args: readonly string[]): Result<MapCommand, string> {
  const p = splitArgs(args, cmd === 'map' ? { valued: ['table'], boolean: ['json'] } : { valued: [], boolean: ['force'] });
  if (!p.ok) return p;
  const { positional } = p.value;
  const table = flagValue(p.value, 'table');
  const json = p.value.flags.has('json');
  const force = p.value.flags.has('force');
  const [target, ...extra] = positional;
  if (cmd === 'template') {
    if (target === undefined) return err('template expects an output folder: firebreak template <dir>');
    if (extra.length) return err(`template expects one output folder, got also: ${extra.join(' ')}`);
    return ok({ cmd, dir: target, force });
  }
  if (target === undefined) return err('map expects a file: firebreak map <file> [--table <table>]');
  if (extra.length) return err(`map expects one file, got also: ${extra.join(' ')}`);
  const t = table === null ? null : TABLE_NAMES.find((n) => n === table.trim().toLowerCase());
  if (t === undefined) return err(`--table expects one of ${TABLE_NAMES.join(', ')}, got "${table}"`);
  return ok({ cmd, file: target, table: t, json });
}
