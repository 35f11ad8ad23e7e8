import { err, ok, type Result } from '../util/result';
import { isProjectRun, parseProjectArgs, PASSPHRASE_NOTE, PROJECT_USAGE, type ProjectCommand } from './cli-project-args';
import { MAP_USAGE, isMapCommand, parseMapArgs, type MapCommand } from './cli-map-args';
import { ANALYSIS_USAGE, isAnalysisCommand, parseAnalysisArgs, type AnalysisCommand } from './cli-analysis-args';

export type Command =
  | { cmd: 'run'; workspace: string; scenario: string; json: boolean; out: string | null; map: string | null; overrides: string | null }
  | { cmd: 'validate'; workspace: string; scenario: string | null; json: boolean; map: string | null }
  | { cmd: 'generate'; dir: string; positions: number; seed: number }
  | ProjectCommand
  | MapCommand
  | AnalysisCommand
  | { cmd: 'help' }
  | { cmd: 'version' };

export const USAGE = `Usage:
  firebreak run <workspace-folder> --scenario <file.json> [--json] [--out <dir>] [--map <mapping.json>] [--overrides <file.json>]
  firebreak validate <workspace-folder> [--scenario <file.json>] [--json] [--map <mapping.json>]
  firebreak generate <dir> --positions <N> [--seed <S>]
${MAP_USAGE}
${PROJECT_USAGE}
${ANALYSIS_USAGE}
  firebreak --help | --version

${PASSPHRASE_NOTE}
Exit codes: 0 done, 2 invalid input, 1 internal error, 3 a project run that differs from its saved results.`;

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
  if (cmd === 'pack' || cmd === 'unpack' || (cmd === 'run' && isProjectRun(rest))) return parseProjectArgs(cmd, rest);
  if (isAnalysisCommand(cmd)) return parseAnalysisArgs(cmd, rest);
  if (isMapCommand(cmd)) return parseMapArgs(cmd, rest);
  if (cmd === 'run') {
    const p = split(rest, new Set(['scenario', 'out', 'map', 'overrides']), new Set(['json']));
    if (!p.ok) return p;
    const [workspace, ...extra] = p.value.positional;
    if (workspace === undefined) return err('run expects a workspace folder: firebreak run <workspace-folder> --scenario <file.json>');
    if (extra.length) return err(`run expects one workspace folder, got also: ${extra.join(' ')}`);
    const scenario = str(p.value, 'scenario');
    if (scenario === null) return err('run expects --scenario <file.json>');
    return ok({ cmd: 'run', workspace, scenario, json: p.value.flags.has('json'), out: str(p.value, 'out'), map: str(p.value, 'map'), overrides: str(p.value, 'overrides') });
  }
  if (cmd === 'validate') {
    const p = split(rest, new Set(['scenario', 'map']), new Set(['json']));
    if (!p.ok) return p;
    const [workspace, ...extra] = p.value.positional;
    if (workspace === undefined) return err('validate expects a workspace folder: firebreak validate <workspace-folder> [--scenario <file.json>]');
    if (extra.length) return err(`validate expects one workspace folder, got also: ${extra.join(' ')}`);
    return ok({ cmd: 'validate', workspace, scenario: str(p.value, 'scenario'), json: p.value.flags.has('json'), map: str(p.value, 'map') });
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
  return err(`unknown command "${cmd}"; expected run, validate, generate, map, template, pack, unpack, sweep, reverse, montecarlo or debtrank`);
}
