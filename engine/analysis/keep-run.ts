import type { EngineError, RunResult } from '../protocol';
import { rowCountsOf } from '../results/row-counts';
import { summarize } from '../results/summary';
import type { Scenario } from '../scenario/scenario';
import { runSliced } from '../run-sliced';
import { keepRunRecord, type ServeContext } from '../serve-context';
import { compilePlan } from '../sim/plan';
import { Simulation } from '../sim/simulation';
import { canonicalJson, sha256Hex } from '../util/hash';
import { err, ok, type Result } from '../util/result';
import { ENGINE_VERSION } from '../version';
import type { AnalysisWorkspace } from './evaluate';
import { applyOverrides, hasOverrides, type WorkspaceOverrides } from './overrides';


/** A note on a run made with workspace overrides, so nobody mistakes it for a run of the workspace as imported. */
export function overridesNote(ov: WorkspaceOverrides): string | null {
  if (!hasOverrides(ov)) return null;
  const parts: string[] = [];
  for (const [kind, group] of Object.entries(ov) as [string, Record<string, Record<string, number>>][]) {
    for (const [id, fields] of Object.entries(group)) for (const [f, v] of Object.entries(fields)) parts.push(`${kind.slice(0, -1)} ${id} ${f} = ${v}`);
  }
  return `run with workspace overrides: ${parts.join('; ')}`;
}

/**
 * Keeps a finished run like sim.run does (the last runs, oldest evicted), so results.* requests
 * serve its tables. With overrides, the scenario hash covers {scenario, overrides} and the
 * summary says which values were overridden.
 */
export async function keepRun(ctx: ServeContext, aw: AnalysisWorkspace, runId: string, sim: Simulation, scenario: Scenario, overrides: WorkspaceOverrides, runMs: number): Promise<RunResult> {
  const summary = summarize(sim);
  const note = overridesNote(overrides);
  if (note) summary.warnings.unshift(note);
  const hashed = note ? { scenario, overrides } : scenario;
  const result: RunResult = {
    runId,
    summary,
    stamp: { engine_version: ENGINE_VERSION, workspace_hash: aw.ow.info.hash, scenario_hash: await sha256Hex(new TextEncoder().encode(canonicalJson(hashed))) },
    runMs,
    rowCounts: rowCountsOf(sim),
  };
  keepRunRecord(ctx, runId, { result, sim });
  return result;
}

/** Runs a scenario with overrides step by step (progress as sim.progress, cancel with sim.cancel) and keeps it. */
export async function runAndKeep(ctx: ServeContext, aw: AnalysisWorkspace, runId: string, scenario: Scenario, overrides: WorkspaceOverrides): Promise<Result<RunResult, EngineError>> {
  const cw = applyOverrides(aw.cw, overrides);
  const sim = new Simulation(cw, compilePlan(scenario, cw.model));
  const ran = await runSliced(ctx, sim, runId, scenario.steps);
  if (!ran.ok) return ran;
  if (sim.stoppedBecause !== null) return err({ kind: 'invalid-scenario', message: 'The run cannot be computed.', problems: [{ index: null, field: null, message: sim.stoppedBecause }] });
  return ok(await keepRun(ctx, aw, runId, sim, scenario, overrides, ran.value));
}
