import type { RunResult, WorkspaceInfo } from '../../engine/protocol';

/**
 * The provenance line printed under an exported chart: what it was computed from (DESIGN habit 7).
 * The run's stamp when the chart shows a run of the open workspace, else the workspace's hash.
 */
export function stampText(result: RunResult | null, workspace: WorkspaceInfo | null, exportedAt: Date): string {
  const parts = ['Firebreak'];
  const run = result !== null && (workspace === null || workspace.hash === result.stamp.workspace_hash) ? result : null;
  if (run !== null) {
    parts.push(`engine ${run.stamp.engine_version}`, `${run.summary.scenario} (${run.runId})`, `workspace SHA-256 ${run.stamp.workspace_hash.slice(0, 16)}…`, `scenario SHA-256 ${run.stamp.scenario_hash.slice(0, 16)}…`);
  } else if (workspace !== null) {
    parts.push(`workspace SHA-256 ${workspace.hash.slice(0, 16)}…`);
  }
  parts.push(`exported ${exportedAt.toISOString().replace(/\.\d{3}Z$/, 'Z')}`);
  return parts.join(' · ');
}
