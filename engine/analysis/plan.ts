import { ok } from '../util/result';
import type { AnalysisKind, AnalysisPlan } from './analysis-types';
import { narrowDistanceSpec, distanceSamples } from './distance';
import { checkScenario, isObject, problemsText, specError, type AnalysisWorkspace, type SpecResult } from './evaluate';
import { impactScenario, narrowImpactSpec } from './impact';
import { narrowMcSpec } from './mc-spec';
import { parameterLabel } from './params';
import { narrowReverseSpec } from './reverse-spec';
import { gridSize, narrowSweepSpec } from './sweep-spec';

export const ANALYSIS_KINDS: readonly AnalysisKind[] = ['sweep', 'montecarlo', 'reverse', 'distance', 'impact', 'debtrank'];

export function isAnalysisKind(v: unknown): v is AnalysisKind {
  return typeof v === 'string' && (ANALYSIS_KINDS as readonly string[]).includes(v);
}

/** Checks a job's spec against the workspace and describes the job for the coordinator. */
export function planFor(kind: AnalysisKind, raw: unknown, aw: AnalysisWorkspace, fingerprint: string): SpecResult<AnalysisPlan> {
  const base = {
    kind,
    ids: aw.ids,
    workspaceHash: aw.ow.info.hash,
    fingerprint,
    overrides: {},
    nodes: [] as number[],
    samples: [] as number[],
    axes: [] as AnalysisPlan['axes'],
    kpi: null,
    montecarlo: null,
    shock: null,
    tolerance: null,
    warnings: [] as string[],
  };
  switch (kind) {
    case 'sweep': {
      const s = narrowSweepSpec(raw, aw);
      if (!s.ok) return s;
      const spec = s.value;
      return ok({ ...base, units: gridSize(spec.axes), scenario: spec.scenario, overrides: spec.overrides, axes: spec.axes.map((a) => ({ parameter: parameterLabel(a.parameter), values: a.values })), kpi: spec.kpi });
    }
    case 'montecarlo': {
      const s = narrowMcSpec(raw, aw);
      if (!s.ok) return s;
      const m = s.value;
      return ok({ ...base, units: m.draws, scenario: m.scenario, overrides: m.overrides, montecarlo: { draws: m.draws, seed: m.seed, assets: m.assets, at: m.at, nu: m.nu, worst: m.worst, rankBy: m.rankBy } });
    }
    case 'reverse': {
      const s = narrowReverseSpec(raw, aw);
      if (!s.ok) return s;
      return ok({ ...base, units: 1, scenario: s.value.scenario, overrides: s.value.overrides, shock: s.value.shock, tolerance: s.value.tolerance, samples: [] });
    }
    case 'distance': {
      const s = narrowDistanceSpec(raw, aw);
      if (!s.ok) return s;
      const { spec, warnings } = s.value;
      return ok({ ...base, units: spec.nodes.length, scenario: spec.scenario, overrides: spec.overrides, nodes: spec.nodes, samples: distanceSamples(spec), shock: spec.shock, tolerance: spec.tolerance, warnings });
    }
    case 'impact': {
      const s = narrowImpactSpec(raw, aw);
      if (!s.ok) return s;
      const scenario = { ...impactScenario(s.value, '…'), name: 'Default impact', events: [] };
      return ok({ ...base, units: s.value.nodes.length, scenario, overrides: s.value.overrides, nodes: s.value.nodes });
    }
    case 'debtrank': {
      const doc = isObject(raw) && 'scenario' in raw ? raw.scenario : raw;
      const sc = checkScenario(aw, doc);
      if (!sc.ok) return specError(`debtrank.scenario: ${problemsText(sc.error)}`);
      return ok({ ...base, units: 1, scenario: sc.value });
    }
  }
}
