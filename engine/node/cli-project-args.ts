import { err, ok, type Result } from '../util/result';

export type ProjectCommand =
  | { cmd: 'pack'; workspace: string; out: string; scenarios: string | null; run: string | null; map: string | null; encrypt: boolean; viewer: boolean; force: boolean }
  | { cmd: 'unpack'; project: string; out: string; csv: boolean; force: boolean }
  | { cmd: 'run-project'; project: string; scenario: string | null; json: boolean; out: string | null };

export const PROJECT_USAGE = `  firebreak pack <workspace-folder> -o <file.firebreak> [--scenarios <folder>] [--run <scenario>] [--map <mapping.json>] [--encrypt] [--viewer] [--force]
  firebreak unpack <file.firebreak> -o <folder> [--csv] [--force]
  firebreak run <file.firebreak> [--scenario <name>] [--json] [--out <dir>]`;

export const PASSPHRASE_NOTE = `Passphrases are read from the FIREBREAK_PASSPHRASE environment variable, else asked on the
terminal without echo (or read as one line from a pipe); never from an argument.`;

const SPECS = {
  pack: { valued: ['out', 'scenarios', 'run', 'map'], boolean: ['encrypt', 'viewer', 'force'] },
  unpack: { valued: ['out'], boolean: ['csv', 'force'] },
  run: { valued: ['scenario', 'out'], boolean: ['json'] },
} as const;

/** `firebreak run x.firebreak …` runs a project, not a workspace folder. */
export function isProjectRun(args: readonly string[]): boolean {
  return args.some((a, i) => /\.firebreak$/i.test(a) && !a.startsWith('-') && !['--scenario', '--out'].includes(args[i - 1] ?? ''));
}

interface Split {
  positional: string[];
  flags: Map<string, string | true>;
}

function split(args: readonly string[], spec: { valued: readonly string[]; boolean: readonly string[] }): Result<Split, string> {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--passphrase' || a.startsWith('--passphrase=')) {
      return err('a passphrase is never taken as an argument (it would stay in the shell history); set FIREBREAK_PASSPHRASE or type it when asked');
    }
    const isShortOut = a === '-o';
    if (!isShortOut && (!a.startsWith('--') || a === '--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = isShortOut ? 'out' : eq < 0 ? a.slice(2) : a.slice(2, eq);
    if (spec.valued.includes(name)) {
      const value = isShortOut || eq < 0 ? args[++i] : a.slice(eq + 1);
      if (value === undefined || value === '' || ((isShortOut || eq < 0) && value.startsWith('-'))) return err(`${isShortOut ? '-o' : `--${name}`} expects a value`);
      if (flags.has(name)) return err(`--${name} is given twice`);
      flags.set(name, value);
    } else if (spec.boolean.includes(name)) {
      if (eq >= 0) return err(`--${name} takes no value`);
      flags.set(name, true);
    } else {
      return err(`unknown option --${name}; expected one of ${[...spec.valued, ...spec.boolean].map((f) => (f === 'out' ? '-o' : `--${f}`)).join(', ')}`);
    }
  }
  return ok({ positional, flags });
}

const str = (p: Split, name: string): string | null => {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : null;
};

/** Parses `pack`, `unpack` and `run <file.firebreak>` (arguments after the command). */
export function parseProjectArgs(cmd: 'pack' | 'unpack' | 'run', args: readonly string[]): Result<ProjectCommand, string> {
  const p = split(args, SPECS[cmd]);
  if (!p.ok) return p;
  const [first, ...extra] = p.value.positional;
  const out = str(p.value, 'out');
  const has = (flag: string): boolean => p.value.flags.has(flag);
  if (cmd === 'pack') {
    if (first === undefined) return err('pack expects a workspace folder: firebreak pack <workspace-folder> -o <file.firebreak>');
    if (extra.length) return err(`pack expects one workspace folder, got also: ${extra.join(' ')}`);
    if (out === null) return err('pack expects -o <file.firebreak>');
    if (!/\.firebreak$/i.test(out)) return err(`pack writes a .firebreak file; got -o ${out}`);
    return ok({ cmd: 'pack', workspace: first, out, scenarios: str(p.value, 'scenarios'), run: str(p.value, 'run'), map: str(p.value, 'map'), encrypt: has('encrypt'), viewer: has('viewer'), force: has('force') });
  }
  if (first === undefined) return err(`${cmd} expects a project file: firebreak ${cmd} <file.firebreak>`);
  if (extra.length) return err(`${cmd} expects one project file, got also: ${extra.join(' ')}`);
  if (cmd === 'unpack') {
    if (out === null) return err('unpack expects -o <folder>');
    return ok({ cmd: 'unpack', project: first, out, csv: has('csv'), force: has('force') });
  }
  return ok({ cmd: 'run-project', project: first, scenario: str(p.value, 'scenario'), json: has('json'), out });
}
