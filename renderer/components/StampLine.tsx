import type { RunResult, WorkspaceInfo } from '../../engine/protocol';
import { formatCount } from '../format';

/** What a run is stamped with (DESIGN habit 7): engine version and the hashes of its inputs. */
export function StampLine({ result, workspace }: { result: RunResult; workspace: WorkspaceInfo | null }) {
  const rows = workspace === null ? null : Object.entries(workspace.counts).map(([table, n]) => `${table} ${formatCount(n ?? 0)}`).join(' · ');
  return (
    <footer className="stamp muted" data-testid="run-stamp">
      <span>Engine {result.stamp.engine_version}</span>
      <span>{result.runId}: simulation {formatCount(Math.round(result.runMs))} ms</span>
      <span title={result.stamp.workspace_hash}>Workspace SHA-256 {result.stamp.workspace_hash.slice(0, 16)}…</span>
      <span title={result.stamp.scenario_hash}>Scenario SHA-256 {result.stamp.scenario_hash.slice(0, 16)}…</span>
      {rows === null ? null : <span>{rows}</span>}
    </footer>
  );
}
