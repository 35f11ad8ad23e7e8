import type { Scenario } from '../scenario/scenario';
import { summarize } from '../results/summary';
import type { RunSummary } from '../results/summary-types';
import type { CompiledWorkspace } from './compiled';
import { compilePlan } from './plan';
import { Simulation } from './simulation';

/** Runs a validated scenario to its end (MODEL §4) and summarizes it (§6). */
export function runScenario(cw: CompiledWorkspace, scenario: Scenario): { sim: Simulation; summary: RunSummary } {
  const sim = new Simulation(cw, compilePlan(scenario, cw.model)).runToEnd();
  return { sim, summary: summarize(sim) };
}
