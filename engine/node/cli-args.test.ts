import { describe, expect, it } from 'vitest';
import { parseArgs } from './cli-args';

describe('parseArgs', () => {
  it('reads run, validate and generate', () => {
    expect(parseArgs(['run', 'ws', '--scenario', 's.json', '--json', '--out', 'o'])).toEqual({
      ok: true,
      value: { cmd: 'run', workspace: 'ws', scenario: 's.json', json: true, out: 'o', map: null, overrides: null },
    });
    expect(parseArgs(['run', '--scenario=s.json', 'ws'])).toEqual({ ok: true, value: { cmd: 'run', workspace: 'ws', scenario: 's.json', json: false, out: null, map: null, overrides: null } });
    expect(parseArgs(['validate', 'ws'])).toEqual({ ok: true, value: { cmd: 'validate', workspace: 'ws', scenario: null, json: false, map: null } });
    expect(parseArgs(['generate', 'd', '--positions', '1_000_000', '--seed', '9'])).toEqual({ ok: true, value: { cmd: 'generate', dir: 'd', positions: 1_000_000, seed: 9 } });
    expect(parseArgs(['generate', 'd', '--positions', '1e6'])).toEqual({ ok: true, value: { cmd: 'generate', dir: 'd', positions: 1_000_000, seed: 1 } });
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
    expect(msg(['run', 'ws', '--scenario', 'a', '--jsn'])).toContain('unknown option --jsn; expected one of --scenario, --out, --map, --overrides, --json');
    expect(msg(['run', 'ws', '--scenario', 'a', '--json=yes'])).toContain('takes no value');
    expect(msg(['generate', 'd'])).toContain('--positions <N>');
    expect(msg(['generate', 'd', '--positions', '0'])).toContain('from 1 to');
    expect(msg(['generate', 'd', '--positions', '2.5'])).toContain('integer');
    expect(msg(['generate', 'd', '--positions', '10', '--seed', '-1'])).toContain('--seed expects an integer');
    expect(msg(['frobnicate'])).toContain('expected run, validate, generate, map, template, pack, unpack');
  });
});
