import { err, ok, type Result } from '../util/result';
import { isProjectRun, parseProjectArgs, PASSPHRASE_NOTE, PROJECT_USAGE, type ProjectCommand } from './cli-project-args';
import { MAP_USAGE, isMapCommand, parseMapArgs, type MapCommand } from './cli-map-args';
import { asksHelp, flagValue, splitArgs } from './cli-split';
import { ANALYSIS_USAGE, isAnalysisCommand, parseAnalysisArgs, type AnalysisCommand } from './cli-analysis-args';

export type Command =
  | { cmd: 'run'; workspace: string; scenario: string; json: boolean; out: string | null; force: boolean; map: string | null; overrides: string | null }
  | { cmd: 'validate'; workspace: string; scenario: string | null; json: boolean; map: string | null }
  | { cmd: 'generate'; dir: string; positions: number; seed: number; force: boolean }
  | ProjectCommand
  | MapCommand
  | AnalysisCommand
  | { cmd: 'help'; topic?: string }
  | { cmd: 'version' };

export const USAGE = `Usage:
  firebreak run <workspace-folder> --scenario <file.json> [--json] [--out <dir>] [--force] [--map <mapping.json>] [--overrides <file.json>]
    run --out <dir> (or -o <dir>): replaces the files an earlier run --out wrote there; any other file at a path it writes
      stops the run before anything is written, unless --force; a file the run reads, or the workspace folder, never.
    run --json: stdout is the summary alone; the import's warnings go to stderr.
  firebreak validate <workspace-folder> [--scenario <file.json>] [--json] [--map <mapping.json>]
  firebreak generate <dir> --positions <N> [--seed <S>] [--force]
    generate writes into a new or empty folder, or over an earlier generate's; into another folder only with --force,
      which replaces the files generate writes (by name) and leaves the others.
${MAP_USAGE}
${PROJECT_USAGE}
${ANALYSIS_USAGE}
  firebreak --help | --version

${PASSPHRASE_NOTE}
Exit codes: 0 done, 2 invalid input, 1 internal error, 3 a project run that differs from its saved results.`;

const MAX_POSITIONS = 20_000_000;

const COMMANDS = ['run', 'validate', 'generate', 'map', 'template', 'pack', 'unpack', 'sweep', 'reverse', 'montecarlo', 'debtrank'] as const;

/** What `firebreak <cmd> --help` prints: that command's lines of the usage, and the notes that apply to it. */
export function commandUsage(cmd: string): string {
  const lines = USAGE.split('\n');
  const own = lines.filter((l) => l.startsWith(`  firebreak ${cmd} `));
  // A note (indented by 4) belongs to the command it starts with; its next lines are indented by 6.
  let owner = false;
  const notes = lines.filter((l) => {
    if (l.startsWith('      ')) return owner;
    const t = l.trimStart();
    if (!l.startsWith('    ')) owner = false;
    else if (t.startsWith('parameters:') || t.startsWith('oracle[')) owner = cmd === 'sweep';
    else if (t.startsWith('--workers')) owner = isAnalysisCommand(cmd);
    else owner = t.startsWith(`${cmd} `);
    return owner;
  });
  const workspace = own.some((l) => l.includes('<workspace-folder>')) ? ['  (a <workspace-folder> may also be one .xlsx workbook or one .json document holding every table)'] : [];
  const passphrase = cmd === 'pack' || cmd === 'unpack' || cmd === 'run' ? ['', PASSPHRASE_NOTE] : [];
  return ['Usage:', ...own, ...notes, ...workspace, ...passphrase, '', 'Exit codes: 0 done, 2 invalid input, 1 internal error, 3 a project run that differs from its saved results.', 'Every command: firebreak --help'].join('\n');
}

const RUN_FLAGS = { valued: ['scenario', 'out', 'map', 'overrides'], boolean: ['json', 'force'], short: { o: 'out' } };

/** Arguments of an analysis command as its own parser reads them: `-o` is `--out` there too, and no flag may be given twice. */
function analysisArgs(args: readonly string[]): Result<string[], string> {
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    const flag = a === '-o' ? '--out' : a;
    // A value never starts with "--" (every parser refuses one), so each such argument is a flag.
    if (flag.startsWith('--')) {
      const name = flag.split('=')[0] as string;
      if (seen.has(name)) return err(`${name} is given twice`);
      seen.add(name);
    }
    out.push(flag);
  }
  return ok(out);
}

function integer(text: string, name: string, min: number, max: number): Result<number, string> {
  const t = text.replace(/_/g, '');
  const n = /^[+-]?\d+$/.test(t) ? Number(t) : /^\d+(\.\d+)?[eE]\+?\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) return err(`--${name} expects an integer from ${min} to ${max}, got "${text}"`);
  return ok(n);
}

/** Reads the command line (without `node` and the script). Errors say what was expected. */
export function parseArgs(argv: readonly string[]): Result<Command, string> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    const topic = cmd === 'help' ? rest[0] : undefined;
    if (topic !== undefined && topic !== '' && !(COMMANDS as readonly string[]).includes(topic)) return err(`help on an unknown command "${topic}"; expected ${COMMANDS.slice(0, -1).join(', ')} or ${COMMANDS[COMMANDS.length - 1] ?? ''}`);
    return ok(topic !== undefined && topic !== '' ? { cmd: 'help', topic } : { cmd: 'help' });
  }
  if (cmd === '--version' || cmd === '-v' || cmd === 'version') return rest.length === 0 ? ok({ cmd: 'version' }) : err(`${cmd} takes nothing more; got ${rest.join(' ')}`);
  if ((COMMANDS as readonly string[]).includes(cmd) && asksHelp(rest)) return ok({ cmd: 'help', topic: cmd });
  if (cmd === 'pack' || cmd === 'unpack' || (cmd === 'run' && isProjectRun(rest))) return parseProjectArgs(cmd, rest);
  if (isAnalysisCommand(cmd)) {
    const args = analysisArgs(rest);
    return args.ok ? parseAnalysisArgs(cmd, args.value) : args;
  }
  if (isMapCommand(cmd)) return parseMapArgs(cmd, rest);
  if (cmd === 'run') {
    const p = splitArgs(rest, RUN_FLAGS);
    if (!p.ok) return p;
    const [workspace, ...extra] = p.value.positional;
    if (workspace === undefined) return err('run expects a workspace folder: firebreak run <workspace-folder> --scenario <file.json>');
    if (extra.length) return err(`run expects one workspace folder, got also: ${extra.join(' ')}`);
    const scenario = flagValue(p.value, 'scenario');
    if (scenario === null) return err('run expects --scenario <file.json>');
    const has = (flag: string): boolean => p.value.flags.has(flag);
    return ok({ cmd: 'run', workspace, scenario, json: has('json'), out: flagValue(p.value, 'out'), force: has('force'), map: flagValue(p.value, 'map'), overrides: flagValue(p.value, 'overrides') });
  }
  if (cmd === 'validate') {
    const p = splitArgs(rest, { valued: ['scenario', 'map'], boolean: ['json'] });
    if (!p.ok) return p;
    const [workspace, ...extra] = p.value.positional;
    if (workspace === undefined) return err('validate expects a workspace folder: firebreak validate <workspace-folder> [--scenario <file.json>]');
    if (extra.length) return err(`validate expects one workspace folder, got also: ${extra.join(' ')}`);
    return ok({ cmd: 'validate', workspace, scenario: flagValue(p.value, 'scenario'), json: p.value.flags.has('json'), map: flagValue(p.value, 'map') });
  }
  if (cmd === 'generate') {
    const p = splitArgs(rest, { valued: ['positions', 'seed'], boolean: ['force'] });
    if (!p.ok) return p;
    const [dir, ...extra] = p.value.positional;
    if (dir === undefined) return err('generate expects an output folder: firebreak generate <dir> --positions <N> [--seed <S>]');
    if (extra.length) return err(`generate expects one output folder, got also: ${extra.join(' ')}`);
    const positions = flagValue(p.value, 'positions');
    if (positions === null) return err('generate expects --positions <N>, the number of leveraged positions (e.g. 100000)');
    const n = integer(positions, 'positions', 1, MAX_POSITIONS);
    if (!n.ok) return n;
    const seedText = flagValue(p.value, 'seed');
    const seed = seedText === null ? ok(1) : integer(seedText, 'seed', 0, Number.MAX_SAFE_INTEGER);
    if (!seed.ok) return seed;
    return ok({ cmd: 'generate', dir, positions: n.value, seed: seed.value, force: p.value.flags.has('force') });
  }
  return err(`unknown command "${cmd}"; expected run, validate, generate, map, template, pack, unpack, sweep, reverse, montecarlo or debtrank`);
}
