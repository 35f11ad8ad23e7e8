import { describe, expect, it } from 'vitest';
import { parseArgs } from './cli-args';

describe('parseArgs', () => {
  it('reads run, validate and generate', () => {
    expect(parseArgs(['run', 'ws', '--scenario', 's.json', '--json', '--out', 'o'])).toEqual({
      ok: true,
      value: { cmd: 'run', workspace: 'ws', scenario: 's.json', json: true, out: 'o', force: false, map: null, overrides: null },
    });
    expect(parseArgs(['run', '--scenario=s.json', 'ws'])).toEqual({ ok: true, value: { cmd: 'run', workspace: 'ws', scenario: 's.json', json: false, out: null, force: false, map: null, overrides: null } });
    expect(parseArgs(['validate', 'ws'])).toEqual({ ok: true, value: { cmd: 'validate', workspace: 'ws', scenario: null, json: false, map: null } });
    expect(parseArgs(['generate', 'd', '--positions', '1_000_000', '--seed', '9'])).toEqual({ ok: true, value: { cmd: 'generate', dir: 'd', positions: 1_000_000, seed: 9, force: false } });
    expect(parseArgs(['generate', 'd', '--positions', '1e6'])).toEqual({ ok: true, value: { cmd: 'generate', dir: 'd', positions: 1_000_000, seed: 1, force: false } });
    expect(parseArgs([])).toEqual({ ok: true, value: { cmd: 'help' } });
    expect(parseArgs(['--version'])).toEqual({ ok: true, value: { cmd: 'version' } });
  });

  it('says what was expected', () => {
    const msg = (argv: string[]): string => {
      const r = parseArgs(argv);
      return r.ok ? '' : r.error;
    };
    expect(msg(['run'])).toContain('expects a workspace folder');
    expect(msg(['run', 'ws'])).toContain('--scenario <file.json>');
    expect(msg(['run', 'ws', '--scenario'])).toBe('--scenario expects a value');
    expect(msg(['run', 'ws', '--scenario', 'a', '--scenario', 'b'])).toContain('twice');
    expect(msg(['run', 'ws', 'ws2', '--scenario', 'a'])).toContain('one workspace folder');
    expect(msg(['run', 'ws', '--scenario', 'a', '--jsn'])).toContain('unknown option --jsn; expected one of --scenario, --out, --map, --overrides, --json, --force');
    expect(msg(['run', 'ws', '--scenario', 'a', '--json=yes'])).toContain('takes no value');
    expect(msg(['generate', 'd'])).toContain('--positions <N>');
    expect(msg(['generate', 'd', '--positions', '0'])).toContain('from 1 to');
    expect(msg(['generate', 'd', '--positions', '2.5'])).toContain('integer');
    expect(msg(['generate', 'd', '--positions', '10', '--seed', '-1'])).toContain('--seed expects an integer');
    expect(msg(['frobnicate'])).toContain('expected run, validate, generate, map, template, pack, unpack');
  });

  const msg = (argv: string[]): string => {
    const r = parseArgs(argv);
    return r.ok ? '' : r.error;
  };

  it('reads --help or -h after any command as that command’s usage', () => {
    for (const argv of [['run', '--help'], ['run', 'ws', '--scenario', 's.json', '-h'], ['generate', '-h', '--positions', '5'], ['template', '-h'], ['pack', 'ws', '--help'], ['sweep', '-h'], ['run', 'p.firebreak', '--help']]) {
      expect(parseArgs(argv), argv.join(' ')).toEqual({ ok: true, value: { cmd: 'help', topic: argv[0] } });
    }
    expect(parseArgs(['help', 'validate'])).toEqual({ ok: true, value: { cmd: 'help', topic: 'validate' } });
    expect(msg(['frobnicate', '--help'])).toContain('unknown command');
    // Help on a command that is none, and version with more, are refused (they printed everything and exited 0).
    expect(msg(['help', 'nosuch'])).toContain('help on an unknown command "nosuch"');
    expect(msg(['version', '--help'])).toBe('version takes nothing more; got --help');
  });

  it('refuses a positional that starts with "-" as an unknown option (a name that does goes after --)', () => {
    expect(msg(['generate', '-x', '--positions', '5'])).toBe('unknown option -x; expected one of --positions, --seed, --force (a file or folder whose name starts with "-" goes after --)');
    expect(msg(['template', '-f'])).toContain('unknown option -f; expected one of --force');
    expect(msg(['run', '-q', '--scenario', 's.json'])).toContain('unknown option -q');
    expect(msg(['validate', 'ws', '-j'])).toContain('unknown option -j');
    expect(msg(['map', '-t', 'positions', 'f.csv'])).toContain('unknown option -t');
    expect(msg(['unpack', 'p.firebreak', '-o', 'x', '-c'])).toContain('unknown option -c');
    expect(parseArgs(['generate', '--positions', '5', '--', '-h'])).toEqual({ ok: true, value: { cmd: 'generate', dir: '-h', positions: 5, seed: 1, force: false } });
    // A value may start with one dash: it is refused for what it is.
    expect(msg(['generate', 'd', '--positions', '10', '--seed', '-1'])).toContain('--seed expects an integer');
  });

  it('takes -o and --out alike for every command that writes a folder or file, and names the documented one', () => {
    expect(parseArgs(['run', 'ws', '--scenario', 's.json', '-o', 'x'])).toMatchObject({ ok: true, value: { cmd: 'run', out: 'x' } });
    expect(parseArgs(['run', 'p.firebreak', '-o', 'x', '--force'])).toMatchObject({ ok: true, value: { cmd: 'run-project', out: 'x', force: true } });
    expect(parseArgs(['run', 'p.firebreak', '--out', 'x'])).toMatchObject({ ok: true, value: { cmd: 'run-project', out: 'x', force: false } });
    expect(parseArgs(['pack', 'ws', '--out', 'p.firebreak'])).toMatchObject({ ok: true, value: { cmd: 'pack', out: 'p.firebreak' } });
    expect(parseArgs(['debtrank', 'ws', '--scenario', 's.json', '-o', 'x'])).toMatchObject({ ok: true, value: { cmd: 'debtrank', out: 'x' } });
    expect(msg(['run', 'p.firebreak', '--bogus'])).toBe('unknown option --bogus; expected one of --scenario, --out, --json, --force');
    expect(msg(['run', 'p.firebreak', '--out'])).toBe('--out expects a value');
    expect(msg(['run', 'p.firebreak', '-o', 'a', '--out', 'b'])).toBe('--out is given twice');
    expect(msg(['pack', 'ws', '--bogus'])).toContain('expected one of -o, --scenarios');
    expect(msg(['pack', 'ws', '-o', 'a.firebreak', '--out', 'b.firebreak'])).toBe('-o is given twice');
  });

  it('refuses a flag given twice, with a value or without', () => {
    expect(msg(['run', 'ws', '--scenario', 's.json', '--json', '--json'])).toBe('--json is given twice');
    expect(msg(['template', 'd', '--force', '--force'])).toBe('--force is given twice');
    expect(msg(['unpack', 'p.firebreak', '-o', 'x', '--csv', '--csv'])).toBe('--csv is given twice');
    expect(msg(['map', 'f.csv', '--json', '--json'])).toBe('--json is given twice');
    expect(msg(['sweep', 'ws', '--json', '--json'])).toBe('--json is given twice');
    expect(msg(['debtrank', 'ws', '--impact', '--scenario', 's', '--impact'])).toBe('--impact is given twice');
  });
});

