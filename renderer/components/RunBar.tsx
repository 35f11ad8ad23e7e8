import { useShallow } from 'zustand/react/shallow';
import { ProvenanceBadge } from '../bundled/ProvenanceBadge';
import { useApp } from '../app-context';
import { formatCount, formatPercent } from '../format';
import { selectPhase, selectProgress, selectResult, selectResultQuick, selectRunError } from '../store/selectors';
import { useAppStore, type AppState } from '../store/store';
import { cancelRun } from '../workflows/run-flow';

const pickRunBar = (s: AppState) => ({ phase: selectPhase(s), progress: selectProgress(s), result: selectResult(s), quick: selectResultQuick(s), error: selectRunError(s) });

/** The strip under the header: a run's progress and Cancel, or the last run's outcome. Always the same height. */
export function RunBar() {
  const ctx = useApp();
  const { phase, progress, result, quick, error } = useAppStore(useShallow(pickRunBar));
  const fraction = progress === null || progress.steps === 0 ? null : Math.min(1, (progress.step + 1) / progress.steps);
  let text: string;
  let title: string | undefined;
  if (phase === 'running') {
    text =
      progress === null
        ? 'Starting the run…'
        : `Step ${formatCount(progress.step + 1)} of ${formatCount(progress.steps)} · ${formatCount(progress.liquidations)} liquidations · ${formatCount(progress.defaults)} defaults`;
  } else if (phase === 'cancelled') text = 'Run cancelled. The results shown are those of the last finished run.';
  else if (phase === 'failed') text = error?.split('\n')[0] ?? 'The run failed.';
  else if (result !== null) {
    title = runTitle(result.runMs, result.lossesOnHelper === true);
    text = `${result.runId} · ${result.summary.scenario}${quick === null ? '' : ` · quick shock ${quick.asset} ${formatPercent(quick.change, 0)}`} · ${formatCount(result.summary.steps_run)} steps${result.summary.converged ? ', converged' : ''} · ${formatCount(Math.round(result.runMs))} ms`;
  } else text = 'No run yet.';
  return (
    <div className={`runbar ${phase}`} role="status" aria-live="polite" data-testid="run-progress">
      <div className="runbar-track" aria-hidden={phase !== 'running'}>
        {phase === 'running' ? fraction === null ? <div className="runbar-fill indeterminate" /> : <div className="runbar-fill" style={{ width: `${fraction * 100}%` }} /> : null}
      </div>
      <span className="runbar-text" data-testid="run-status" title={title}>
        {text}
      </span>
      <ProvenanceBadge />
      {phase === 'running' ? (
        <button type="button" className="small-button" onClick={() => void cancelRun(ctx)} data-testid="cancel-run" title="Cancel the run (Esc)">
          Cancel
        </button>
      ) : null}
    </div>
  );
}

function runTitle(runMs: number, onHelper: boolean): string {
  return `Simulation time ${formatCount(Math.round(runMs))} ms${onHelper ? ', the loss graph built on a second thread while the steps ran' : ''}.`;
}
