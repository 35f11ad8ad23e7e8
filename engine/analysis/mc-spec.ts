import { unknownFields } from './spec-fields';
import type { Scenario } from '../scenario/scenario';
import { ok } from '../util/result';
import { checkScenario, isObject, scenarioProblems, specError, type AnalysisWorkspace, type SpecResult } from './evaluate';
import { asymmetry, cholesky, covarianceOf } from './linalg';
import { narrowOverrides, type WorkspaceOverrides } from './overrides';
import { isScalarKpi, SCALAR_KPIS, type ScalarKpi } from './run-kpis';
import { shown } from '../util/shown';

export const MAX_DRAWS = 1_000_000;
/**
 * Draws and seed when a spec leaves them out (the app's form starts from the same): a fixed seed,
 * so that a result never depends on one nobody chose; every result states both.
 */
export const DEFAULT_DRAWS = 1000;
export const DEFAULT_SEED = 1;

/**
 * A Monte Carlo of correlated price shocks. Each draw adds one price_shock per listed asset at
 * step `at` to the base scenario, with change = exp(r) − 1 for a log return
 *   r = mean + s · L·z / √(W/ν) + jumps,   z ~ N(0, I), W ~ χ²(ν)   (normal: no W),
 * where L·Lᵀ is the covariance (or diag(vols)·correlation·diag(vols)) and s = √((ν − 2)/ν) for
 * ν > 2, so that the covariance of r is the one given (for ν ≤ 2 it has none: the matrix is then the
 * scale matrix, s = 1). Jumps: with `probability` per draw (scope market: one jump for every
 * asset; scope asset: each asset on its own) a normal jump of `mean` and `vol` is added to r.
 * r is clipped to [−30, 30] so every change is a valid shock (> −1).
 *
 * JSON: {scenario, overrides?, draws?, seed?, at?, assets, vols + correlation | covariance, means?,
 * nu?, jumps?: {probability, mean, vol, scope?}, worst?, rank_by?} (draws DEFAULT_DRAWS and seed
 * DEFAULT_SEED when left out). Fields may also be given in the scenario document under
 * `montecarlo`; the spec's own fields win. Every problem of a spec is listed, each as `field: rule`.
 */
export interface McSpec {
  scenario: Scenario;
  overrides: WorkspaceOverrides;
  draws: number;
  seed: number;
  at: number;
  assets: string[];
  mean: Float64Array;
  /** Cholesky factor of the covariance, n × n row-major. */
  chol: Float64Array;
  nu: number | null;
  scale: number;
  jumps: { probability: number; mean: number; vol: number; scope: 'market' | 'asset' } | null;
  worst: number;
  rankBy: ScalarKpi;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Adds a problem; the value it is about is then unknown. */
function fail(problems: string[], problem: string): null {
  problems.push(problem);
  return null;
}

/** A symmetric n × n matrix of finite numbers, or its problems (every bad cell). */
function matrix(raw: unknown, n: number, name: string, problems: string[]): Float64Array | null {
  if (!Array.isArray(raw) || raw.length !== n) return fail(problems, `montecarlo.${name}: must be a ${n} × ${n} matrix (one row per asset)`);
  const out = new Float64Array(n * n);
  const before = problems.length;
  for (let i = 0; i < n; i++) {
    const row: unknown = raw[i];
    if (!Array.isArray(row) || row.length !== n) {
      problems.push(`montecarlo.${name}[${i}]: must be a row of ${n} numbers`);
      continue;
    }
    for (let j = 0; j < n; j++) {
      if (!finite(row[j])) problems.push(`montecarlo.${name}[${i}][${j}]: must be a finite number, got ${shown(row[j])}`);
      else out[i * n + j] = row[j] as number;
    }
  }
  if (problems.length > before) return null;
  if (asymmetry(out, n) > 1e-12) return fail(problems, `montecarlo.${name}: must be symmetric`);
  return out;
}

function vector(raw: unknown, n: number, name: string, rule: (v: number) => boolean, text: string, problems: string[]): Float64Array | null {
  if (!Array.isArray(raw) || raw.length !== n || raw.some((v) => !finite(v) || !rule(v))) return fail(problems, `montecarlo.${name}: must be a list of ${n} numbers ${text}, got ${shown(raw)}`);
  return Float64Array.from(raw as number[]);
}

/** The covariance of the assets' log returns, or null with its problems added. */
function covariance(r: Record<string, unknown>, assets: readonly unknown[], problems: string[]): Float64Array | null {
  const n = assets.length;
  if (r.covariance !== undefined) {
    if (r.vols !== undefined || r.correlation !== undefined) return fail(problems, 'montecarlo: give either covariance, or vols and correlation, not both');
    const cov = matrix(r.covariance, n, 'covariance', problems);
    if (!cov) return null;
    // The variances held to the vols' range (1e-6 … 10): 1e-12 … 100.
    const before = problems.length;
    for (let i = 0; i < n; i++) {
      const v = cov[i * n + i] as number;
      if (!(v >= 1e-12 && v <= 100)) problems.push(`montecarlo.covariance[${i}][${i}]: the variance of ${String(assets[i])} must be from 1e-12 to 100 (a vol from 1e-6 to 10), got ${v}`);
    }
    return problems.length > before ? null : cov;
  }
  // Below 1e-6 a variance underflows the Cholesky factor's test (read as correlated assets); above 10, exp(r) leaves a double's range.
  const vols = vector(r.vols, n, 'vols', (v) => v >= 1e-6 && v <= 10, 'from 1e-6 to 10 (standard deviations of the log return, 0.6 for 60%; leave out an asset that does not move)', problems);
  let corr: Float64Array | null;
  if (r.correlation === undefined) {
    corr = new Float64Array(n * n);
    for (let i = 0; i < n; i++) corr[i * n + i] = 1;
  } else {
    corr = matrix(r.correlation, n, 'correlation', problems);
    const before = problems.length;
    for (let i = 0; corr && i < n; i++) {
      if (corr[i * n + i] !== 1) problems.push(`montecarlo.correlation[${i}][${i}]: a correlation matrix has 1 on its diagonal, got ${corr[i * n + i]}`);
      for (let j = 0; j < n; j++) if (Math.abs(corr[i * n + j] as number) > 1) problems.push(`montecarlo.correlation[${i}][${j}]: must be in [−1, 1], got ${corr[i * n + j]}`);
    }
    if (problems.length > before) corr = null;
  }
  return vols && corr ? covarianceOf(vols, corr, n) : null;
}

/** The fields of a Monte Carlo spec (and of its jumps). */
const MC_FIELDS = ['scenario', 'overrides', 'assets', 'vols', 'correlation', 'covariance', 'means', 'nu', 'jumps', 'at', 'draws', 'seed', 'worst', 'rank_by'] as const;
const JUMP_FIELDS = ['probability', 'mean', 'vol', 'scope'] as const;

function narrowJumps(raw: unknown, problems: string[]): McSpec['jumps'] {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) return fail(problems, `montecarlo.jumps: must be {probability, mean, vol, scope?}, got ${shown(raw)}`);
  const { probability, mean, vol } = raw;
  const scope = raw.scope === undefined ? 'market' : raw.scope;
  const before = problems.length;
  if (!finite(probability) || probability < 0 || probability > 1) problems.push(`montecarlo.jumps.probability: must be in [0, 1], got ${shown(probability)}`);
  if (!finite(mean) || Math.abs(mean) > 10) problems.push(`montecarlo.jumps.mean: must be a number from −10 to 10 (mean log jump, e.g. −0.2), got ${shown(mean)}`);
  if (!finite(vol) || vol < 0 || vol > 10) problems.push(`montecarlo.jumps.vol: must be a number from 0 to 10, got ${shown(vol)}`);
  if (scope !== 'market' && scope !== 'asset') problems.push(`montecarlo.jumps.scope: must be market or asset, got ${shown(scope)}`);
  return problems.length > before ? null : { probability: probability as number, mean: mean as number, vol: vol as number, scope: scope as 'market' | 'asset' };
}

const isInteger = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Narrows a Monte Carlo spec from JSON, listing every problem (each as `montecarlo.<field>: rule`). */
export function narrowMcSpec(raw: unknown, aw: AnalysisWorkspace): SpecResult<McSpec> {
  if (!isObject(raw)) return specError('montecarlo: the spec must be an object {scenario, assets, vols, correlation, draws?, seed?, …}');
  const fromScenario = isObject(raw.scenario) && isObject(raw.scenario.montecarlo) ? raw.scenario.montecarlo : {};
  const r: Record<string, unknown> = { ...fromScenario, ...raw };
  const problems = unknownFields(r, MC_FIELDS, 'montecarlo');
  if (isObject(r.jumps)) problems.push(...unknownFields(r.jumps, JUMP_FIELDS, 'montecarlo.jumps'));
  const sc = checkScenario(aw, r.scenario);
  if (!sc.ok) problems.push(...scenarioProblems('montecarlo.scenario', sc.error));
  const ov = narrowOverrides(r.overrides, aw.cw.model);
  if (!ov.ok) problems.push(...ov.error);
  const draws = r.draws === undefined ? DEFAULT_DRAWS : r.draws;
  const seed = r.seed === undefined ? DEFAULT_SEED : r.seed;
  if (!isInteger(draws, 1, MAX_DRAWS)) problems.push(`montecarlo.draws: must be an integer from 1 to ${MAX_DRAWS}, got ${shown(draws)}`);
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) problems.push(`montecarlo.seed: must be an integer ≥ 0, got ${shown(seed)}`);
  const at = r.at === undefined ? 0 : r.at;
  // The last step is known once the scenario is valid.
  const lastStep = sc.ok ? sc.value.steps - 1 : Number.MAX_SAFE_INTEGER;
  if (!isInteger(at, 0, lastStep)) problems.push(`montecarlo.at: must be a step from 0 to ${sc.ok ? lastStep : 'the scenario’s last'}, got ${shown(r.at)}`);
  let assets: string[] | null = null;
  if (!Array.isArray(r.assets) || r.assets.length === 0) problems.push(`montecarlo.assets: must list the assets shocked, got ${shown(r.assets)}`);
  else {
    const bad = r.assets.filter((a) => typeof a !== 'string' || a === 'USD' || !aw.ow.ids.assets.has(a));
    const twice = r.assets.filter((a, i, all) => all.indexOf(a) !== i);
    if (bad.length) problems.push(`montecarlo.assets: names no asset that can be shocked: ${bad.map((b) => shown(b)).join(', ')}`);
    if (twice.length) problems.push(`montecarlo.assets: lists ${[...new Set(twice)].map((a) => shown(a)).join(', ')} twice; each asset once`);
    if (!bad.length && !twice.length) assets = r.assets as string[];
  }
  // The matrices are checked against the number of assets listed, even where a name is wrong.
  const listed: unknown[] = Array.isArray(r.assets) ? r.assets : [];
  const n = listed.length;
  const cov = n > 0 ? covariance(r, listed, problems) : null;
  let chol: Float64Array | null = null;
  if (cov && assets) {
    const L = cholesky(cov, n);
    if (L.ok) chol = L.value;
    else {
      const block = assets.slice(0, L.error.index + 1).join(', ');
      problems.push(
        `montecarlo: the ${r.covariance !== undefined ? 'covariance' : 'correlation'} matrix is not positive definite: the leading block of ${block} is singular or indefinite (Cholesky pivot ${L.error.pivot.toPrecision(3)} at ${assets[L.error.index]}). ` +
          'Two assets moving exactly together (correlation 1) or inconsistent correlations cause this; use a correlation below 1 (e.g. 0.999) and check the matrix.',
      );
    }
  }
  const mean = r.means === undefined ? new Float64Array(n) : vector(r.means, n, 'means', (v) => Math.abs(v) <= 10, 'from −10 to 10 (mean log returns, −0.1 for a 10% fall)', problems);
  const nu = r.nu === undefined || r.nu === null ? null : r.nu;
  if (nu !== null && (!finite(nu) || nu <= 0)) problems.push(`montecarlo.nu: must be a number > 0 (degrees of freedom of the Student-t), got ${shown(nu)}`);
  const jumps = narrowJumps(r.jumps, problems);
  const worst = r.worst === undefined ? 10 : r.worst;
  if (!isInteger(worst, 0, 1000)) problems.push(`montecarlo.worst: must be an integer from 0 to 1000, got ${shown(worst)}`);
  const rankBy = r.rank_by === undefined ? 'total_bad_debt_usd' : r.rank_by;
  if (!isScalarKpi(rankBy)) problems.push(`montecarlo.rank_by: must be one of ${SCALAR_KPIS.join(', ')}, got ${shown(rankBy)}`);
  if (problems.length || !sc.ok || !ov.ok || !assets || !chol || !mean) return specError(...problems);
  return ok({
    scenario: sc.value,
    overrides: ov.value,
    draws: draws as number,
    seed: seed as number,
    at: at as number,
    assets,
    mean,
    chol,
    nu: nu as number | null,
    scale: nu !== null && (nu as number) > 2 ? Math.sqrt(((nu as number) - 2) / (nu as number)) : 1,
    jumps,
    worst: worst as number,
    rankBy: rankBy as ScalarKpi,
  });
}
