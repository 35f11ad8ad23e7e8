import { err, ok, type Result } from '../util/result';

export type Command =
  | { cmd: 'run'; workspace: string; scenario: string; json: boolean; out: string | null }
  | { cmd: 'validate'; workspace: string; scenario: string | null; json: boolean }
  | { cmd: 'generate'; dir: string; positions: number; seed: number }
  | { cmd: 'help' }
  | { cmd: 'version' };

export const USAGE = `Usage:
  firebreak run <workspace-folder> --scenario <file.json> [--json] [--out <dir>]
  firebreak validate <workspace-folder> [--scenario <file.json>] [--json]
  firebreak generate <dir> --positions <N> [--seed <S>]
  firebreak --help | --version

Exit codes: 0 done, 2 invalid input, 1 internal error.`;

const MAX_POSITIONS = 20_000_000;

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

/** Splits arguments into positionals and flags; `valued` flags take the next argument (or `--flag=value`). */
function split(args: readonly string[], valued: ReadonlySet<string>, boolean: ReadonlySet<string>): Result<Parsed, string> {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('--') || a === '--') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    if (valued.has(name)) {
      const value = eq < 0 ? args[++i] : a.slice(eq + 1);
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) return err(`--${name} expects a value`);
      if (flags.has(name)) return err(`--${name} is given twice`);
      flags.set(name, value);
    } else if (boolean.has(name)) {
      if (eq >= 0) return err(`--${name} takes no value`);
      flags.set(name, true);
    } else {
      const known = [...valued, ...boolean].map((f) => `--${f}`).join(', ');
      return err(`unknown option --${name}${known ? `; expected one of ${known}` : ''}`);
    }
  }
  return ok({ positional, flags });
}

const str = (p: Parsed, name: string): string | null => {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : null;
};

function integer(text: string, name: string, min: number, max: number): Result<number, string> {
  const t = text.replace(/_/g, '');
  const n = /^[+-]?\d+$/.test(t) ? Number(t) : /^\d+(\.\d+)?[eE]\+?\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) return err(`--${name} expects an integer from ${min} to ${max}, got "${text}"`);
  return ok(n);
}

/** Reads the command line (without `node` and the script). Errors say what was expected. */
export function parseArgs(argv: readonly string[]): Result<Command, string> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') return ok({ cmd: 'help' });
  if (cmd === '--version' || cmd === '-v' || cmd === 'version') return ok({ cmd: 'version' });
  if (cmd === 'run') {
    const p = split(rest, new Set(['scenario', 'out']), new Set(['json']));
    if (!p.ok) return p;
    const [workspace, ...extra] = p.value.positional;
    if (workspace === undefined) return err('run expects a workspace folder: firebreak run <workspace-folder> --scenario <file.json>');
    if (extra.length) return err(`run expects one workspace folder, got also: ${extra.join(' ')}`);
    const scenario = str(p.value, 'scenario');
    if (scenario === null) return err('run expects --scenario <file.json>');
    return ok({ cmd: 'run', workspace, scenario, json: p.value.flags.has('json'), out: str(p.value, 'out') });
  }
  if (cmd === 'validate') {
    const p = split(rest, new Set(['scenario']), new Set(['json']));
    if (!p.ok) return p;
    const [workspace, ...extra] = p.value.positional;
    if (workspace === undefined) return err('validate expects a workspace folder: firebreak validate <workspace-folder> [--scenario <file.json>]');
    if (extra.length) return err(`validate expects one workspace folder, got also: ${extra.join(' ')}`);
    return ok({ cmd: 'validate', workspace, scenario: str(p.value, 'scenario'), json: p.value.flags.has('json') });
  }
  if (cmd === 'generate') {
    const p = split(rest, new Set(['positions', 'seed']), new Set());
    if (!p.ok) return p;
    const [dir, ...extra] = p.value.positional;
    if (dir === undefined) return err('generate expects an output folder: firebreak generate <dir> --positions <N> [--seed <S>]');
    if (extra.length) return err(`generate expects one output folder, got also: ${extra.join(' ')}`);
    const positions = str(p.value, 'positions');
    if (positions === null) return err('generate expects --positions <N>, the number of leveraged positions (e.g. 100000)');
    const n = integer(positions, 'positions', 1, MAX_POSITIONS);
    if (!n.ok) return n;
    const seedText = str(p.value, 'seed');
    const seed = seedText === null ? ok(1) : integer(seedText, 'seed', 0, Number.MAX_SAFE_INTEGER);
    if (!seed.ok) return seed;
    return ok({ cmd: 'generate', dir, positions: n.value, seed: seed.value });
  }
  return err(`unknown command "${cmd}"; expected run, validate or generate`);
}
