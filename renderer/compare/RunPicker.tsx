import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../app-context';
import { formatPercent } from '../format';
import { useAppStore, type AppState } from '../store/store';
import { runForCompare } from './compare-flow';
import { runLetter } from './compare-format';
import { comparedIds } from './compare-slice';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const pickRuns = (s: AppState) => ({
  kept: s.keptRuns,
  compareIds: s.compareIds,
  scenarios: s.scenarios,
  activeScenario: s.activeScenario,
  running: s.phase === 'running' || s.compareAdding,
  workspaceHash: s.workspace?.hash ?? null,
});

/** The kept runs with a tick for each to compare, the baseline first; and a way to run another scenario for comparison. */
export function RunPicker() {
  const ctx = useApp();
  const p = useAppStore(useShallow(pickRuns));
  const [toRun, setToRun] = useState<string>('');
  const s = useAppStore.getState();
  const chosen = comparedIds({ keptRuns: p.kept, compareIds: p.compareIds });
  const scenarioId = p.scenarios.some((e) => e.id === toRun) ? toRun : (p.scenarios.find((e) => e.id !== p.activeScenario)?.id ?? p.scenarios[0]?.id ?? '');

  return (
    <section className="card compare-picker" aria-label="Runs to compare">
      <header className="card-head">
        <div className="card-title">
          <h2>Runs to compare</h2>
          <p className="card-unit">Tick two or more; deltas are measured from the baseline (A). The engine keeps the last 8 runs, of any workspace.</p>
        </div>
        <div className="card-controls compare-run-another">
          <select aria-label="Scenario to run for comparison" value={scenarioId} onChange={(e) => setToRun(e.target.value)} data-testid="compare-scenario">
            {p.scenarios.map((e) => (
              <option key={e.id} value={e.id}>
                {e.doc.name || 'Untitled'}
              </option>
            ))}
          </select>
          <button type="button" className="primary" disabled={p.running || scenarioId === '' || p.workspaceHash === null} onClick={() => void runForCompare(ctx, scenarioId)} data-testid="compare-run">
            {p.running ? 'Running…' : 'Run and add'}
          </button>
        </div>
      </header>
      {p.kept.length === 0 ? (
        <p className="muted">No run yet. Run a scenario (Ctrl+Enter), then another, to compare them here.</p>
      ) : (
        <table className="data-table compact" data-testid="compare-runs">
          <thead>
            <tr>
              <th>Compare</th>
              <th>Scenario</th>
              <th>Run</th>
              <th>Workspace</th>
              <th>Finished</th>
              <th>Baseline</th>
            </tr>
          </thead>
          <tbody>
            {p.kept.map((e) => {
              const at = chosen.indexOf(e.runId);
              const label = `${e.scenarioName}${e.quick === null ? '' : ` · quick shock ${e.quick.asset} ${formatPercent(e.quick.change, 0)}`}`;
              const ws = e.result.stamp.workspace_hash;
              return (
                <tr key={e.runId} className={at >= 0 ? 'selected' : undefined} data-testid={`compare-row-${e.runId}`}>
                  <td>
                    <label className="check">
                      <input type="checkbox" checked={at >= 0} onChange={() => s.toggleCompare(e.runId)} aria-label={`Compare ${label} (${e.runId})`} data-testid={`compare-pick-${e.runId}`} />
                      <span className="run-letter">{at >= 0 ? runLetter(at) : ''}</span>
                    </label>
                  </td>
                  <td>{label}</td>
                  <td className="muted">{e.runId}</td>
                  <td className="muted" title={ws}>
                    {ws.slice(0, 10)}
                    {ws === p.workspaceHash ? ' (open now)' : ' (another)'}
                  </td>
                  <td className="muted">{time.format(e.finishedAt)}</td>
                  <td>
                    {at === 0 ? (
                      <span className="baseline-tag">Baseline</span>
                    ) : at > 0 ? (
                      <button type="button" className="small-button" onClick={() => s.setBaseline(e.runId)}>
                        Make baseline
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
