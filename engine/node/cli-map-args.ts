import { err, ok, type Result } from '../util/result';
import { TABLE_NAMES, type TableName } from '../workspace/schema';

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
  const positional: string[] = [];
  let table: string | null = null;
  let json = false;
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (cmd === 'map' && (a === '--table' || a.startsWith('--table='))) {
      const v = a === '--table' ? args[++i] : a.slice('--table='.length);
      if (v === undefined || v === '' || v.startsWith('--')) return err('--table expects a table name');
      if (table !== null) return err('--table is given twice');
      table = v;
    } else if (cmd === 'map' && a === '--json') json = true;
    else if (cmd === 'template' && a === '--force') force = true;
    else if (a.startsWith('--')) return err(`unknown option ${a.split('=')[0]}; ${cmd} takes ${cmd === 'map' ? '--table <table> and --json' : '--force'}`);
    else positional.push(a);
  }
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
