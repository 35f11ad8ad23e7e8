import { unknownFields } from './spec-fields';
import type { Scenario } from '../scenario/scenario';
import { ok } from '../util/result';
import { checkScenario, isObject, problemsText, specError, type AnalysisWorkspace, type SpecResult } from './evaluate';
import { asymmetry, cholesky, covarianceOf } from './linalg';
import { narrowOverrides, type WorkspaceOverrides } from './overrides';
import { isScalarKpi, SCALAR_KPIS, type ScalarKpi } from './run-kpis';
import { shown } from '../util/shown';

export const MAX_DRAWS = 1_000_000;

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
 * JSON: {scenario, overrides?, draws, seed, at?, assets, vols + correlation | covariance, means?,
 * nu?, jumps?: {probability, mean, vol, scope?}, worst?, rank_by?}. Fields may also be given in the
 * scenario document under `montecarlo`; the spec's own fields win.
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

function matrix(raw: unknown, n: number, name: string): SpecResult<Float64Array> {
  if (!Array.isArray(raw) || raw.length !== n) return specError(`montecarlo.${name}: must be a ${n} × ${n} matrix (one row per asset)`);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row: unknown = raw[i];
    if (!Array.isArray(row) || row.length !== n) return specError(`montecarlo.${name}[${i}]: must be a row of ${n} numbers`);
    for (let j = 0; j < n; j++) {
      if (!finite(row[j])) return specError(`montecarlo.${name}[${i}][${j}]: must be a finite number, got ${shown(row[j])}`);
      out[i * n + j] = row[j] as number;
    }
  }
  if (asymmetry(out, n) > 1e-12) return specError(`montecarlo.${name}: must be symmetric`);
  return ok(out);
}

function vector(raw: unknown, n: number, name: string, rule: (v: number) => boolean, text: string): SpecResult<Float64Array> {
  if (!Array.isArray(raw) || raw.length !== n || raw.some((v) => !finite(v) || !rule(v))) return specError(`montecarlo.${name}: must be a list of ${n} numbers ${text}`);
  return ok(Float64Array.from(raw as number[]));
}

function covariance(r: Record<string, unknown>, assets: string[]): SpecResult<Float64Array> {
  const n = assets.length;
  if (r.covariance !== undefined) {
    if (r.vols !== undefined || r.correlation !== undefined) return specError('montecarlo: give either covariance, or vols and correlation, not both');
    const cov = matrix(r.covariance, n, 'covariance');
    if (!cov.ok) return cov;
    // The variances held to the vols' range (1e-6 … 10): 1e-12 … 100.
    for (let i = 0; i < n; i++) {
      const v = cov.value[i * n + i] as number;
      if (!(v >= 1e-12 && v <= 100)) return specError(`montecarlo.covariance[${i}][${i}]: the variance of ${assets[i]} must be from 1e-12 to 100 (a vol from 1e-6 to 10), got ${v}`);
    }
    return cov;
  }
  // Below 1e-6 a variance underflows the Cholesky factor's test (read as correlated assets); above 10, exp(r) leaves a double's range.
  const vols = vector(r.vols, n, 'vols', (v) => v >= 1e-6 && v <= 10, 'from 1e-6 to 10 (standard deviations of the log return, 0.6 for 60%; leave out an asset that does not move)');
  if (!vols.ok) return vols;
  let corr: Float64Array;
  if (r.correlation === undefined) {
    corr = new Float64Array(n * n);
    for (let i = 0; i < n; i++) corr[i * n + i] = 1;
  } else {
    const c = matrix(r.correlation, n, 'correlation');
    if (!c.ok) return c;
    corr = c.value;
    for (let i = 0; i < n; i++) {
      if (corr[i * n + i] !== 1) return specError(`montecarlo.correlation[${i}][${i}]: a correlation matrix has 1 on its diagonal, got ${corr[i * n + i]}`);
      for (let j = 0; j < n; j++) if (Math.abs(corr[i * n + j] as number) > 1) return specError(`montecarlo.correlation[${i}][${j}]: must be in [−1, 1], got ${corr[i * n + j]}`);
    }
  }
  return ok(covarianceOf(vols.value, corr, n));
}

/** The fields of a Monte Carlo spec (and of its jumps). */
const MC_FIELDS = ['scenario', 'overrides', 'assets', 'vols', 'correlation', 'covariance', 'means', 'nu', 'jumps', 'at', 'draws', 'seed', 'worst', 'rank_by'] as const;
const JUMP_FIELDS = ['probability', 'mean', 'vol', 'scope'] as const;

function narrowJumps(raw: unknown): SpecResult<McSpec['jumps']> {
  if (raw === undefined || raw === null) return ok(null);
  if (!isObject(raw)) return specError('montecarlo.jumps: must be {probability, mean, vol, scope?}');
  const { probability, mean, vol } = raw;
  const scope = raw.scope === undefined ? 'market' : raw.scope;
  if (!finite(probability) || probability < 0 || probability > 1) return specError(`montecarlo.jumps.probability: must be in [0, 1], got ${shown(probability)}`);
  if (!finite(mean) || Math.abs(mean) > 10) return specError('montecarlo.jumps.mean: must be a number from −10 to 10 (mean log jump, e.g. −0.2)');
  if (!finite(vol) || vol < 0 || vol > 10) return specError('montecarlo.jumps.vol: must be a number from 0 to 10');
  if (scope !== 'market' && scope !== 'asset') return specError(`montecarlo.jumps.scope: must be market or asset, got ${shown(scope)}`);
  return ok({ probability, mean, vol, scope });
}

export function narrowMcSpec(raw: unknown, aw: AnalysisWorkspace): SpecResult<McSpec> {
  if (!isObject(raw)) return specError('montecarlo: the spec must be an object {scenario, draws, seed, assets, vols, correlation, …}');
  const fromScenario = isObject(raw.scenario) && isObject(raw.scenario.montecarlo) ? raw.scenario.montecarlo : {};
  const r: Record<string, unknown> = { ...fromScenario, ...raw };
  const unknown = unknownFields(r, MC_FIELDS, 'montecarlo');
  if (isObject(r.jumps)) unknown.push(...unknownFields(r.jumps, JUMP_FIELDS, 'montecarlo.jumps'));
  if (unknown.length) return specError(...unknown);
  const sc = checkScenario(aw, r.scenario);
  if (!sc.ok) return specError(`montecarlo.scenario: ${problemsText(sc.error)}`);
  const ov = narrowOverrides(r.overrides, aw.cw.model);
  if (!ov.ok) return specError(...ov.error);
  const { draws, seed } = r;
  if (typeof draws !== 'number' || !Number.isInteger(draws) || draws < 1 || draws > MAX_DRAWS) return specError(`montecarlo.draws: must be an integer from 1 to ${MAX_DRAWS}, got ${shown(draws)}`);
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) return specError(`montecarlo.seed: must be an integer, got ${shown(seed)}`);
  const at = r.at === undefined ? 0 : r.at;
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at >= sc.value.steps) return specError(`montecarlo.at: must be a step from 0 to ${sc.value.steps - 1}, got ${shown(r.at)}`);
  if (!Array.isArray(r.assets) || r.assets.length === 0) return specError('montecarlo.assets: must list the assets shocked');
  const bad = r.assets.filter((a) => typeof a !== 'string' || a === 'USD' || !aw.ow.ids.assets.has(a));
  if (bad.length) return specError(`montecarlo.assets: names no asset that can be shocked: ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
  const assets = r.assets as string[];
  if (new Set(assets).size !== assets.length) return specError('montecarlo.assets: lists an asset twice');
  const n = assets.length;
  const cov = covariance(r, assets);
  if (!cov.ok) return cov;
  const L = cholesky(cov.value, n);
  if (!L.ok) {
    const block = assets.slice(0, L.error.index + 1).join(', ');
    return specError(
      `montecarlo: the ${r.covariance !== undefined ? 'covariance' : 'correlation'} matrix is not positive definite: the leading block of ${block} is singular or indefinite (Cholesky pivot ${L.error.pivot.toPrecision(3)} at ${assets[L.error.index]}). ` +
        'Two assets moving exactly together (correlation 1) or inconsistent correlations cause this; use a correlation below 1 (e.g. 0.999) and check the matrix.',
    );
  }
  const mean = r.means === undefined ? new Float64Array(n) : vector(r.means, n, 'means', (v) => Math.abs(v) <= 10, 'from −10 to 10 (mean log returns, −0.1 for a 10% fall)');
  if (!(mean instanceof Float64Array) && !mean.ok) return mean;
  const nu = r.nu === undefined || r.nu === null ? null : r.nu;
  if (nu !== null && (!finite(nu) || nu <= 0)) return specError(`montecarlo.nu: must be a number > 0 (degrees of freedom of the Student-t), got ${shown(nu)}`);
  const jumps = narrowJumps(r.jumps);
  if (!jumps.ok) return jumps;
  const worst = r.worst === undefined ? 10 : r.worst;
  if (typeof worst !== 'number' || !Number.isInteger(worst) || worst < 0 || worst > 1000) return specError('montecarlo.worst: must be an integer from 0 to 1000');
  const rankBy = r.rank_by === undefined ? 'total_bad_debt_usd' : r.rank_by;
  if (!isScalarKpi(rankBy)) return specError(`montecarlo.rank_by: must be one of ${SCALAR_KPIS.join(', ')}`);
  return ok({
    scenario: sc.value,
    overrides: ov.value,
    draws,
    seed,
    at,
    assets,
    mean: mean instanceof Float64Array ? mean : mean.value,
    chol: L.value,
    nu,
    scale: nu !== null && nu > 2 ? Math.sqrt((nu - 2) / nu) : 1,
    jumps: jumps.value,
    worst,
    rankBy,
  });
}
