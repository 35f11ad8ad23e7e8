import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { makeVector, Table, type Vector } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProject } from '../project/read-project';
import { writeProject } from '../project/write-project';
import type { ProjectContents } from '../project/project';
import { pickScenario } from './cli-project-run';
import { sha256Hex } from '../util/hash';
import { main } from './cli';
import { parseArgs } from './cli-args';
import type { CliIo } from './cli-io';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMO = join(ROOT, 'assets', 'demo');
let tmp = '';
let cli = '';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

async function run(...argv: string[]) {
  const io = capture();
  const code = await main(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** The built CLI in a child process, for what needs a real stdin and environment. */
function spawnCli(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...options.env };
  if (!options.env?.FIREBREAK_PASSPHRASE) delete env.FIREBREAK_PASSPHRASE;
  const r = spawnSync(process.execPath, [cli, ...args], { input: options.input ?? '', encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'firebreak-cli-project-'));
  // A workspace folder holding a scenario of its own, plus the demo scenarios beside it.
  const ws = join(tmp, 'ws');
  mkdirSync(ws);
  for (const name of readdirSync(join(DEMO, 'workspace'))) copyFileSync(join(DEMO, 'workspace', name), join(ws, name));
  copyFileSync(join(DEMO, 'scenarios', 'oracle-attack.json'), join(ws, 'oracle-attack.json'));
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

describe('parsing pack, unpack and run <project>', () => {
  it('reads -o and the flags, and tells a project run from a workspace run', () => {
    expect(parseArgs(['pack', 'ws', '-o', 'x.firebreak', '--encrypt', '--run', 'Flash crash'])).toEqual({
      ok: true,
      value: { cmd: 'pack', workspace: 'ws', out: 'x.firebreak', scenarios: null, run: 'Flash crash', map: null, encrypt: true, viewer: false, force: false },
    });
    expect(parseArgs(['unpack', 'x.firebreak', '--out=dir', '--csv'])).toMatchObject({ ok: true, value: { cmd: 'unpack', project: 'x.firebreak', out: 'dir', csv: true } });
    expect(parseArgs(['run', 'Q4.FIREBREAK', '--json'])).toMatchObject({ ok: true, value: { cmd: 'run-project', project: 'Q4.FIREBREAK', scenario: null, json: true } });
    expect(parseArgs(['run', 'ws', '--scenario', 's.json'])).toMatchObject({ ok: true, value: { cmd: 'run', workspace: 'ws' } });
  });

  it.each([
    [['pack', 'ws'], 'pack expects -o <file.firebreak>'],
    [['pack', 'ws', '-o', 'x.zip'], 'pack writes a .firebreak file'],
    [['pack', 'ws', '-o', 'x.firebreak', '--passphrase', 'hunter22'], 'never taken as an argument'],
    [['pack', 'ws', '-o', 'x.firebreak', '--passphrase=hunter22'], 'never taken as an argument'],
    [['unpack', 'x.firebreak'], 'unpack expects -o <folder>'],
    [['unpack', '-o', 'd'], 'unpack expects a project file'],
    [['run', 'x.firebreak', '--fast'], 'unknown option --fast'],
  ])('%j is refused: %s', (argv, message) => {
    const r = parseArgs(argv);
    expect(r.ok ? '' : r.error).toContain(message);
  });
});

describe('firebreak pack / unpack / run <project>', () => {
  it('packs a workspace with its scenarios and a run, and runs the project reproducing the saved results', async () => {
    const out = join(tmp, 'demo.firebreak');
    const packed = await run('pack', join(tmp, 'ws'), '-o', out, '--scenarios', join(DEMO, 'scenarios'), '--run', 'flash-crash');
    // The workspace folder's oracle-attack.json and the scenario folder's share a name: the second is renamed, and said so.
    expect(packed.err).toMatch(/^firebreak: oracle-attack\.json is named like a scenario before it: packed as "Oracle attack: ETH feed reports half the price \(2\)"\nfirebreak: wrote .*demo\.firebreak \([\d,]+ bytes\): assets 8, nodes 41, .*; 6 scenarios, results of "Flash crash: ETH -30%, stale oracle, Bitnova outage", not encrypted\n$/);
    expect(packed.code).toBe(0);
    const read = await readProject(new Uint8Array(readFileSync(out)));
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.scenarios.map((s) => s.name)).toEqual([
      'Oracle attack: ETH feed reports half the price',
      'Flash crash: ETH -30%, stale oracle, Bitnova outage',
      'Lender default: Orbit Lending loses 90% of its off-book assets',
      'Liquidity drain: ETH and stETH pools lose 65% of their depth',
      'Oracle attack: ETH feed reports half the price (2)',
      'Stablecoin depeg: Meridian Bank fails, USDX loses its peg',
    ]);

    const json = await run('run', out, '--json');
    expect(json.code).toBe(0);
    expect(json.err).toContain('the run reproduces the results saved in the project');
    const summary = JSON.parse(json.out) as Record<string, unknown>;
    expect(summary.scenario).toBe('Flash crash: ETH -30%, stale oracle, Bitnova outage');
    expect(summary.total_liquidated_usd).toBe(read.value.results?.summary.total_liquidated_usd);

    const other = await run('run', out, '--scenario', 'Lender default: Orbit Lending loses 90% of its off-book assets');
    expect(other.code).toBe(0);
    expect(other.out).toContain('Lender default');
    expect(other.err).toBe('');
    const nope = (await run('run', out, '--scenario', 'nope')).err;
    expect(nope).toContain('the project has no scenario "nope"; it has: "Flash crash');
    // Each name once, though the saved run's scenario is also one of the project's.
    expect(nope.match(/"Flash crash: ETH -30%, stale oracle, Bitnova outage"/g)).toHaveLength(1);
    // As docs/cli.md shows it: a scenario named as its file was, by the start of its name.
    const byFile = await run('run', out, '--scenario', 'flash-crash', '--json');
    expect(byFile.code).toBe(0);
    expect(JSON.parse(byFile.out)).toMatchObject({ scenario: 'Flash crash: ETH -30%, stale oracle, Bitnova outage' });
    expect((await run('run', out, '--scenario', 'oracle-attack')).err).toBe(
      'firebreak: "oracle-attack" names more than one scenario of the project: "Oracle attack: ETH feed reports half the price", "Oracle attack: ETH feed reports half the price (2)"\n',
    );
  });

  it('exits 3 when the run differs from the results saved in the project (the report still printed)', async () => {
    const packed = join(tmp, 'differs-src.firebreak');
    expect((await run('pack', join(tmp, 'ws'), '-o', packed, '--scenarios', join(DEMO, 'scenarios'), '--run', 'flash-crash')).code).toBe(0);
    const read = await readProject(new Uint8Array(readFileSync(packed)));
    if (!read.ok || !read.value.results) throw new Error('the packed project has no results');
    const saved = read.value.results;
    // As a project saved by an engine that computed another number.
    const other = { ...saved, summary: { ...saved.summary, total_liquidated_usd: saved.summary.total_liquidated_usd + 1000 } };
    const bytes = await writeProject({ ...read.value, results: other }, { createdAt: '2026-12-02T00:00:00.000Z' });
    if (!bytes.ok) throw new Error(bytes.error.message);
    const differs = join(tmp, 'differs.firebreak');
    writeFileSync(differs, bytes.value);
    const r = await run('run', differs, '--json');
    expect(r.err).toContain('the run DIFFERS from the results saved in the project');
    expect(r.err).toMatch(new RegExp(`First difference: total_liquidated_usd: saved ${saved.summary.total_liquidated_usd + 1000}, now ${saved.summary.total_liquidated_usd}\\n$`));
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out)).toMatchObject({ total_liquidated_usd: saved.summary.total_liquidated_usd });
    // The same results saved: 0, and said to be exact, the tables included.
    const same = await run('run', packed);
    expect(same.code).toBe(0);
    expect(same.err).toMatch(/reproduces the results saved in the project .*: its summary and its 6 result tables, exactly\.\n$/);
  });

  it('compares the saved result tables too: one price changed in prices.arrow is a difference, by table, column and row', async () => {
    const packed = join(tmp, 'differs-src.firebreak');
    if (!existsSync(packed)) await run('pack', join(tmp, 'ws'), '-o', packed, '--scenarios', join(DEMO, 'scenarios'), '--run', 'flash-crash');
    const read = await readProject(new Uint8Array(readFileSync(packed)));
    if (!read.ok || !read.value.results) throw new Error('the packed project has no results');
    const saved = read.value.results;
    const prices = saved.tables.prices;
    const market = Float64Array.from(prices.getChild('market_price')?.toArray() as Float64Array);
    market[4] = (market[4] as number) * 1.01;
    const columns = Object.fromEntries(prices.schema.fields.map((f) => [f.name, f.name === 'market_price' ? makeVector(market) : prices.getChild(f.name)]));
    const tables = { ...saved.tables, prices: new Table(columns as Record<string, Vector>) };
    const bytes = await writeProject({ ...read.value, results: { ...saved, tables } }, { createdAt: '2026-12-02T00:00:00.000Z' });
    if (!bytes.ok) throw new Error(bytes.error.message);
    const tampered = join(tmp, 'tampered-table.firebreak');
    writeFileSync(tampered, bytes.value);
    const r = await run('run', tampered);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/First difference: prices\.market_price row 5: saved [\d.e+]+, now [\d.e+]+\n$/);
  });

  it('refuses a scenario name two scenarios of the project share, rather than run either', () => {
    const doc = (change: number) => ({ name: 'Flash crash', events: [{ type: 'price_shock', asset: 'ETH', change, at: 0 }] });
    const project = {
      manifest: { results: { scenario: 'Flash crash' } },
      results: { scenario: doc(-0.1) },
      scenarios: [
        { name: 'Flash crash', scenario: doc(-0.3) },
        { name: 'Flash crash', scenario: doc(-0.1) },
        { name: 'Lender default', scenario: doc(0) },
      ],
    } as unknown as ProjectContents;
    expect(pickScenario(project, 'Flash crash')).toBe('"Flash crash" names 2 scenarios of the project; give each its own name in the app (Scenario tab) and save the project again');
    expect(pickScenario(project, 'Lender default')).toMatchObject({ name: 'Lender default' });
    // Without a name: the saved results' scenario, as before.
    expect(pickScenario(project, null)).toMatchObject({ doc: doc(-0.1) });
  });

  it('files results under the scenario they ran, where two scenario files share a name; --scenario runs the one it names', async () => {
    const crash = JSON.parse(readFileSync(join(DEMO, 'scenarios', 'flash-crash.json'), 'utf8')) as { name: string; events: { change?: number }[] };
    const folder = join(tmp, 'same-name');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.json'), JSON.stringify(crash));
    const deeper = { ...crash, events: crash.events.map((e, i) => (i === 0 ? { ...e, change: -0.6 } : e)) };
    writeFileSync(join(folder, 'b.json'), JSON.stringify(deeper));
    const out = join(tmp, 'same-name.firebreak');
    const packed = await run('pack', join(DEMO, 'workspace'), '-o', out, '--scenarios', folder, '--run', 'b');
    expect(packed.code).toBe(0);
    expect(packed.err).toContain(`results of "${crash.name} (2)"`);
    expect(packed.err).toContain(`b.json is named like a scenario before it: packed as "${crash.name} (2)"`);
    // A file whose own name is what a repeat would be called keeps it; the repeat takes the next.
    writeFileSync(join(folder, 'c.json'), JSON.stringify({ ...crash, name: `${crash.name} (2)` }));
    const three = await run('pack', join(DEMO, 'workspace'), '-o', join(tmp, 'same-name-3.firebreak'), '--scenarios', folder);
    const p3 = await readProject(new Uint8Array(readFileSync(join(tmp, 'same-name-3.firebreak'))));
    if (!p3.ok) throw new Error(p3.error.message);
    expect(p3.value.scenarios.map((x) => x.name)).toEqual([crash.name, `${crash.name} (3)`, `${crash.name} (2)`]);
    expect((p3.value.scenarios[2]?.scenario as { name: string }).name).toBe(`${crash.name} (2)`);
    expect(three.err).toContain(`b.json is named like a scenario before it: packed as "${crash.name} (3)"`);
    rmSync(join(folder, 'c.json'));
    const p = await readProject(new Uint8Array(readFileSync(out)));
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.manifest.results?.scenario).toBe(`${crash.name} (2)`);
    const total = async (...args: string[]) => (JSON.parse((await run('run', out, '--json', ...args)).out) as { total_loss_usd: number }).total_loss_usd;
    const direct = async (file: string) => (JSON.parse((await run('run', join(DEMO, 'workspace'), '--scenario', join(folder, file), '--json')).out) as { total_loss_usd: number }).total_loss_usd;
    const [a, b] = [await direct('a.json'), await direct('b.json')];
    expect(a).not.toBe(b);
    expect(await total('--scenario', crash.name)).toBe(a);
    expect(await total('--scenario', `${crash.name} (2)`)).toBe(b);
    expect(await total()).toBe(b);
  });

  it('packs a workspace given as one JSON document, and one that needs --map; says what the import leaves out', async () => {
    // One JSON document holding every table, from the demo's CSV files.
    const doc: Record<string, Record<string, string>[]> = {};
    for (const name of readdirSync(join(DEMO, 'workspace'))) {
      const [header, ...lines] = readFileSync(join(DEMO, 'workspace', name), 'utf8').trim().split('\n');
      const cols = (header as string).split(',');
      doc[name.replace(/\.csv$/, '')] = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i] as string, v])));
    }
    const json = join(tmp, 'demo-workspace.json');
    writeFileSync(json, JSON.stringify(doc));
    const fromJson = await run('pack', json, '-o', join(tmp, 'from-json.firebreak'));
    expect(fromJson.err).toContain('positions 237, perps 60');
    expect(fromJson.code).toBe(0);

    // Positions in loans.csv with an id column named loan_id: left out without --map, and said so.
    const loans = join(tmp, 'loans-ws');
    mkdirSync(loans);
    for (const name of readdirSync(join(DEMO, 'workspace'))) if (name !== 'positions.csv') copyFileSync(join(DEMO, 'workspace', name), join(loans, name));
    writeFileSync(join(loans, 'loans.csv'), readFileSync(join(DEMO, 'workspace', 'positions.csv'), 'utf8').replace(/^id,/, 'loan_id,').replace(/,collateral_amount,/, ',coll_amt,'));
    const unmapped = await run('pack', loans, '-o', join(tmp, 'loans.firebreak'));
    expect(unmapped.err).toMatch(/the import warns \(\d+ warnings?\); what it leaves out is not packed:[\s\S]*loans\.csv/);
    expect(unmapped.err).not.toContain('positions 237');
    const mapping = join(tmp, 'loans-mapping.json');
    writeFileSync(mapping, JSON.stringify({ tables: { 'loans.csv': 'positions' }, positions: { id: 'loan_id', collateral_amount: 'coll_amt' } }));
    const mapped = await run('pack', loans, '-o', join(tmp, 'loans-mapped.firebreak'), '--map', mapping);
    expect(mapped.code).toBe(0);
    expect(mapped.err).toContain('positions 237');
    expect((await run('pack', loans, '-o', join(tmp, 'x.firebreak'), '--out-dir', 'x')).err).toContain('expected one of -o, --scenarios, --run, --map,');
  });

  it('refuses to overwrite without --force, and names an invalid workspace', async () => {
    const out = join(tmp, 'exists.firebreak');
    writeFileSync(out, 'keep me');
    expect((await run('pack', join(tmp, 'ws'), '-o', out)).err).toContain('exists; add --force');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect((await run('pack', join(tmp, 'ws'), '-o', out, '--force')).code).toBe(0);
    const bad = join(tmp, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'assets.csv'), 'id,price\nETH,-5\n');
    writeFileSync(join(bad, 'nodes.csv'), 'id,kind\nfund,fund\n');
    const r = await run('pack', bad, '-o', join(tmp, 'bad.firebreak'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/was not packed: \d+ error/);
    expect(existsSync(join(tmp, 'bad.firebreak'))).toBe(false);
  });

  it('refuses a scenario folder holding files that are not scenarios, or scenarios the workspace cannot run, naming each', async () => {
    const dir = join(tmp, 'scenario-folder');
    mkdirSync(dir);
    copyFileSync(join(DEMO, 'scenarios', 'flash-crash.json'), join(dir, 'a-good.json'));
    writeFileSync(join(dir, 'b-list.json'), '[1, 2]');
    writeFileSync(join(dir, 'c-cut.json'), '{"events": [');
    const out = join(tmp, 'folder.firebreak');
    const notScenarios = await run('pack', join(tmp, 'ws'), '-o', out, '--scenarios', dir);
    expect(notScenarios.code).toBe(2);
    expect(notScenarios.err).toBe(
      `firebreak: nothing was packed: 2 files of the scenario folder ${dir} are not scenarios:\n  b-list.json: is not a scenario (a JSON object with an "events" list)\n  c-cut.json: is not a scenario (a JSON object with an "events" list)\n`,
    );
    rmSync(join(dir, 'b-list.json'));
    rmSync(join(dir, 'c-cut.json'));
    writeFileSync(join(dir, 'd-unknown.json'), JSON.stringify({ name: 'Unknown asset', steps: 0, events: [{ type: 'price_shock', asset: 'DOGE', change: -0.5, at: 0 }] }));
    const invalid = await run('pack', join(tmp, 'ws'), '-o', out, '--scenarios', dir);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain('the scenario "Unknown asset" (d-unknown.json) is not valid for this workspace');
    expect(invalid.err).toContain('names an unknown asset: "DOGE"');
    expect(invalid.err).toMatch(/nothing was packed: 1 of 3 scenarios are not valid for this workspace\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('unpacks every entry byte for byte (the manifest hashes hold), with CSV copies apart, and the workspace runs again', async () => {
    const project = join(tmp, 'demo.firebreak');
    const dir = join(tmp, 'unpacked');
    const r = await run('unpack', project, '-o', dir, '--csv');
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { entries: Record<string, { sha256: string }> };
    for (const [name, { sha256 }] of Object.entries(manifest.entries)) {
      expect(await sha256Hex(new Uint8Array(readFileSync(join(dir, ...name.split('/'))))), name).toBe(sha256);
    }
    expect(readdirSync(join(dir, 'csv', 'workspace'))).toContain('positions.csv');
    expect(readFileSync(join(dir, 'csv', 'results', 'liquidations.csv'), 'utf8')).toMatch(/^step,position,venue,owner,/);
    const again = await run('run', join(dir, 'workspace'), '--scenario', join(dir, 'results', 'scenario.json'), '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ scenario: 'Flash crash: ETH -30%, stale oracle, Bitnova outage' });
    expect((await run('unpack', project, '-o', dir)).err).toContain('is not empty; add --force');
    const file = join(dir, 'manifest.json');
    for (const force of [[], ['--force']]) {
      const onFile = await run('unpack', project, '-o', file, ...force);
      expect(onFile.code).toBe(2);
      expect(onFile.err).toBe(`firebreak: cannot write into ${file}: not a folder\n`);
    }
  });

  it('unpacks over an earlier unpack with --force as a replacement: that unpack\'s files this project lacks go; a stray table in workspace/ stops it', async () => {
    // A smaller workspace: the demo without perps, holdings, obligations and backing; a node name a spreadsheet would read as a formula.
    const small = join(tmp, 'small');
    mkdirSync(small);
    for (const name of ['assets.csv', 'feeds.csv', 'oracles.csv', 'positions.csv']) copyFileSync(join(DEMO, 'workspace', name), join(small, name));
    writeFileSync(join(small, 'nodes.csv'), readFileSync(join(DEMO, 'workspace', 'nodes.csv'), 'utf8').replace('Aave-like lending pool', '-- Aave (main) --'));
    const smallProject = join(tmp, 'small.firebreak');
    expect((await run('pack', small, '-o', smallProject)).code).toBe(0);
    const dir = join(tmp, 'replaced');
    expect((await run('unpack', join(tmp, 'demo.firebreak'), '-o', dir, '--csv')).code).toBe(0);
    const r = await run('unpack', smallProject, '-o', dir, '--csv', '--force');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/; removed \d+ files of an earlier unpack this project does not have/);
    expect(readdirSync(join(dir, 'workspace')).sort()).toEqual(['assets.arrow', 'feeds.arrow', 'nodes.arrow', 'oracles.arrow', 'positions.arrow']);
    expect(existsSync(join(dir, 'results'))).toBe(true);
    expect(readdirSync(join(dir, 'results'))).toEqual([]);
    expect(readdirSync(join(dir, 'csv', 'workspace')).sort()).toEqual(['assets.csv', 'feeds.csv', 'nodes.csv', 'oracles.csv', 'positions.csv']);
    // The CSV copy holds every text as it is (a result export would defuse it for spreadsheets).
    expect(readFileSync(join(dir, 'csv', 'workspace', 'nodes.csv'), 'utf8')).toContain('\naave,venue,-- Aave (main) --,');
    const counts = (out: string) => (JSON.parse(out) as { counts: Record<string, number> }).counts;
    expect(counts((await run('validate', join(dir, 'workspace'), '--json')).out)).toEqual(counts((await run('validate', small, '--json')).out));

    // A file of the user's own in workspace/: nothing is written, and the folder is as it was.
    writeFileSync(join(dir, 'workspace', 'extra.csv'), 'id\n1\n');
    const before = readFileSync(join(dir, 'manifest.json'));
    const stray = await run('unpack', join(tmp, 'demo.firebreak'), '-o', dir, '--force');
    expect(stray.code).toBe(2);
    expect(stray.err).toContain(`${join(dir, 'workspace')} holds a file this project does not (${join(dir, 'workspace', 'extra.csv')}), which a run of that folder would read as tables`);
    expect(readFileSync(join(dir, 'manifest.json'))).toEqual(before);
    // Only what the earlier unpack's manifest lists is removed: the user's own files stay, whatever their names.
    rmSync(join(dir, 'workspace', 'extra.csv'));
    writeFileSync(join(dir, 'workspace', 'foo.arrow'), 'x');
    expect((await run('unpack', join(tmp, 'demo.firebreak'), '-o', dir, '--force')).err).toContain(`(${join(dir, 'workspace', 'foo.arrow')})`);
    rmSync(join(dir, 'workspace', 'foo.arrow'));
    writeFileSync(join(dir, 'scenarios', '003-my-idea.json'), '{}');
    mkdirSync(join(dir, 'csv', 'results'), { recursive: true });
    writeFileSync(join(dir, 'csv', 'results', 'pivot.csv'), 'a\n');
    expect((await run('unpack', join(tmp, 'demo.firebreak'), '-o', dir, '--force')).code).toBe(0);
    expect(existsSync(join(dir, 'scenarios', '003-my-idea.json'))).toBe(true);
    expect(existsSync(join(dir, 'csv', 'results', 'pivot.csv'))).toBe(true);
    // A file of the earlier unpack edited since is neither removed nor replaced: the unpack stops.
    const scenarioFile = readdirSync(join(dir, 'scenarios')).find((n) => n !== '003-my-idea.json') as string;
    writeFileSync(join(dir, 'scenarios', scenarioFile), '{"edited": true}');
    const edited = await run('unpack', smallProject, '-o', dir, '--force');
    expect(edited.code).toBe(2);
    expect(edited.err).toContain(`of the earlier unpack in ${dir} changed since (${join(dir, 'scenarios', scenarioFile)})`);
    expect(readFileSync(join(dir, 'scenarios', scenarioFile), 'utf8')).toBe('{"edited": true}');
    // An edited CSV copy (the manifest lists no CSV) is checked against the CSV of its table: it stops the unpack too.
    const fresh = join(tmp, 'fresh');
    expect((await run('unpack', join(tmp, 'demo.firebreak'), '-o', fresh, '--csv')).code).toBe(0);
    writeFileSync(join(fresh, 'csv', 'workspace', 'positions.csv'), readFileSync(join(fresh, 'csv', 'workspace', 'positions.csv'), 'utf8') + 'my notes\n');
    const csvEdited = await run('unpack', smallProject, '-o', fresh, '--force');
    expect(csvEdited.err).toContain(`changed since (${join(fresh, 'csv', 'workspace', 'positions.csv')})`);
    expect(readFileSync(join(fresh, 'csv', 'workspace', 'positions.csv'), 'utf8')).toMatch(/my notes\n$/);
    // A file no earlier unpack wrote, at a path this project writes, is never replaced: in a folder with or without a manifest.
    const mine = join(tmp, 'mine');
    mkdirSync(join(mine, 'results'), { recursive: true });
    writeFileSync(join(mine, 'view.json'), 'v');
    const overMine = await run('unpack', join(tmp, 'demo.firebreak'), '-o', mine, '--force');
    expect(overMine.code).toBe(2);
    expect(overMine.err).toContain('that no earlier unpack wrote would be replaced');
    expect(readFileSync(join(mine, 'view.json'), 'utf8')).toBe('v');
    // Files are replaced by new ones renamed into place: a hard link to one elsewhere keeps the old bytes.
    rmSync(join(fresh, 'csv', 'workspace', 'positions.csv'));
    const before2 = readFileSync(join(fresh, 'results', 'summary.json'));
    linkSync(join(fresh, 'results', 'summary.json'), join(tmp, 'summary-copy.json'));
    expect((await run('unpack', join(tmp, 'same-name.firebreak'), '-o', fresh, '--force')).code).toBe(0);
    expect(readFileSync(join(tmp, 'summary-copy.json'))).toEqual(before2);
    // A symbolic link where a file goes is never written through.
    const elsewhere = join(tmp, 'precious.txt');
    writeFileSync(elsewhere, 'keep me');
    const linked = join(tmp, 'linked');
    mkdirSync(join(linked, 'workspace'), { recursive: true });
    symlinkSync(elsewhere, join(linked, 'workspace', 'nodes.arrow'));
    const through = await run('unpack', smallProject, '-o', linked, '--force');
    expect(through.err).toContain('workspace/nodes.arrow is a symbolic link');
    expect(readFileSync(elsewhere, 'utf8')).toBe('keep me');
    // A folder no unpack wrote (no manifest): nothing of it is taken for an unpack's.
    const own = join(tmp, 'own');
    mkdirSync(join(own, 'workspace'), { recursive: true });
    writeFileSync(join(own, 'workspace', 'backing.arrow'), 'mine');
    expect((await run('unpack', smallProject, '-o', own, '--force')).code).toBe(2);
    expect(readFileSync(join(own, 'workspace', 'backing.arrow'), 'utf8')).toBe('mine');

    // A file where a folder goes: named, before anything is written.
    const blocked = join(tmp, 'blocked');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'workspace'), 'x');
    const onFile = await run('unpack', smallProject, '-o', blocked, '--force');
    expect(onFile.err).toBe(`firebreak: cannot write ${join(blocked, 'workspace', 'assets.arrow')}: workspace is a file, not a folder\n`);
    expect(readdirSync(blocked)).toEqual(['workspace']);
  });

  it('names a damaged project instead of unpacking or running it', async () => {
    const bytes = readFileSync(join(tmp, 'demo.firebreak'));
    const cut = join(tmp, 'cut.firebreak');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 50));
    const r = await run('unpack', cut, '-o', join(tmp, 'never'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('cut short');
    expect(existsSync(join(tmp, 'never'))).toBe(false);
    expect((await run('run', cut)).err).toContain('cut short');
  });
});

describe('passphrases (env var or stdin, never an argument)', () => {
  it('encrypts with FIREBREAK_PASSPHRASE and opens with a piped line; a wrong one is named as wrong', () => {
    const out = join(tmp, 'sealed.firebreak');
    const packed = spawnCli(['pack', join(tmp, 'ws'), '-o', out, '--encrypt'], { env: { FIREBREAK_PASSPHRASE: 'treasury desk 7' } });
    expect(packed.err).toContain('encrypted');
    expect(packed.code).toBe(0);
    expect(readFileSync(out).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x46, 0x42, 0x4b, 0x45, 0x4e, 0x43, 0x0a]));

    const piped = spawnCli(['unpack', out, '-o', join(tmp, 'sealed-out')], { input: 'treasury desk 7\n' });
    expect(piped.err).toContain('decrypted: keep them as safe as the project');
    expect(piped.code).toBe(0);
    const wrong = spawnCli(['run', out], { input: 'treasury desk 8\n' });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('The passphrase is wrong.');
    const none = spawnCli(['run', out]);
    expect(none.err).toContain('no passphrase given: set FIREBREAK_PASSPHRASE');
  });

  it('refuses a short passphrase before writing anything', () => {
    const out = join(tmp, 'short.firebreak');
    const r = spawnCli(['pack', join(tmp, 'ws'), '-o', out, '--encrypt'], { input: 'abc\n' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('at least 8 characters');
    expect(existsSync(out)).toBe(false);
  });
});
