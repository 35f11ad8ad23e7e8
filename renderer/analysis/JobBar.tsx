import type { AnalysisStamp } from '../../engine/analysis/analysis-types';
import { formatCount } from '../format';
import type { AnalysisJob, AnalysisJobKind } from '../store/analysis-slice';
import { cancelAnalysisJob } from './job-flow';

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

function statusText(job: AnalysisJob, noun: string): string {
  switch (job.status) {
    case 'preparing':
      return `Handing the workspace to ${job.workers} analysis worker${job.workers === 1 ? '' : 's'}…`;
    case 'running':
      return job.total > 0 ? `${job.phase}: ${formatCount(job.done)} of ${formatCount(job.total)} ${noun} · ${job.workers} worker${job.workers === 1 ? '' : 's'}` : `Running · ${job.workers} worker${job.workers === 1 ? '' : 's'}…`;
    case 'done':
      return `Done in ${seconds(job.ms ?? 0)} on ${job.workers} worker${job.workers === 1 ? '' : 's'}.`;
    case 'cancelled':
      return job.result === null ? 'Cancelled.' : 'Cancelled. The results shown are those of the last finished job.';
    case 'failed':
      return job.error?.split('\n')[0] ?? 'The analysis failed.';
    default:
      return 'Not run yet.';
  }
}

/** A job's progress and Cancel, or how the last one ended. */
export function JobBar({ job, kind, noun, testId, label }: { job: AnalysisJob; kind: AnalysisJobKind; noun: string; testId: string; label?: string }) {
  const busy = job.status === 'preparing' || job.status === 'running';
  const fraction = job.total > 0 ? Math.min(1, job.done / job.total) : null;
  return (
    <div className={`an-jobbar ${job.status}`} role="status" aria-live="polite" data-testid={`${testId}-status`} data-status={job.status}>
      <div className="an-track" aria-hidden={!busy}>
        {busy ? fraction === null ? <div className="an-fill indeterminate" /> : <div className="an-fill" style={{ width: `${fraction * 100}%` }} /> : null}
      </div>
      <span className="an-jobtext">
        {label === undefined ? null : <b>{label}: </b>}
        {statusText(job, noun)}
      </span>
      {busy ? (
        <button type="button" className="small-button" onClick={() => cancelAnalysisJob(kind)} data-testid={`${testId}-cancel`}>
          Cancel
        </button>
      ) : null}
      {job.status === 'failed' && job.error !== null && job.error.includes('\n') ? <pre className="an-error-detail">{job.error}</pre> : null}
    </div>
  );
}

/** What a result was computed from: engine version, workspace hash and spec hash (habit 7). */
export function StampText({ stamp, current }: { stamp: AnalysisStamp | undefined; current: string | null }) {
  if (stamp === undefined) return null;
  const other = current !== null && stamp.workspace_hash !== current;
  return (
    <p className={`an-stamp${other ? ' stale' : ''}`} data-testid="analysis-stamp" title={`workspace ${stamp.workspace_hash}\nspec ${stamp.spec_hash}`}>
      engine {stamp.engine_version} · workspace {stamp.workspace_hash.slice(0, 12)} · spec {stamp.spec_hash.slice(0, 12)}
      {other ? ' · computed on another workspace than the one open: its runs cannot be opened' : ''}
    </p>
  );
}
