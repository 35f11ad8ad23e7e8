import type { RunResult, WorkspaceInfo } from '../../engine/protocol';
import { formatCount } from '../format';

export function RunFooter({ result, workspace }: { result: RunResult; workspace: WorkspaceInfo | null }) {
  const rows = workspace === null ? null : Object.entries(workspace.counts).map(([table, n]) => `${table} ${formatCount(n ?? 0)}`).join(' · ');
  return (
    <footer className="run-footer muted">
      <span>Engine {result.stamp.engine_version}</span>
      <span>Run {formatCount(Math.round(result.runMs))} ms</span>
      <span title={result.stamp.workspace_hash}>Workspace {result.stamp.workspace_hash.slice(0, 12)}</span>
      <span title={result.stamp.scenario_hash}>Scenario {result.stamp.scenario_hash.slice(0, 12)}</span>
      {rows === null ? null : <span>Rows: {rows}</span>}
      {workspace !== null && workspace.warnings.length > 0 ? <span>{formatCount(workspace.warnings.length)} import warnings</span> : null}
    </footer>
  );
}
