import type { DistanceTask } from './analysis/analysis-types';
import { debtRank } from './analysis/debtrank';
import { bisectNode, distanceRow, distanceSamples, narrowDistanceSpec, type DistanceSpec } from './analysis/distance';
import { checkScenario, evaluate, packKpis, problemsText, RunStopped, type AnalysisWorkspace, type SpecResult } from './analysis/evaluate';
import { impactRun, narrowImpactSpec, packImpact } from './analysis/impact';
import { JobRunner, specProblem } from './analysis/job-runner';
import { keepRun, runAndKeep } from './analysis/keep-run';
import { narrowMcSpec } from './analysis/mc-spec';
import { DrawBatchBuilder } from './analysis/montecarlo';
import { narrowOverrides } from './analysis/overrides';
import { isAnalysisKind, planFor } from './analysis/plan';
import { reverseSearch } from './analysis/reverse';
import { reverseEvaluator, reverseResult } from './analysis/reverse-run';
import { narrowReverseSpec, shockedScenario } from './analysis/reverse-spec';
import { narrowSweepSpec, pointLabel, sweepPoint } from './analysis/sweep-spec';
import type { AnalysisRequests, EngineError } from './protocol';
import { isObject, readInt, readString } from './serve-args';
import { enqueue, type Handlers, type ServeContext } from './serve-context';
import { err, ok, type Result } from './util/result';

const bad = (message: string) => err<EngineError>({ kind: 'invalid-request', message });

function intList(v: unknown, below: number): number[] | null {
  if (!Array.isArray(v) || v.some((x) => readInt(x) === null || (x as number) < 0 || (x as number) >= below)) return null;
  return v as number[];
}

function tasks(v: unknown, nodes: number): DistanceTask[] | null {
  if (!Array.isArray(v)) return null;
  const out: DistanceTask[] = [];
  for (const t of v) {
    if (!isObject(t) || readInt(t.node) === null || typeof t.lo !== 'number' || typeof t.hi !== 'number' || !(t.lo < t.hi)) return null;
    if ((t.node as number) < 0 || (t.node as number) >= nodes) return null;
    out.push({ node: t.node as number, lo: t.lo, hi: t.hi });
  }
  return out;
}

const distanceSpec = (raw: unknown, aw: AnalysisWorkspace): SpecResult<DistanceSpec> => {
  const s = narrowDistanceSpec(raw, aw);
  return s.ok ? ok(s.value.spec) : s;
};

/** analysis.*: sweeps, reverse stress tests, Monte Carlo, systemic importance (engine/analysis). Long jobs queue like runs. */
export function analysisHandlers(ctx: ServeContext): Handlers<keyof AnalysisRequests> {
  const jobs = new JobRunner(ctx);
  /** A shard: queued behind other long jobs, refused at once when its job was cancelled meanwhile. */
  const shard = <T>(jobId: string | null, work: (jobId: string) => Promise<Result<T, EngineError>>) => {
    if (!jobId) return Promise.resolve(bad('an analysis request needs a jobId'));
    return enqueue(ctx, () => (jobs.isCancelled(jobId) ? Promise.resolve(err(jobs.cancelledError(jobId))) : work(jobId)));
  };

  return {
    'analysis.plan': async (args) => {
      if (!isAnalysisKind(args.kind)) return bad(`analysis.plan: unknown kind ${JSON.stringify(args.kind)}; expected sweep, montecarlo, reverse, distance, impact or debtrank`);
      const kind = args.kind;
      const w = jobs.workspace();
      if (!w.ok) return w;
      const p = planFor(kind, args.spec, w.value, await jobs.fingerprint());
      return p.ok ? ok(p.value) : err(specProblem(kind, p.error));
    },

    'analysis.sweepPoints': (args) =>
      shard(readString(args.jobId), async (jobId) => {
        const s = jobs.spec('sweep', jobId, args.spec, narrowSweepSpec);
        if (!s.ok) return s;
        const { aw, spec } = s.value;
        const points = intList(args.points, spec.axes.reduce((n, a) => n * a.values.length, 1));
        if (!points) return bad('analysis.sweepPoints: points must be indices of the grid');
        const runs = await jobs.each(jobId, 'sweep', points, (k) => {
          const p = sweepPoint(spec, k);
          try {
            return evaluate(aw, p.scenario, p.overrides);
          } catch (e) {
            // Which point stopped: the run's own reason names a node or a price, not the values that led there.
            if (e instanceof RunStopped) throw new RunStopped(`at ${pointLabel(spec, k)}: ${e.message}`);
            throw e;
          }
        });
        return runs.ok ? ok(packKpis(points, runs.value, aw.ids)) : runs;
      }),

    'analysis.mcDraws': (args) =>
      shard(readString(args.jobId), async (jobId) => {
        const s = jobs.spec('montecarlo', jobId, args.spec, narrowMcSpec);
        if (!s.ok) return s;
        const { aw, spec } = s.value;
        const from = readInt(args.from);
        const to = readInt(args.to);
        if (from === null || to === null || from < 0 || to <= from || to > spec.draws) return bad(`analysis.mcDraws: from and to must give draws within 0 … ${spec.draws}`);
        const b = new DrawBatchBuilder(aw, spec, from, to);
        const r = await jobs.each(jobId, 'montecarlo', Array.from({ length: to - from }), () => b.run());
        return r.ok ? ok(b.batch()) : r;
      }),

    'analysis.reverse': (args) =>
      shard(readString(args.jobId), async (jobId) => {
        const s = jobs.spec('reverse', jobId, args.spec, narrowReverseSpec);
        if (!s.ok) return s;
        const { aw, spec } = s.value;
        const evalAt = reverseEvaluator(aw, spec.scenario, spec.overrides, spec.shock, spec.target);
        const estimate = spec.samples + 1 + Math.ceil(Math.log2(Math.max(2, (spec.max - spec.min) / spec.samples / spec.tolerance)));
        const out = await jobs.drive(jobId, 'reverse', estimate, reverseSearch(spec, evalAt));
        if (!out.ok) return out;
        const { result, sim } = reverseResult(aw, spec, out.value);
        const runId = readString(args.runId);
        if (runId && sim && result.scenario) {
          await keepRun(ctx, aw, runId, sim, result.scenario, spec.overrides, 0);
          result.runId = runId;
        }
        return ok(result);
      }),

    'analysis.distanceSamples': (args) =>
      shard(readString(args.jobId), async (jobId) => {
        const s = jobs.spec('distance', jobId, args.spec, distanceSpec);
        if (!s.ok) return s;
        const { aw, spec } = s.value;
        const grid = distanceSamples(spec);
        const samples = intList(args.samples, grid.length);
        if (!samples) return bad('analysis.distanceSamples: samples must be indices of the grid');
        const runs = await jobs.each(jobId, 'distance grid', samples, (k) => evalShock(aw, spec, grid[k] as number));
        return runs.ok ? ok(packKpis(samples, runs.value, aw.ids)) : runs;
      }),

    'analysis.distanceNodes': (args) =>
      shard(readString(args.jobId), async (jobId) => {
        const s = jobs.spec('distance', jobId, args.spec, distanceSpec);
        if (!s.ok) return s;
        const { aw, spec } = s.value;
        const list = tasks(args.tasks, aw.ids.nodes.length);
        if (!list) return bad('analysis.distanceNodes: tasks must be {node, lo, hi} with lo < hi');
        const rows = [];
        for (const t of list) {
          const out = await jobs.drive(jobId, 'distance', 1, bisectNode(aw, spec, t));
          if (!out.ok) return out;
          rows.push(distanceRow(t, out.value));
        }
        return ok({ rows });
      }),

    'analysis.impactNodes': (args) =>
      shard(readString(args.jobId), async (jobId) => {
        const s = jobs.spec('impact', jobId, args.spec, narrowImpactSpec);
        if (!s.ok) return s;
        const { aw, spec } = s.value;
        const nodes = intList(args.nodes, aw.ids.nodes.length);
        if (!nodes) return bad('analysis.impactNodes: nodes must be node indices');
        const runs = await jobs.each(jobId, 'impact', nodes, (i) => impactRun(aw, spec, i));
        return runs.ok ? ok(packImpact(nodes, runs.value)) : runs;
      }),

    'analysis.debtrank': async (args) => {
      const w = jobs.workspace();
      if (!w.ok) return w;
      const sc = checkScenario(w.value, args.scenario);
      if (!sc.ok) return err({ kind: 'invalid-scenario', message: `The scenario has ${sc.error.length} problem(s): ${problemsText(sc.error)}`, problems: sc.error });
      return ok(debtRank(w.value.cw, sc.value));
    },

    'analysis.openRun': async (args) => {
      const runId = readString(args.runId);
      if (!runId) return bad('analysis.openRun needs a runId');
      return enqueue(ctx, async () => {
        const w = jobs.workspace();
        if (!w.ok) return w;
        if (args.sweep !== undefined) {
          const s = narrowSweepSpec(args.sweep, w.value);
          if (!s.ok) return err(specProblem('sweep', s.error));
          const n = s.value.axes.reduce((k, a) => k * a.values.length, 1);
          const k = readInt(args.point);
          if (k === null || k < 0 || k >= n) return bad(`analysis.openRun: point must be an index of the sweep's grid (0 … ${n - 1})`);
          const p = sweepPoint(s.value, k);
          // The point's run is named as the caller shows the point, so that its results and report say which run it is.
          const name = readString(args.name);
          const scenario = name ? { ...p.scenario, name } : p.scenario;
          const r = await runAndKeep(ctx, w.value, runId, scenario, p.overrides);
          return r.ok ? ok({ ...r.value, scenario }) : r;
        }
        const sc = checkScenario(w.value, args.scenario);
        if (!sc.ok) return err({ kind: 'invalid-scenario', message: `The scenario has ${sc.error.length} problem(s).`, problems: sc.error });
        const ov = narrowOverrides(args.overrides, w.value.cw.model);
        if (!ov.ok) return bad(ov.error.join('\n'));
        return runAndKeep(ctx, w.value, runId, sc.value, ov.value);
      });
    },

    'analysis.cancel': async (args) => {
      const jobId = readString(args.jobId);
      if (!jobId) return bad('analysis.cancel needs a jobId');
      jobs.cancel(jobId);
      return ok({ cancelled: true });
    },
  };
}

const evalShock = (aw: AnalysisWorkspace, spec: DistanceSpec, magnitude: number) => evaluate(aw, shockedScenario(spec.scenario, spec.shock, magnitude), spec.overrides);
