import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const CASE = join(ROOT, 'test', 'cases', 'single-long');
let tmp: string;
let cli: string;

function firebreak(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, FIREBREAK_DEBUG: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Relative tolerance 1e-6, absolute 1e-4 near zero (test/cases/README.md). */
function close(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tol = Math.max(1e-4, 1e-6 * Math.abs(expected));
    expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
  } else if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    expect(actual, where).toBeTypeOf('object');
    const a = actual as Record<string, unknown>;
    for (const [k, v] of Object.entries(expected)) close(a[k], v, `${where}.${k}`);
  } else expect(actual, where).toEqual(expected);
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'firebreak-cli-'));
  cli = join(tmp, 'cli.mjs');
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['engine/node/cli.ts'],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('firebreak run', () => {
  it('prints exactly the MODEL §6 summary plus timings with --json, matching the worked case', () => {
    const r = firebreak('run', CASE, '--scenario', join(CASE, 'scenario.json'), '--json');
    // The import's warnings (the case's own scenario and expected results beside its tables) go to stderr.
    expect(r.err).toBe('firebreak: warning: expected.json: holds expected results, not a table; ignored\nfirebreak: warning: scenario.json: holds a scenario, not a table; ignored\n');
    expect(r.code).toBe(0);
    const got = JSON.parse(r.out) as Record<string, unknown>;
    const expected = JSON.parse(readFileSync(join(CASE, 'expected.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(got)).toEqual([...Object.keys(expected), 'timings']);
    close(got, expected, 'summary');
    const timings = got.timings as Record<string, unknown>;
    expect(Object.keys(timings)).toEqual(['import_ms', 'run_ms']);
    expect(timings.import_ms).toBeTypeOf('number');
    expect(timings.run_ms).toBeTypeOf('number');
  });

  it('prints a readable report without --json', () => {
    const r = firebreak('run', CASE, '--scenario', join(CASE, 'scenario.json'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Total liquidated\s+\$147,656/);
    expect(r.out).toMatch(/Amplification\s+1\.24×/);
    expect(r.out).toContain('event:0  price_shock ETH −20.0%, step 0');
    expect(r.out).toMatch(/fund\s.*event:0 → ETH → fund/);
    expect(r.out).toContain('Defaults: none');
  });

  it('writes every result table as .arrow and .csv with --out', () => {
    const out = join(tmp, 'out');
    const r = firebreak('run', CASE, '--scenario', join(CASE, 'scenario.json'), '--out', out, '--json');
    expect(r.code).toBe(0);
    const files = readdirSync(out).sort();
    for (const t of ['prices', 'venues', 'nodes', 'losses', 'liquidations', 'oracles']) {
      expect(files).toContain(`${t}.arrow`);
      expect(files).toContain(`${t}.csv`);
    }
    const liq = tableFromIPC(readFileSync(join(out, 'liquidations.arrow')));
    expect(liq.numRows).toBe(6);
    const csv = readFileSync(join(out, 'liquidations.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^step,position,venue,/);
    expect(csv.length).toBe(7);
    let repaid = 0;
    for (const v of liq.getChild('repaid_usd')?.toArray() as Float64Array) repaid += v;
    expect(repaid).toBeCloseTo(147656.25, 4);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(JSON.parse(r.out));
  });

  it.skipIf(!existsSync('/proc/self'))('exits 2 saying why when --out cannot be made (under /proc: Node’s recursive mkdir spun there forever)', () => {
    const out = '/proc/firebreak-out/results';
    const r = spawnSync(process.execPath, [cli, 'run', CASE, '--scenario', join(CASE, 'scenario.json'), '--out', out], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`firebreak: cannot make the folder /proc/firebreak-out: no such file or folder\n`);
  });

  it('exits 2 with the problem list on stderr for a bad workspace, never a stack trace', () => {
    const bad = join(tmp, 'bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'assets.csv'), 'id,price\nETH,-5\n');
    writeFileSync(join(bad, 'nodes.csv'), 'id,kind\nlend,venue\nfund,bank\n');
    const r = firebreak('run', bad, '--scenario', join(CASE, 'scenario.json'));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/assets\s+2\s+price\s+"-5"/);
    expect(r.err).toMatch(/nodes\s+3\s+kind\s+"fund|bank"/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(firebreak('run', join(tmp, 'missing'), '--scenario', join(CASE, 'scenario.json')).code).toBe(2);
  });

  it('exits 2 for a scenario that names an unknown id or is not JSON', () => {
    const sc = join(tmp, 'bad-scenario.json');
    writeFileSync(sc, JSON.stringify({ events: [{ type: 'price_shock', asset: 'DOGE', change: -0.1, at: 0 }] }));
    const r = firebreak('run', CASE, '--scenario', sc);
    expect(r.code).toBe(2);
    expect(r.err).toContain('events[0].asset');
    writeFileSync(sc, '{ nope');
    expect(firebreak('run', CASE, '--scenario', sc).code).toBe(2);
  });

  it('exits 2 for numbers beyond the range the engine computes in: refused by event and field, or named where the run stops', () => {
    const sc = join(tmp, 'huge-shock.json');
    writeFileSync(sc, JSON.stringify({ steps: 5, events: [{ type: 'price_shock', asset: 'ETH', change: 1e308, at: 1 }] }));
    const shock = firebreak('run', CASE, '--scenario', sc, '--json');
    expect(shock.code).toBe(2);
    expect(shock.out).toBe('');
    expect(shock.err).toContain('events[0].change');
    expect(shock.err).toContain('takes the fundamental price of ETH to more than 1.8e+308 USD');
    const huge = join(tmp, 'huge-holding');
    mkdirSync(huge, { recursive: true });
    for (const f of ['assets.csv', 'nodes.csv', 'positions.csv']) writeFileSync(join(huge, f), readFileSync(join(CASE, f)));
    writeFileSync(join(huge, 'holdings.csv'), 'owner,asset,amount\nfund,ETH,1e306\n');
    const r = firebreak('run', huge, '--scenario', join(CASE, 'scenario.json'), '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe("firebreak: the run stopped after step 0: the value of node fund (Infinity) is not a finite number; the workspace's or the scenario's numbers are beyond the range the engine computes in\n");
  });

  it('runs an oracle delay or heartbeat of a billion steps as one longer than any scenario (it allocated a ring of that many steps and failed)', () => {
    const demo = join(ROOT, 'assets', 'demo');
    const oracles = readFileSync(join(demo, 'workspace', 'oracles.csv'), 'utf8');
    const summaries = ['100001', '1000000000', '99999999999'].map((steps) => {
      const ws = join(tmp, `delay-${steps}`);
      mkdirSync(ws);
      for (const name of readdirSync(join(demo, 'workspace'))) copyFileSync(join(demo, 'workspace', name), join(ws, name));
      writeFileSync(join(ws, 'oracles.csv'), oracles.replace(/^(cl-eth,ETH),\d+,([^,]*),\d+/m, `$1,${steps},$2,${steps}`));
      const r = firebreak('run', ws, '--scenario', join(demo, 'scenarios', 'flash-crash.json'), '--json');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const { timings: _t, ...summary } = JSON.parse(r.out) as Record<string, unknown>;
      return summary;
    });
    expect(summaries[1]).toEqual(summaries[0]);
    expect(summaries[2]).toEqual(summaries[0]);
    const sweep = firebreak('sweep', join(demo, 'workspace'), '--scenario', join(demo, 'scenarios', 'flash-crash.json'), '--axis', 'oracle[cl-eth].delay_steps=0:1e9:2', '--json', '--workers', '0');
    expect(sweep.err).toBe('');
    expect(sweep.code).toBe(0);
  });

  it('interrupted (Ctrl-C) while writing, takes back its temporary files: the folder can be generated into again', async () => {
    const dir = join(tmp, 'interrupted');
    const child = spawn(process.execPath, [cli, 'generate', dir, '--positions', '300000'], { cwd: ROOT, env: { ...process.env, FIREBREAK_DEBUG: '' } });
    // Once it has begun writing (its folder exists), or after two seconds.
    for (let waited = 0; waited < 2000 && !existsSync(dir); waited += 20) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect([0, 130]).toContain(code);
    expect(existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.old')) : []).toEqual([]);
    expect(firebreak('generate', dir, '--positions', '100').code).toBe(0);
  });

  it('ends quietly when the reader of its output goes away (| head -1)', async () => {
    const child = spawn(process.execPath, [cli, 'run', join(ROOT, 'assets', 'demo', 'workspace'), '--scenario', join(ROOT, 'assets', 'demo', 'scenarios', 'flash-crash.json')], { cwd: ROOT, env: { ...process.env, FIREBREAK_DEBUG: '' } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it('ends quietly through bin/firebreak.mjs too, for every command (validate and map printed a stack trace and exited 1)', async () => {
    // bin/ next to a dist/node/cli.mjs, as in the repository.
    mkdirSync(join(tmp, 'bin'), { recursive: true });
    mkdirSync(join(tmp, 'dist', 'node'), { recursive: true });
    copyFileSync(join(ROOT, 'bin', 'firebreak.mjs'), join(tmp, 'bin', 'firebreak.mjs'));
    copyFileSync(cli, join(tmp, 'dist', 'node', 'cli.mjs'));
    const demo = join(ROOT, 'assets', 'demo', 'workspace');
    for (const args of [['validate', demo], ['map', join(demo, 'positions.csv')]]) {
      const child = spawn(process.execPath, [join(tmp, 'bin', 'firebreak.mjs'), ...args], { cwd: ROOT, env: { ...process.env, FIREBREAK_DEBUG: '' } });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.stdout.destroy();
      const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
      expect(err, args[0]).toBe('');
      expect(code, args[0]).toBe(0);
    }
  });

  it('with --json, prints the summary alone on stdout and every import warning on stderr (they were lost)', () => {
    const ws = join(tmp, 'warned');
    mkdirSync(ws, { recursive: true });
    for (const f of ['assets.csv', 'nodes.csv', 'positions.csv']) copyFileSync(join(CASE, f), join(ws, f));
    const assets = readFileSync(join(CASE, 'assets.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(ws, 'assets.csv'), assets.map((l, i) => `${l},${i === 0 ? 'desk' : 'x'}`).join('\n') + '\n');
    copyFileSync(join(CASE, 'nodes.csv'), join(ws, 'my-nodes.csv'));
    const r = firebreak('run', ws, '--scenario', join(CASE, 'scenario.json'), '--json');
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.out) as object)).toContain('timings');
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.startsWith('firebreak: warning: '))).toBe(true);
    expect(r.err).toContain('assets, desk: is not a column of assets');
    expect(r.err).toMatch(/my-nodes\.csv: .*ignored/);
    // A project packed from it says the same, run --json or not.
    const project = join(tmp, 'warned.firebreak');
    const scenarios = join(tmp, 'warned-scenarios');
    mkdirSync(scenarios, { recursive: true });
    copyFileSync(join(CASE, 'scenario.json'), join(scenarios, 'scenario.json'));
    expect(firebreak('pack', ws, '-o', project, '--scenarios', scenarios).code).toBe(0);
    const p = firebreak('run', project, '--json');
    expect(JSON.parse(p.out)).toHaveProperty('timings');
    expect(p.err).toContain('firebreak: warning: assets, desk: is not a column of assets');
    expect(firebreak('run', project).out).toContain('  - assets, desk: is not a column of assets');
  });

  it('prints a command’s usage for --help or -h after it, and never takes -h for a folder’s name', () => {
    const cwd = mkdtempSync(join(tmp, 'cwd-'));
    const at = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd });
    for (const args of [['run', '--help'], ['generate', '-h', '--positions', '5'], ['template', '-h'], ['unpack', '--help']]) {
      const r = at(...args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toContain(`firebreak ${args[0]} <`);
      expect(r.stderr).toBe('');
    }
    const dash = at('generate', '-x', '--positions', '5');
    expect(dash.status).toBe(2);
    expect(dash.stderr).toContain('unknown option -x');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('exits 2 for bad arguments and says what was expected', () => {
    const noScenario = firebreak('run', CASE);
    expect(noScenario.code).toBe(2);
    expect(noScenario.err).toContain('expects --scenario <file.json>');
    const unknown = firebreak('run', CASE, '--scenario', 'x.json', '--fast');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown option --fast');
    expect(firebreak('explode').code).toBe(2);
    expect(firebreak('generate', join(tmp, 'g'), '--positions', 'many').err).toContain('--positions expects an integer');
  });
});

describe('firebreak validate', () => {
  it('prints OK with row counts, or the problems and exit 2', () => {
    const ok = firebreak('validate', CASE, '--scenario', join(CASE, 'scenario.json'));
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^OK/);
    expect(ok.out).toMatch(/positions\s+1/);
    const bad = firebreak('validate', join(tmp, 'bad'));
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/problems?\./);
  });
});

describe('firebreak generate', () => {
  it('writes the same bytes for the same seed, and the result runs', () => {
    const a = join(tmp, 'gen-a');
    const b = join(tmp, 'gen-b');
    expect(firebreak('generate', a, '--positions', '3000', '--seed', '7').code).toBe(0);
    expect(firebreak('generate', b, '--positions', '3000', '--seed', '7').code).toBe(0);
    const names = readdirSync(a).sort();
    expect(names).toEqual(readdirSync(b).sort());
    for (const n of names) expect(readFileSync(join(a, n)).equals(readFileSync(join(b, n))), n).toBe(true);
    const r = firebreak('run', a, '--scenario', join(a, 'scenario.json'), '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as { total_liquidated_usd: number };
    expect(s.total_liquidated_usd).toBeGreaterThan(0);
  });
});

describe('bin/firebreak.mjs', () => {
  it('asks for a build when dist is missing', () => {
    const fake = join(tmp, 'fake');
    mkdirSync(join(fake, 'bin'), { recursive: true });
    copyFileSync(join(ROOT, 'bin', 'firebreak.mjs'), join(fake, 'bin', 'firebreak.mjs'));
    expect(existsSync(join(fake, 'dist'))).toBe(false);
    const r = spawnSync(process.execPath, [join(fake, 'bin', 'firebreak.mjs'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('run npm run build');
  });
});
