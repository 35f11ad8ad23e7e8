import type { Scenario, ScenarioEvent } from '../scenario/scenario';
import type { DrawBatch } from './analysis-types';
import { evaluate, RunStopped, type AnalysisWorkspace } from './evaluate';
import { lowerTimes } from './linalg';
import type { McSpec } from './mc-spec';
import { SCALAR_KPIS } from './run-kpis';
import { DrawRng, studentFactor } from './sampling';

const CLIP = 30;

/**
 * Draw d's price changes (one per asset of the spec), from (seed, d) alone. The order the
 * stream is consumed in is fixed: the n normals, then W (Student-t), then the jumps.
 */
export function drawShocks(spec: Pick<McSpec, 'seed' | 'chol' | 'mean' | 'nu' | 'scale' | 'jumps'>, d: number, out: Float64Array): void {
  const n = out.length;
  const rng = new DrawRng(spec.seed, d);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = rng.normal();
  const r = new Float64Array(n);
  lowerTimes(spec.chol, n, z, r);
  const w = spec.nu === null ? 1 : spec.scale * studentFactor(rng, spec.nu);
  for (let i = 0; i < n; i++) r[i] = (spec.mean[i] as number) + w * (r[i] as number);
  const j = spec.jumps;
  if (j) {
    if (j.scope === 'market') {
      if (rng.uniform() < j.probability) {
        const size = j.mean + j.vol * rng.normal();
        for (let i = 0; i < n; i++) r[i] = (r[i] as number) + size;
      }
    } else {
      for (let i = 0; i < n; i++) if (rng.uniform() < j.probability) r[i] = (r[i] as number) + j.mean + j.vol * rng.normal();
    }
  }
  for (let i = 0; i < n; i++) {
    const x = r[i] as number;
    out[i] = Math.expm1(x < -CLIP ? -CLIP : x > CLIP ? CLIP : x);
  }
}

/** The base scenario plus one draw's price shocks: an ordinary scenario that reproduces the draw exactly. */
export function drawScenario(base: Scenario, assets: readonly string[], at: number, changes: ArrayLike<number>, draw: number): Scenario {
  const added: ScenarioEvent[] = assets.map((asset, i) => ({ type: 'price_shock', asset, change: changes[i] as number, at }));
  return { ...base, name: `${base.name} — Monte Carlo draw ${draw}`, events: [...base.events, ...added] };
}

/** Collects draws [from, to) (worker side), each a full cascade without the loss graph; `run` them in order. */
export class DrawBatchBuilder {
  private readonly b: DrawBatch;
  private readonly defaulted: number[] = [];
  private readonly changes: Float64Array;
  private k = 0;

  constructor(
    private readonly aw: AnalysisWorkspace,
    private readonly spec: McSpec,
    from: number,
    to: number,
  ) {
    const count = to - from;
    this.changes = new Float64Array(spec.assets.length);
    this.b = {
      from,
      to,
      scalars: new Float64Array(count * SCALAR_KPIS.length),
      venueBadDebt: new Float64Array(count * aw.ids.venues.length),
      shocks: new Float64Array(count * spec.assets.length),
      defaultedStart: new Int32Array(count + 1),
      defaultedNodes: new Int32Array(0),
    };
  }

  get done(): boolean {
    return this.k >= this.b.to - this.b.from;
  }

  /** Runs the next draw. */
  run(): void {
    const { b, spec, changes, k } = this;
    const d = b.from + k;
    drawShocks(spec, d, changes);
    let r: ReturnType<typeof evaluate>;
    try {
      r = evaluate(this.aw, drawScenario(spec.scenario, spec.assets, spec.at, changes, d), spec.overrides);
    } catch (e) {
      // Which draw stopped, and its shocks: the run's own reason names a node or a price only.
      if (e instanceof RunStopped) throw new RunStopped(`at draw ${d} (${spec.assets.map((a, i) => `${a} ${((changes[i] as number) * 100).toPrecision(4)}%`).join(', ')}): ${e.message}`);
      throw e;
    }
    b.scalars.set(r.scalars, k * SCALAR_KPIS.length);
    b.venueBadDebt.set(r.venueBadDebt, k * this.aw.ids.venues.length);
    b.shocks.set(changes, k * spec.assets.length);
    for (let i = 0; i < r.nodeDefaultStep.length; i++) if ((r.nodeDefaultStep[i] as number) >= 0) this.defaulted.push(i);
    b.defaultedStart[k + 1] = this.defaulted.length;
    this.k++;
  }

  batch(): DrawBatch {
    return { ...this.b, defaultedNodes: Int32Array.from(this.defaulted) };
  }
}
