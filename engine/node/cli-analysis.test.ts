import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './cli';
import { poolSizeFor } from './pool';
import { parseAxis } from './cli-analysis-args';
import type { CliIo } from './cli-io';

// The analysis commands in process (no worker bundle next to the sources: the pool runs in process).

const ROOT = join(__dirname, '..', '..');
const SINGLE = join(ROOT, 'test', 'cases', 'single-long');

async function firebreak(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io: CliIo & { o: string; e: string } = {
    o: '',
    e: '',
    out(t) {
      io.o += t;
    },
    err(t) {
      io.e += t;
    },
  };
  const code = await main(args, io);
  return { code, out: io.o, err: io.e };
}

/** stderr without the import's warnings (the worked cases keep their scenario beside their tables, said each time). */
const quiet = (err: string): string => err.replace(/^firebreak: warning: .*\n/gm, '');

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-analysis-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('firebreak debtrank', () => {
  it('prints exactly {debtrank: {H, R, nodes: {id: {h, h_initial}}}, linear_debtrank: {H, nodes: {id: {h}}}, unused_events}', async () => {
    // The chain of debtrank.test.ts: A → B → C, A loses 25 of its 50 equity.
    const dir = folder({
      'assets.csv': 'id,price\nETH,1\n',
      'nodes.csv': 'id,kind,external_assets_usd\nA,entity,100\nB,entity,30\nC,entity,20\n',
      'obligations.csv': 'debtor,creditor,amount\nA,B,50\nB,C,40\n',
      'scenario.json': JSON.stringify({ name: 'A hacked', steps: 5, events: [{ type: 'external_loss', node: 'A', amount_usd: 25, at: 0 }] }),
    });
    const r = await firebreak('debtrank', dir, '--scenario', join(dir, 'scenario.json'), '--json');
    expect(r.code).toBe(0);
    expect(quiet(r.err)).toBe('');
    const doc = JSON.parse(r.out) as Record<string, Record<string, unknown>>;
    expect(Object.keys(doc)).toEqual(['debtrank', 'linear_debtrank', 'unused_events']);
    expect(doc.unused_events).toEqual([]);
    expect(Object.keys(doc.debtrank as object)).toEqual(['H', 'R', 'nodes']);
    expect(Object.keys(doc.linear_debtrank as object)).toEqual(['H', 'nodes']);
    expect(doc.debtrank?.nodes).toEqual({ A: { h: 0.5, h_initial: 0.5 }, B: { h: 0.5, h_initial: 0 }, C: { h: 1 / 3, h_initial: 0 } });
    expect(doc.debtrank?.H).toBeCloseTo(65 / 150, 15);
    expect(doc.debtrank?.R).toBeCloseTo(40 / 150, 15);
    expect(Object.values(doc.linear_debtrank?.nodes as object).map((n: { h: number }) => Object.keys(n))).toEqual([['h'], ['h'], ['h']]);
    expect(doc.linear_debtrank?.H).toBeCloseTo(0.5, 14);

    const text = await firebreak('debtrank', dir, '--scenario', join(dir, 'scenario.json'), '--impact');
    expect(text.code).toBe(0);
    // A table cut short says so (the demo has 41 nodes; the text shows 25).
    const demo = join(ROOT, 'assets', 'demo');
    const many = await firebreak('debtrank', join(demo, 'workspace'), '--scenario', join(demo, 'scenarios', 'flash-crash.json'), '--impact', '--workers', '1');
    expect(many.out).toContain('… and 16 more nodes (--json or --out <dir> lists them all)');
    expect(text.out).toContain('H = 0.433333, R = 0.266667');
    expect(text.out).toContain('Default impact');
  });

  it('needs --scenario', async () => {
    const r = await firebreak('debtrank', SINGLE);
    expect(r.code).toBe(2);
    expect(r.err).toContain('debtrank expects --scenario');
  });
});

describe('--workers', () => {
  it('is at most one per logical processor; the default is cores − 1, at least 1', () => {
    expect(poolSizeFor(null, 8)).toBe(7);
    expect(poolSizeFor(null, 1)).toBe(1);
    expect(poolSizeFor(0, 8)).toBe(0);
    expect(poolSizeFor(3, 8)).toBe(3);
    expect(poolSizeFor(64, 8)).toBe(8);
    expect(poolSizeFor(64, 0)).toBe(1);
  });

  it('says so when it uses fewer workers than asked, and the results are the same', async () => {
    const args = ['sweep', SINGLE, '--scenario', join(SINGLE, 'scenario.json'), '--axis', 'event[0].change=-0.1,-0.2', '--json'];
    const many = await firebreak(...args, '--workers', '64');
    const one = await firebreak(...args, '--workers', '1');
    expect(many.code).toBe(0);
    const cores = availableParallelism();
    expect(quiet(many.err)).toBe(cores < 64 ? `firebreak: ${cores} workers, not 64: one per logical processor at most (each holds its own copy of the workspace)\n` : '');
    const doc = (r: { out: string }) => JSON.parse(r.out) as { kpis: unknown; timings: { workers: number } };
    expect(doc(many).timings.workers).toBe(Math.min(64, cores));
    expect(doc(many).kpis).toEqual(doc(one).kpis);
  });
});

describe('firebreak sweep, reverse, montecarlo', () => {
  it('sweep --json: a KPI per point, the worked case at −20%', async () => {
    const out = mkdtempSync(join(tmpdir(), 'firebreak-sweep-out-'));
    const r = await firebreak('sweep', SINGLE, '--scenario', join(SINGLE, 'scenario.json'), '--axis', 'event[0].change=-0.1,-0.2', '--json', '--out', out);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { shape: number[]; kpis: Record<string, number[]>; timings: { workers: number } };
    expect(doc.shape).toEqual([2]);
    expect(doc.kpis.total_liquidated_usd?.[1]).toBe(147_656.25);
    expect(doc.kpis.direct_loss_usd?.[1]).toBe(40_000);
    expect(existsSync(join(out, 'nodes.arrow'))).toBe(true);
    expect(readFileSync(join(out, 'nodes.csv'), 'utf8').split('\n')[0]).toBe('point,node,equity_end_usd,loss_usd,defaulted,default_step');
    const text = await firebreak('sweep', SINGLE, '--scenario', join(SINGLE, 'scenario.json'), '--axis', 'event[0].change=-0.05:-0.3:6', '--axis2', 'asset[ETH].depth_usd=1e6,1e7', '--kpi', 'total_loss_usd');
    expect(text.code).toBe(0);
    expect(text.out).toContain('total_loss_usd — rows event[0].change, columns asset[ETH].depth_usd');
    // Values as the app shows them: changes in percent, depths in USD.
    const lines = text.out.split('\n');
    expect(lines.some((l) => /^\s*\$1,000,000\s+\$10,000,000\s*$/.test(l))).toBe(true);
    expect(lines.filter((l) => /^\s*−(5|10|15|20|25|30)\.00%\s/.test(l))).toHaveLength(6);
    // Each KPI in its unit: counts and ratios are not dollars.
    const cells = async (kpi: string) => {
      const t = await firebreak('sweep', SINGLE, '--scenario', join(SINGLE, 'scenario.json'), '--axis', 'event[0].change=-0.05:-0.3:2', '--axis2', 'asset[ETH].depth_usd=1e6,1e7', '--kpi', kpi);
      return t.out.split('\n').filter((l) => /^\s*−(5|30)\.00%\s/.test(l)).map((l) => l.trim().split(/\s+/).slice(1));
    };
    for (const row of await cells('liquidations')) for (const c of row) expect(c).toMatch(/^\d+$/);
    for (const row of await cells('converged')) for (const c of row) expect(c).toMatch(/^(yes|no)$/);
    for (const row of await cells('amplification')) for (const c of row) expect(c).toMatch(/^(\d+\.\d\d×|—)$/);
  });

  it('reverse --json: the liquidation threshold of the single loan, 1 − debt/(coll·lt·price)', async () => {
    const r = await firebreak('reverse', SINGLE, '--scenario', join(SINGLE, 'scenario.json'), '--asset', 'ETH', '--at', '1', '--total-liquidated', '0', '--max', '0.15', '--tolerance', '1e-6', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { status: string; threshold: number; monotone: boolean; path: string[] };
    // The base scenario already drops ETH 20% at step 0, which liquidates: reached without the extra shock.
    expect(doc.status).toBe('reached_at_min');
    const base = join(mkdtempSync(join(tmpdir(), 'firebreak-rev-')), 'base.json');
    writeFileSync(base, JSON.stringify({ name: 'none', steps: 20, events: [] }));
    const r2 = await firebreak('reverse', SINGLE, '--scenario', base, '--asset', 'ETH', '--total-liquidated', '0', '--max', '0.15', '--tolerance', '1e-6', '--json');
    const d2 = JSON.parse(r2.out) as typeof doc;
    expect(d2.status).toBe('found');
    expect(Math.abs(d2.threshold - (1 - 150_000 / (100 * 0.825 * 2000)))).toBeLessThanOrEqual(1e-6);
    expect(d2.path).toEqual(['event:0', 'ETH', 'fund']);
    const rank = await firebreak('reverse', SINGLE, '--scenario', base, '--asset', 'ETH', '--rank');
    expect(rank.code).toBe(0);
    expect(rank.out).toContain('Distance to default');
    // Nobody owes anything here: the ranking is empty, and says why.
    expect(rank.out).toContain('Note: 2 node(s) owe nothing and cannot default: left out of the ranking');
  });

  it('montecarlo --json: distributions with VaR and ES, the same for 1 and 2 engines', async () => {
    const spec = join(mkdtempSync(join(tmpdir(), 'firebreak-mc-')), 'spec.json');
    writeFileSync(spec, JSON.stringify({ scenario: { steps: 20 }, draws: 40, seed: 3, assets: ['ETH'], vols: [0.15], nu: 4 }));
    const one = await firebreak('montecarlo', SINGLE, '--spec', spec, '--json', '--workers', '1');
    const two = await firebreak('montecarlo', SINGLE, '--spec', spec, '--json', '--workers', '2');
    expect(one.code).toBe(0);
    const a = JSON.parse(one.out) as Record<string, unknown> & { total_liquidated_usd: { var95: number; es95: number; var99: number } };
    const b = JSON.parse(two.out) as Record<string, unknown>;
    delete a.timings;
    delete b.timings;
    expect(b).toEqual(a);
    expect(a.total_liquidated_usd.es95).toBeGreaterThanOrEqual(a.total_liquidated_usd.var95);
    const more = await firebreak('montecarlo', SINGLE, '--spec', spec, '--draws', '50', '--json');
    expect((JSON.parse(more.out) as { draws: number }).draws).toBe(50);
  });

  it('montecarlo prints the bad debt per venue under the totals', async () => {
    const spec = join(mkdtempSync(join(tmpdir(), 'firebreak-mc-')), 'spec.json');
    const crash = JSON.parse(readFileSync(join(ROOT, 'assets', 'demo', 'scenarios', 'flash-crash.json'), 'utf8')) as unknown;
    writeFileSync(spec, JSON.stringify({ scenario: crash, draws: 12, seed: 1, assets: ['ETH'], vols: [0.3] }));
    const text = await firebreak('montecarlo', join(ROOT, 'assets', 'demo', 'workspace'), '--spec', spec, '--workers', '1');
    const json = await firebreak('montecarlo', join(ROOT, 'assets', 'demo', 'workspace'), '--spec', spec, '--workers', '1', '--json');
    expect(text.code).toBe(0);
    const venues = (JSON.parse(json.out) as { venues: Record<string, { bad_debt_usd: { max: number } }> }).venues;
    const hit = Object.entries(venues).filter(([, v]) => v.bad_debt_usd.max > 0).map(([id]) => id);
    expect(hit.length).toBeGreaterThan(0);
    for (const id of Object.keys(venues)) expect(text.out.includes(`  bad debt at ${id} `), id).toBe(hit.includes(id));
  });

  it('writes a spec’s overrides beside the worst draws and the threshold run, and run --overrides reproduces them', async () => {
    const demo = join(ROOT, 'assets', 'demo');
    const dir = mkdtempSync(join(tmpdir(), 'firebreak-mc-ov-'));
    const crash = JSON.parse(readFileSync(join(demo, 'scenarios', 'flash-crash.json'), 'utf8')) as unknown;
    const overrides = { nodes: { orbit: { external_assets_usd: 1_000_000 } }, assets: { ETH: { depth_usd: 50_000_000 } } };
    writeFileSync(join(dir, 'mc.json'), JSON.stringify({ scenario: crash, draws: 8, seed: 2, assets: ['ETH'], vols: [0.3], overrides }));
    const out = join(dir, 'mc');
    const mc = await firebreak('montecarlo', join(demo, 'workspace'), '--spec', join(dir, 'mc.json'), '--out', out, '--workers', '1');
    expect(mc.code).toBe(0);
    expect(mc.out).toContain(`open it with firebreak run ${join(demo, 'workspace')} --scenario ${out}/worst-<draw>.json --overrides ${out}/overrides.json`);
    expect(JSON.parse(readFileSync(join(out, 'overrides.json'), 'utf8'))).toEqual(overrides);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { worst: { draw: number; total_bad_debt_usd: number }[] };
    const worst = result.worst[0] as { draw: number; total_bad_debt_usd: number };
    const again = async (...extra: string[]) => JSON.parse((await firebreak('run', join(demo, 'workspace'), '--scenario', join(out, `worst-${worst.draw}.json`), '--json', ...extra)).out) as { total_bad_debt_usd: number };
    expect((await again('--overrides', join(out, 'overrides.json'))).total_bad_debt_usd).toBeCloseTo(worst.total_bad_debt_usd, 6);
    expect((await again()).total_bad_debt_usd).not.toBeCloseTo(worst.total_bad_debt_usd, 0);

    const bad = join(dir, 'bad-overrides.json');
    writeFileSync(bad, JSON.stringify({ nodes: { nobody: { external_assets_usd: 1 } } }));
    const refused = await firebreak('run', join(demo, 'workspace'), '--scenario', join(out, `worst-${worst.draw}.json`), '--overrides', bad);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('overrides.nodes.nobody.external_assets_usd:');

    // The same --out again, without overrides and another seed: nothing of the first analysis is left to pass for this one's.
    writeFileSync(join(dir, 'mc2.json'), JSON.stringify({ scenario: crash, draws: 3, seed: 9, assets: ['ETH'], vols: [0.3], worst: 1 }));
    expect((await firebreak('montecarlo', join(demo, 'workspace'), '--spec', join(dir, 'mc2.json'), '--out', out, '--workers', '1')).code).toBe(0);
    const second = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { worst: { draw: number }[] };
    expect(readdirSync(out).filter((n) => n.endsWith('.json')).sort()).toEqual(['result.json', `worst-${second.worst[0]?.draw}.json`]);
  });

  it('reverse --rank says a node met at the smallest shock searched is met there, not in default without the shock', async () => {
    const demo = join(ROOT, 'assets', 'demo');
    const base = join(mkdtempSync(join(tmpdir(), 'firebreak-rank-')), 'base.json');
    writeFileSync(base, JSON.stringify({ name: 'base', steps: 50, events: [] }));
    const rank = async (...extra: string[]) => (await firebreak('reverse', join(demo, 'workspace'), '--scenario', base, '--asset', 'ETH', '--rank', '--nodes', 'fund-alpha', '--workers', '1', ...extra)).out;
    const from20 = await rank('--min', '0.2');
    expect(from20).toMatch(/fund-alpha\s+—\s+in default at the smallest shock searched \(−20(\.0+)?%\)/);
    expect(from20).not.toContain('without the shock');
    expect(await rank()).toMatch(/fund-alpha\s+−10\.\d+%/);
    // A spec may hold the shock and the target: no flags needed for them (they were asked for all the same).
    const spec = join(mkdtempSync(join(tmpdir(), 'firebreak-rev-spec-')), 'spec.json');
    writeFileSync(spec, JSON.stringify({ scenario: { name: 'base', steps: 50, events: [] }, shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'node_default', node: 'fund-alpha' } }));
    const bySpec = await firebreak('reverse', join(demo, 'workspace'), '--spec', spec, '--json');
    expect(quiet(bySpec.err)).toBe('');
    expect(bySpec.code).toBe(0);
    expect((JSON.parse(bySpec.out) as { threshold: number }).threshold).toBeCloseTo(0.10496, 3);
    // The single search says the same of its target.
    const search = await firebreak('reverse', join(demo, 'workspace'), '--scenario', base, '--asset', 'ETH', '--default', 'fund-alpha', '--min', '0.2');
    expect(search.out).toContain('Already reached at the smallest shock searched (−20.000%); smaller ones were not searched.');
  });

  it('answers bad input with exit 2 and what is wrong', async () => {
    const demo = join(ROOT, 'assets', 'demo');
    const bad = async (...args: string[]) => {
      const r = await firebreak(...args);
      expect(r.code).toBe(2);
      return r.err;
    };
    const sc = join(SINGLE, 'scenario.json');
    expect(await bad('sweep', SINGLE, '--scenario', sc, '--axis', 'event[0].factor=1,2')).toContain('event 0 is a price_shock');
    expect(await bad('sweep', SINGLE, '--scenario', sc, '--axis', 'event[0].change')).toContain('--axis expects <parameter>=');
    expect(await bad('reverse', SINGLE, '--scenario', sc, '--asset', 'ETH', '--loss-at', 'fund', '--total-loss', '1')).toContain('give one shock');
    // In the command's own words (its flags), not the spec's.
    expect(await bad('reverse', SINGLE, '--scenario', sc, '--asset', 'ETH')).toContain('give the target to reach: --default <node>, --bad-debt <venue> --above <usd>');
    expect(await bad('reverse', SINGLE, '--scenario', sc, '--default', 'fund')).toContain('give the shock to search: --asset <id>');
    // Draws and seed have defaults (1000, 1); the scenario's montecarlo block or a spec gives the rest.
    expect(await bad('montecarlo', SINGLE, '--scenario', sc)).toContain('montecarlo.assets: must list the assets shocked');
    // Flags that conflict are refused, not dropped.
    expect(await bad('reverse', SINGLE, '--scenario', sc, '--asset', 'ETH', '--rank', '--default', 'fund')).toContain('--rank ranks every node by the shock that makes it default; it takes no target (drop --default');
    expect(await bad('reverse', SINGLE, '--scenario', sc, '--asset', 'ETH', '--default', 'fund', '--nodes', 'fund')).toContain('--nodes lists the nodes --rank ranks');
    expect(await bad('sweep', SINGLE, '--scenario', sc, '--axis', 'event[0].change=-0.1,-0.2', '--axis2', 'event[0].change=-0.3,-0.4')).toContain('--axis and --axis2 set the same parameter (event[0].change)');
    expect(await bad('montecarlo', SINGLE, '--scenario', sc, '--draws', '0')).toContain('--draws expects an integer ≥ 1');
    // Axes that set one field between them, and steps between two whole ones, are refused rather than run under labels that were not.
    const crash = join(demo, 'scenarios', 'flash-crash.json');
    const ws = join(demo, 'workspace');
    expect(await bad('sweep', ws, '--scenario', crash, '--axis', 'event[0,1].change=-0.5:0:2', '--axis2', 'event[0].change=0,-0.1')).toContain('event[0,1].change and event[0].change both set events[0].change');
    expect(await bad('sweep', ws, '--scenario', crash, '--axis', 'event[4].to=0:4:3', '--axis2', 'event[4].length=1,3')).toContain('both set events[4].to');
    expect(await bad('sweep', ws, '--scenario', crash, '--axis', 'event[0].at=0,0.5,1')).toContain('takes whole steps, and 0.5 is not one');
    expect(await bad('sweep', ws, '--scenario', crash, '--axis', 'event[4].length=1:3:5')).toContain('takes whole steps, and 1.5 is not one (choose from, to and points so that every point is a whole step, e.g. 1:3:3)');
    // A misspelt field is refused, not left out (the draws would run uncorrelated, without the mean or jumps meant).
    const typo = join(mkdtempSync(join(tmpdir(), 'firebreak-mc-typo-')), 'spec.json');
    writeFileSync(typo, JSON.stringify({ scenario: { steps: 20 }, draws: 10, seed: 1, assets: ['ETH'], vols: [0.2], correlations: [[1]], mean: [-0.5], jump: { probability: 1, mean: -0.5, vol: 0 } }));
    const typos = await bad('montecarlo', SINGLE, '--spec', typo);
    expect(typos).toContain('montecarlo.correlations: is not a field of the spec; did you mean correlation?');
    expect(typos).toContain('montecarlo.mean: is not a field of the spec; did you mean means?');
    expect(typos).toContain('montecarlo.jump: is not a field of the spec; did you mean jumps?');
    writeFileSync(typo, JSON.stringify({ scenario: { steps: 20 }, draws: 10, seed: 1, assets: ['ETH'], vols: [0.2], jumps: { probability: 1, means: -0.5, vol: 0 } }));
    expect(await bad('montecarlo', SINGLE, '--spec', typo)).toContain('montecarlo.jumps.means: is not a field of the spec; did you mean mean?');
    writeFileSync(typo, JSON.stringify({ scenario: { steps: 20 }, axes: [{ parameter: 'event[0].change', values: [-0.1] }], kpis: 'defaults' }));
    expect(await bad('sweep', SINGLE, '--spec', typo)).toContain('sweep.kpis: is not a field of the spec; did you mean kpi?');
    writeFileSync(typo, JSON.stringify({ scenario: { steps: 20, events: [{ type: 'price_shock', asset: 'ETH', change: -0.1, at: 0 }] }, axes: [{ parameter: 'event[0].change', from: -0.1, too: -0.5, points: 3 }] }));
    expect(await bad('sweep', SINGLE, '--spec', typo)).toContain('sweep.axes[0].too: is not a field of the spec; did you mean to?');
    expect(await bad('run', SINGLE, '--scenario', sc, '--overrides', join(SINGLE, 'missing.json'))).toContain('cannot read the overrides file');
    // An asset listed twice would be shocked twice: the printed threshold would be half the real one.
    expect(await bad('reverse', join(demo, 'workspace'), '--scenario', join(demo, 'scenarios', 'flash-crash.json'), '--assets', 'ETH,ETH', '--default', 'fund-alpha')).toContain('shock.assets: lists ETH twice; each asset once');
    expect(await bad('reverse', join(demo, 'workspace'), '--scenario', join(demo, 'scenarios', 'flash-crash.json'), '--assets', 'ETH,,stETH', '--default', 'fund-alpha')).toContain('--assets lists an empty name (two commas together, or one at an end): ETH,,stETH');
    expect(await bad('sweep', join(SINGLE, 'missing'), '--scenario', sc, '--axis', 'event[0].change=1')).toContain('cannot read the workspace folder');
  });

  it('reads axes as ranges or lists', () => {
    expect(parseAxis('event[0,1].change=-0.1:-0.5:5', 'axis')).toEqual({ ok: true, value: { parameter: 'event[0,1].change', from: -0.1, to: -0.5, points: 5 } });
    expect(parseAxis('oracle[cl-eth].delay_steps=0,2,4', 'axis')).toEqual({ ok: true, value: { parameter: 'oracle[cl-eth].delay_steps', values: [0, 2, 4] } });
    expect(parseAxis('x=1:2', 'axis').ok).toBe(false);
  });
});

describe('flags beside --spec override its fields', () => {
  const base = { name: 'none', steps: 20, events: [] };
  const spec = (doc: Record<string, unknown>): string => {
    const file = join(mkdtempSync(join(tmpdir(), 'firebreak-over-')), 'spec.json');
    writeFileSync(file, JSON.stringify(doc));
    return file;
  };
  type Rev = { shock: Record<string, unknown>; target: Record<string, unknown>; tolerance: number; evaluations: { magnitude: number }[] };
  const reverse = async (file: string, ...flags: string[]) => {
    const r = await firebreak('reverse', SINGLE, '--spec', file, '--json', ...flags);
    expect(quiet(r.err)).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.out) as Rev;
  };

  it('reverse: --at moves the spec’s shock, a shock flag keeps its step, and each search setting replaces the spec’s', async () => {
    const file = spec({ scenario: base, shock: { kind: 'asset', asset: 'ETH', at: 2 }, target: { kind: 'total_liquidated', above: 0 }, min: 0.1, max: 0.5, samples: 4 });
    expect((await reverse(file)).shock).toEqual({ kind: 'asset', asset: 'ETH', at: 2 });
    // --at alone was dropped: the search ran at the spec's step.
    expect((await reverse(file, '--at', '5')).shock).toEqual({ kind: 'asset', asset: 'ETH', at: 5 });
    // A shock flag replaces what is shocked, not the spec's step.
    expect((await reverse(file, '--assets', 'ETH')).shock).toEqual({ kind: 'assets', assets: ['ETH'], at: 2 });
    expect((await reverse(file, '--asset', 'ETH', '--at', '7')).shock).toEqual({ kind: 'asset', asset: 'ETH', at: 7 });
    const r = await reverse(file, '--min', '0.05', '--max', '0.3', '--samples', '2', '--tolerance', '0.01');
    expect(r.tolerance).toBe(0.01);
    expect(r.evaluations[0]?.magnitude).toBe(0.05);
    expect(Math.max(...r.evaluations.map((e) => e.magnitude))).toBe(0.3);
    const fromSpec = await reverse(file);
    expect([fromSpec.evaluations[0]?.magnitude, Math.max(...fromSpec.evaluations.map((e) => e.magnitude))]).toEqual([0.1, 0.5]);
  });

  it('reverse: --above sets the spec’s target level, --bad-debt alone keeps it, a target flag replaces the target', async () => {
    const file = spec({ scenario: base, shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'venue_bad_debt', venue: 'lend', above: 100 } });
    expect((await reverse(file)).target).toEqual({ kind: 'venue_bad_debt', venue: 'lend', above: 100 });
    expect((await reverse(file, '--above', '5000')).target).toEqual({ kind: 'venue_bad_debt', venue: 'lend', above: 5000 });
    expect((await reverse(file, '--bad-debt', 'lend')).target).toEqual({ kind: 'venue_bad_debt', venue: 'lend', above: 100 });
    expect((await reverse(file, '--total-loss', '7')).target).toEqual({ kind: 'total_loss', above: 7 });
    expect((await reverse(file, '--scenario', join(SINGLE, 'scenario.json'))).shock).toEqual({ kind: 'asset', asset: 'ETH', at: 0 });
    const loss = spec({ scenario: base, shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'total_loss', above: 1 } });
    expect((await reverse(loss, '--above', '9')).target).toEqual({ kind: 'total_loss', above: 9 });
    // What cannot be merged is refused, saying why.
    const bad = async (file: string, ...flags: string[]) => {
      const r = await firebreak('reverse', SINGLE, '--spec', file, ...flags);
      expect(r.code).toBe(2);
      return r.err;
    };
    const bare = spec({ scenario: base });
    expect(await bad(bare, '--at', '3', '--default', 'fund')).toContain('--at <step> sets the step of the shock, and there is none to move');
    expect(await bad(bare, '--asset', 'ETH', '--bad-debt', 'lend')).toContain('--bad-debt <venue> needs --above <usd>');
    const byDefault = spec({ scenario: base, shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'node_default', node: 'fund' } });
    expect(await bad(byDefault, '--above', '3')).toContain("the spec's target is a default (node_default), which has none");
    expect(await bad(loss, '--above', '3', '--total-loss', '4')).toContain('--above goes with --bad-debt <venue>; --total-loss takes its level itself');
  });

  it('sweep: --axis replaces the spec’s first axis and --axis2 its second, the other kept; --kpi its kpi', async () => {
    type Sweep = { axes: { parameter: string; values: number[] }[]; heatmap: { kpi: string } | null };
    const sweep = async (...args: string[]) => {
      const r = await firebreak('sweep', SINGLE, '--json', '--workers', '0', ...args);
      expect(quiet(r.err)).toBe('');
      return JSON.parse(r.out) as Sweep;
    };
    const sc = JSON.parse(readFileSync(join(SINGLE, 'scenario.json'), 'utf8')) as unknown;
    const two = spec({ scenario: sc, axes: [{ parameter: 'event[0].change', values: [-0.1, -0.2] }, { parameter: 'asset[ETH].depth_usd', values: [1e6, 1e7] }], kpi: 'defaults' });
    const a = await sweep('--spec', two, '--axis', 'event[0].change=-0.3,-0.4,-0.5');
    expect(a.axes).toEqual([{ parameter: 'event[0].change', values: [-0.3, -0.4, -0.5] }, { parameter: 'asset[ETH].depth_usd', values: [1e6, 1e7] }]);
    expect(a.heatmap?.kpi).toBe('defaults');
    const b = await sweep('--spec', two, '--axis2', 'asset[ETH].depth_usd=5e6:6e6:2', '--kpi', 'liquidations');
    expect(b.axes).toEqual([{ parameter: 'event[0].change', values: [-0.1, -0.2] }, { parameter: 'asset[ETH].depth_usd', values: [5e6, 6e6] }]);
    expect(b.heatmap?.kpi).toBe('liquidations');
    const one = spec({ scenario: sc, axes: [{ parameter: 'event[0].change', values: [-0.1] }] });
    expect((await sweep('--spec', one, '--axis2', 'asset[ETH].depth_usd=1e6')).axes.map((x) => x.parameter)).toEqual(['event[0].change', 'asset[ETH].depth_usd']);
    const alone = await firebreak('sweep', SINGLE, '--scenario', join(SINGLE, 'scenario.json'), '--axis2', 'asset[ETH].depth_usd=1e6');
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('--axis2 <parameter>=… is the second axis: give the first with --axis');
  });

  it('montecarlo: --draws, --seed and --worst replace the spec’s, which also override the scenario’s montecarlo block', async () => {
    type Mc = { draws: number; seed: number; worst: unknown[] };
    const mc = async (...args: string[]) => JSON.parse((await firebreak('montecarlo', SINGLE, '--json', '--workers', '0', ...args)).out) as Mc;
    const file = spec({ scenario: { steps: 20, montecarlo: { draws: 3, seed: 8 } }, draws: 4, assets: ['ETH'], vols: [0.2], worst: 2 });
    const fromSpec = await mc('--spec', file);
    expect([fromSpec.draws, fromSpec.seed, fromSpec.worst.length]).toEqual([4, 8, 2]);
    const flagged = await mc('--spec', file, '--draws', '5', '--seed', '9', '--worst', '1');
    expect([flagged.draws, flagged.seed, flagged.worst.length]).toEqual([5, 9, 1]);
  });
});

describe('what the analyses write and say', () => {
  it('take options as every command does: a name starting with "-" is refused unless after --, -o is --out, a flag given twice is refused', async () => {
    const args = ['--scenario', join(SINGLE, 'scenario.json')];
    const dashed = await firebreak('debtrank', '-ws', ...args);
    expect(dashed.code).toBe(2);
    expect(dashed.err).toContain('unknown option -ws;');
    expect((await firebreak('debtrank', ...args, '--json', '--', SINGLE)).code).toBe(0);
    const out = mkdtempSync(join(tmpdir(), 'firebreak-dash-o-'));
    expect((await firebreak('debtrank', SINGLE, ...args, '-o', out)).code).toBe(0);
    expect(existsSync(join(out, 'result.json'))).toBe(true);
    expect((await firebreak('debtrank', SINGLE, ...args, '--json', '--json')).err).toContain('--json is given twice');
  });

  it('say the import’s warnings on stderr, as run does (a file the import left out went unsaid, and the analysis ran without its positions)', async () => {
    const dir = folder({
      'assets.csv': readFileSync(join(SINGLE, 'assets.csv'), 'utf8'),
      'nodes.csv': readFileSync(join(SINGLE, 'nodes.csv'), 'utf8'),
      'loans.csv': 'id,owner,venue,collateral_asset,collateral_amount,debt_asset,debt_amount\np1,fund,lend,ETH,100,USD,150000\n',
      'scenario.json': readFileSync(join(SINGLE, 'scenario.json'), 'utf8'),
    });
    const r = await firebreak('debtrank', dir, '--scenario', join(dir, 'scenario.json'), '--json');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^firebreak: warning: loans\.csv: is not a table of the workspace.*liquidation_threshold.*; ignored$/m);
    expect(() => JSON.parse(r.out) as unknown).not.toThrow();
  });

  it('--out never writes into the folder it reads nor over a file of the user, writes all or none, and replaces its own files again', async () => {
    const sweep = (out: string, ...more: string[]) => firebreak('sweep', SINGLE, '--scenario', join(SINGLE, 'scenario.json'), '--axis', 'event[0].change=-0.1,-0.2', '--out', out, ...more);
    // The workspace folder (whose nodes.csv a sweep's nodes table would replace): refused before the sweep runs.
    const before = readFileSync(join(SINGLE, 'nodes.csv'), 'utf8');
    const into = await sweep(SINGLE);
    expect(into.code).toBe(2);
    expect(into.err).toContain(`cannot write into ${SINGLE}: it is the workspace this command reads`);
    expect(readFileSync(join(SINGLE, 'nodes.csv'), 'utf8')).toBe(before);
    // A user's nodes.csv in the folder: nothing written without --force.
    const out = mkdtempSync(join(tmpdir(), 'firebreak-sweep-safe-'));
    writeFileSync(join(out, 'nodes.csv'), 'id,kind\nmine,entity\n');
    const mine = await sweep(out);
    expect(mine.code).toBe(2);
    expect(mine.err).toContain(`nothing was written: a file in ${out} that no earlier sweep --out wrote would be replaced (${join(out, 'nodes.csv')})`);
    expect(readdirSync(out)).toEqual(['nodes.csv']);
    expect((await sweep(out, '--force')).code).toBe(0);
    expect(readFileSync(join(out, 'nodes.csv'), 'utf8').split('\n')[0]).toBe('point,node,equity_end_usd,loss_usd,defaulted,default_step');
    // Its own files again: replaced without --force.
    const own = await sweep(out);
    expect(quiet(own.err)).toBe(`firebreak: wrote 3 files to ${out}\n`);
    expect(own.code).toBe(0);
    // A folder where a file goes: refused before anything is written, naming it.
    const blocked = mkdtempSync(join(tmpdir(), 'firebreak-sweep-blocked-'));
    mkdirSync(join(blocked, 'result.json'));
    const b = await sweep(blocked);
    expect(b.code).toBe(2);
    expect(b.err).toContain(`cannot write ${join(blocked, 'result.json')}: it is a folder`);
    expect(readdirSync(blocked)).toEqual(['result.json']);
  });

  it('reverse --rank --out: a node in default without the shock has no threshold, and a column says so', async () => {
    const terra = join(ROOT, 'assets', 'library', 'terra-3ac-2022');
    const out = mkdtempSync(join(tmpdir(), 'firebreak-rank-out-'));
    const r = await firebreak('reverse', join(terra, 'workspace'), '--scenario', join(terra, 'scenarios', 'collapse.json'), '--asset', 'BTC', '--rank', '--nodes', 'voyager,genesis', '--workers', '1', '--out', out);
    expect(r.code).toBe(0);
    const lines = readFileSync(join(out, 'nodes.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('node,status,threshold,defaulted_without_shock,monotone');
    expect(lines[1]).toBe('voyager,reached_at_min,,true,true');
    expect(lines[2]).toMatch(/^genesis,found,0\.37\d+,false,true$/);
    // From a smallest magnitude above 0, a node met there has no known threshold, and whether it is in default without the shock was not run.
    const above = mkdtempSync(join(tmpdir(), 'firebreak-rank-min-'));
    const r2 = await firebreak('reverse', join(terra, 'workspace'), '--scenario', join(terra, 'scenarios', 'collapse.json'), '--asset', 'BTC', '--rank', '--nodes', 'voyager', '--min', '0.6', '--max', '0.9', '--workers', '1', '--out', above);
    expect(r2.code).toBe(0);
    expect(readFileSync(join(above, 'nodes.csv'), 'utf8').trim().split('\n')[1]).toBe('voyager,reached_at_min,,,true');
  });

  it('a search that does not reach its target says over which range', async () => {
    const r = await firebreak('reverse', SINGLE, '--scenario', join(SINGLE, 'scenario.json'), '--asset', 'ETH', '--total-loss', '1e12', '--max', '0.5', '--samples', '2');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Not reached over the range searched, 0% to −50.000% (3 runs)');
  });

  it('debtrank lists the events it leaves out, in the text and in --json', async () => {
    const demo = join(ROOT, 'assets', 'demo');
    const args = ['debtrank', join(demo, 'workspace'), '--scenario', join(demo, 'scenarios', 'flash-crash.json')];
    const text = await firebreak(...args);
    expect(text.out).toContain('5 other event(s) were not used: events[0] (price_shock at step 0), events[1] (price_shock at step 0), events[2] (oracle_freeze at step 0)');
    const doc = JSON.parse((await firebreak(...args, '--json')).out) as { unused_events: { event: number; type: string; step: number }[] };
    expect(doc.unused_events.map((e) => e.event)).toEqual([0, 1, 2, 3, 4]);
    expect(doc.unused_events[2]).toEqual({ event: 2, type: 'oracle_freeze', step: 0 });
  });

  it('montecarlo without --draws or --seed runs 1000 draws from seed 1, and says so', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'firebreak-mc-def-')), 'spec.json');
    writeFileSync(file, JSON.stringify({ scenario: { steps: 5 }, assets: ['ETH'], vols: [0.1], worst: 0 }));
    const r = await firebreak('montecarlo', SINGLE, '--spec', file, '--workers', '0');
    expect(r.code).toBe(0);
    expect(r.out).toContain('1,000 draws, seed 1,');
  });

  it('lists every problem of a Monte Carlo spec', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'firebreak-mc-bad-')), 'spec.json');
    writeFileSync(file, JSON.stringify({ scenario: { steps: 10 }, draws: 0, seed: 'x', worst: -3, assets: ['ETH', 'NOPE'], vols: [0.2, -0.1], nu: 0.5 }));
    const r = await firebreak('montecarlo', SINGLE, '--spec', file);
    expect(r.code).toBe(2);
    expect(quiet(r.err)).toMatch(/^firebreak: The montecarlo spec has 5 problems:\n  montecarlo\.draws: .*\n  montecarlo\.seed: .*\n  montecarlo\.assets: .*\n  montecarlo\.vols: .*\n  montecarlo\.worst: .*\n$/);
  });
});
