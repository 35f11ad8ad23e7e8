import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../components/Icon';
import { selectActiveDoc, selectOverview, selectScenarios, selectWorkspace } from '../store/selectors';
import { useAppStore, type AppState } from '../store/store';
import type { AnalysisPanel } from '../store/analysis-slice';
import './analysis.css';
import { defaultForms } from './defaults';
import { MonteCarloPanel } from './MonteCarloPanel';
import { analysisPool } from './pool';
import { ReversePanel } from './ReversePanel';
import { SweepPanel } from './SweepPanel';
import { SystemicPanel } from './SystemicPanel';

const PANELS: [AnalysisPanel, string, string][] = [
  ['sweep', 'Sweep', 'one or two parameters over a range'],
  ['reverse', 'Reverse stress', 'the smallest shock that reaches a target'],
  ['montecarlo', 'Monte Carlo', 'VaR and ES of correlated shocks'],
  ['systemic', 'Systemic importance', 'DebtRank and default impact'],
];

const pickView = (s: AppState) => ({
  panel: s.analysisPanel,
  workspace: selectWorkspace(s),
  overview: selectOverview(s),
  formsFor: s.formsFor,
  ready: s.analysisForms !== null,
  busy: Object.values(s.analysisJobs).some((j) => j.status === 'running' || j.status === 'preparing'),
  jobs: s.analysisJobs,
});

/** The analysis tab: sweeps, reverse stress tests, Monte Carlo and systemic importance, run over the analysis workers. */
export function AnalysisView() {
  const v = useAppStore(useShallow(pickView));
  const hash = v.workspace?.hash ?? null;
  const overviewReady = v.overview !== null && v.overview.workspaceHash === hash;

  useEffect(() => {
    if (hash === null || !overviewReady || v.formsFor === hash) return;
    const s = useAppStore.getState();
    s.setAnalysisForms(defaultForms(s.overview, selectActiveDoc(s), selectScenarios(s)), hash);
  }, [hash, overviewReady, v.formsFor]);

  if (v.workspace === null) return <p className="empty-view muted" data-testid="analysis-view">Open a workspace to analyse it.</p>;
  if (!v.ready) return <p className="empty-view muted" data-testid="analysis-view">Reading the workspace…</p>;
  const workers = analysisPool().size;
  const set = useAppStore.getState().setAnalysisPanel;
  const running = (p: AnalysisPanel) =>
    (p === 'reverse' ? [v.jobs.reverse, v.jobs.distance] : p === 'systemic' ? [v.jobs.debtrank, v.jobs.impact] : [v.jobs[p]]).some((j) => j.status === 'running' || j.status === 'preparing');

  return (
    <div className="analysis" data-testid="analysis-view">
      <header className="view-head">
        <h1>Analysis</h1>
        <p className="muted">
          Beyond one scenario, on {workers} analysis worker{workers === 1 ? '' : 's'} (cores − 1) holding a copy of this workspace; results do not depend on their number.
        </p>
      </header>
      <nav className="an-tabs" role="tablist" aria-label="Analyses">
        {PANELS.map(([id, label, hint]) => (
          <button key={id} type="button" role="tab" aria-selected={v.panel === id} className={v.panel === id ? 'an-tab on' : 'an-tab'} onClick={() => set(id)} data-testid={`analysis-tab-${id}`}>
            <span className="an-tab-label">
              {label}
              {running(id) ? <span className="an-dot" aria-label="running" /> : null}
            </span>
            <span className="an-tab-hint">{hint}</span>
          </button>
        ))}
        {v.busy ? (
          <span className="an-busy muted">
            <Icon name="clock" size={14} /> running
          </span>
        ) : null}
      </nav>
      {v.panel === 'sweep' ? <SweepPanel /> : v.panel === 'reverse' ? <ReversePanel /> : v.panel === 'montecarlo' ? <MonteCarloPanel /> : <SystemicPanel />}
    </div>
  );
}
