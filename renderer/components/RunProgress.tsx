import type { RunPhase, RunProgress as Progress } from '../store/run-slice';
import { formatCount } from '../format';

const PHASE_TEXT: Partial<Record<RunPhase, string>> = {
  loading: 'Loading the workspace…',
  importing: 'Importing and validating the tables…',
  running: 'Running the scenario…',
};

export function RunProgress({ phase, progress }: { phase: RunPhase; progress: Progress | null }) {
  const fraction = progress === null || progress.steps === 0 ? null : Math.min(1, (progress.step + 1) / progress.steps);
  return (
    <section className="progress" role="status" aria-live="polite" data-testid="run-progress">
      <p>{PHASE_TEXT[phase] ?? ''}</p>
      {fraction === null ? <progress /> : <progress value={fraction} max={1} />}
      {progress === null ? null : (
        <p className="muted">
          Step {formatCount(progress.step + 1)} of {formatCount(progress.steps)} · {formatCount(progress.liquidations)} liquidations ·{' '}
          {formatCount(progress.defaults)} defaults
        </p>
      )}
    </section>
  );
}
