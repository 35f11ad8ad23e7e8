import type { AnalysisRequests } from './protocol';
import type { Handlers, ServeContext } from './serve-context';

/** analysis.*: sweeps, reverse stress tests, Monte Carlo, systemic importance (engine/analysis). */
export function analysisHandlers(_ctx: ServeContext): Handlers<keyof AnalysisRequests> {
  return {};
}
