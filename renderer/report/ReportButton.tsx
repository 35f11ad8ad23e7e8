import { useApp } from '../app-context';
import { Icon } from '../components/Icon';
import { selectPhase, selectResult } from '../store/selectors';
import { useAppStore } from '../store/store';
import { openReport } from './ReportOverlay';

/** The top bar's Report action: the printable report of the run shown (PDF, HTML). */
export function ReportButton() {
  const ctx = useApp();
  const result = useAppStore(selectResult);
  const running = useAppStore(selectPhase) === 'running';
  return (
    <button
      type="button"
      className="icon-button"
      aria-label="Report of this run"
      title={result === null ? 'Report (run a scenario first)' : 'Report of this run: PDF or a single HTML file'}
      disabled={result === null || running}
      onClick={() => void openReport(ctx)}
      data-testid="open-report"
    >
      <Icon name="report" />
    </button>
  );
}
