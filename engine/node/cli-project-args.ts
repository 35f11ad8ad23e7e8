import { err, ok, type Result } from '../util/result';
import { flagValue, splitArgs, type FlagSpec } from './cli-split';

export type ProjectCommand =
  | { cmd: 'pack'; workspace: string; out: string; scenarios: string | null; run: string | null; map: string | null; encrypt: boolean; viewer: boolean; force: boolean }
  | { cmd: 'unpack'; project: string; out: string; csv: boolean; force: boolean }
  | { cmd: 'run-project'; project: string; scenario: string | null; json: boolean; out: string | null; force: boolean };

export const PROJECT_USAGE = `  firebreak pack <workspace-folder> -o <file.firebreak> [--scenarios <folder>] [--run <scenario>] [--map <mapping.json>] [--encrypt] [--viewer] [--force]
  firebreak unpack <file.firebreak> -o <folder> [--csv] [--force]
  firebreak run <file.firebreak> [--scenario <name>] [--json] [--out <dir>] [--force]`;

export const PASSPHRASE_NOTE = `Passphrases are read from the FIREBREAK_PASSPHRASE environment variable, else asked on the
terminal without echo (or read as one line from a pipe); never from an argument.`;

// -o and --out are one option everywhere; messages spell it as each command's usage does.
const SPECS: Record<'pack' | 'unpack' | 'run', FlagSpec> = {
  pack: { valued: ['out', 'scenarios', 'run', 'map'], boolean: ['encrypt', 'viewer', 'force'], short: { o: 'out' }, shown: { out: '-o' } },
  unpack: { valued: ['out'], boolean: ['csv', 'force'], short: { o: 'out' }, shown: { out: '-o' } },
  run: { valued: ['scenario', 'out'], boolean: ['json', 'force'], short: { o: 'out' } },
};

/** `firebreak run x.firebreak …` runs a project, not a workspace folder. */
export function isProjectRun(args: readonly string[]): boolean {
  return args.some((a, i) => /\.firebreak$/i.test(a) && !a.startsWith('-') && !['--scenario', '--out', '-o', '--map', '--overrides'].includes(args[i - 1] ?? ''));
}

/** Parses `pack`, `unpack` and `run <file.firebreak>` (arguments after the command). */
export function parseProjectArgs(cmd: 'pack' | 'unpack' | 'run', args: readonly string[]): Result<ProjectCommand, string> {
  const p = splitArgs(args, SPECS[cmd]);
  if (!p.ok) return p;
  const [first, ...extra] = p.value.positional;
  const out = flagValue(p.value, 'out');
  const has = (flag: string): boolean => p.value.flags.has(flag);
  if (cmd === 'pack') {
    if (first === undefined) return err('pack expects a workspace folder: firebreak pack <workspace-folder> -o <file.firebreak>');
    if (extra.length) return err(`pack expects one workspace folder, got also: ${extra.join(' ')}`);
    if (out === null) return err('pack expects -o <file.firebreak>');
    if (!/\.firebreak$/i.test(out)) return err(`pack writes a .firebreak file; got -o ${out}`);
    return ok({ cmd: 'pack', workspace: first, out, scenarios: flagValue(p.value, 'scenarios'), run: flagValue(p.value, 'run'), map: flagValue(p.value, 'map'), encrypt: has('encrypt'), viewer: has('viewer'), force: has('force') });
  }
  if (first === undefined) return err(`${cmd} expects a project file: firebreak ${cmd} <file.firebreak>`);
  if (extra.length) return err(`${cmd} expects one project file, got also: ${extra.join(' ')}`);
  if (cmd === 'unpack') {
    if (out === null) return err('unpack expects -o <folder>');
    return ok({ cmd: 'unpack', project: first, out, csv: has('csv'), force: has('force') });
  }
  return ok({ cmd: 'run-project', project: first, scenario: flagValue(p.value, 'scenario'), json: has('json'), out, force: has('force') });
}
