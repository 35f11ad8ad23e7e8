import { err, ok, type Result } from '../util/result';

/** The options a command takes: flags with a value, flags without, and short aliases (`-o` for `out`). */
export interface FlagSpec {
  valued: readonly string[];
  boolean: readonly string[];
  /** Short aliases, e.g. `{ o: 'out' }` for `-o <value>`. */
  short?: Readonly<Record<string, string>>;
  /** How messages spell a flag where its documented form is the short one (`{ out: '-o' }` for pack). */
  shown?: Readonly<Record<string, string>>;
}

export interface SplitArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/** `--help` or `-h` among a command's arguments (before a `--`): the command's usage is asked for. */
export function asksHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/**
 * Splits a command's arguments into positionals and flags. A valued flag takes the next argument
 * (or `--flag=value`); a flag given twice, an unknown one, and a positional that starts with `-`
 * (`-h`, `-x`: never taken for a folder's name) are refused. After `--` every argument is
 * positional. A passphrase is never taken as an argument.
 */
export function splitArgs(args: readonly string[], spec: FlagSpec): Result<SplitArgs, string> {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const shown = (name: string): string => spec.shown?.[name] ?? `--${name}`;
  const expected = (): string => [...spec.valued, ...spec.boolean].map(shown).join(', ');
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a === '--passphrase' || a.startsWith('--passphrase=')) {
      return err('a passphrase is never taken as an argument (it would stay in the shell history); set FIREBREAK_PASSPHRASE or type it when asked');
    }
    const short = /^-[A-Za-z]$/.test(a) ? spec.short?.[a.slice(1)] : undefined;
    if (short === undefined && !a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    if (short === undefined && (!a.startsWith('--') || a.length === 2)) {
      if (a === '-') {
        positional.push(a);
        continue;
      }
      return err(`unknown option ${a}; expected one of ${expected()} (a file or folder whose name starts with "-" goes after --)`);
    }
    const eq = short === undefined ? a.indexOf('=') : -1;
    const name = short ?? (eq < 0 ? a.slice(2) : a.slice(2, eq));
    const given = short === undefined ? `--${name}` : a;
    if (spec.valued.includes(name)) {
      const value = eq < 0 ? args[++i] : a.slice(eq + 1);
      if (value === undefined || value === '' || (eq < 0 && value.startsWith(short === undefined ? '--' : '-'))) return err(`${given} expects a value`);
      if (flags.has(name)) return err(`${shown(name)} is given twice`);
      flags.set(name, value);
    } else if (spec.boolean.includes(name)) {
      if (eq >= 0) return err(`--${name} takes no value`);
      if (flags.has(name)) return err(`--${name} is given twice`);
      flags.set(name, true);
    } else {
      return err(`unknown option ${given}${expected() ? `; expected one of ${expected()}` : ''}`);
    }
  }
  return ok({ positional, flags });
}

/** A valued flag's value, or null. */
export const flagValue = (p: SplitArgs, name: string): string | null => {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : null;
};
