import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../app-context';
import { selectActiveDoc, selectOverview, selectWorkspace } from '../store/selectors';
import { useAppStore, type AppState } from '../store/store';
import type { McForm } from '../store/analysis-slice';
import { CorrelationEditor } from './CorrelationEditor';
import { FormProblems, SelectField, TextField } from './Fields';
import { JobBar } from './JobBar';
import { runMonteCarlo } from './montecarlo-flow';
import { MonteCarloResultView } from './MonteCarloResultView';
import { baseScenario } from './scenario-json';
import { mcSpec, problemsByField, toggleAsset } from './specs';
import { usePlan } from './use-plan';

const pickMc = (s: AppState) => ({
  form: s.analysisForms?.montecarlo ?? null,
  job: s.analysisJobs.montecarlo,
  doc: selectActiveDoc(s),
  overview: selectOverview(s),
  hash: selectWorkspace(s)?.hash ?? null,
});

const FIELDS = {
  draws: ['montecarlo.draws'],
  seed: ['montecarlo.seed'],
  at: ['montecarlo.at'],
  assets: ['montecarlo.assets'],
  matrix: ['montecarlo.vols', 'montecarlo.correlation', 'montecarlo.covariance', 'montecarlo: the'],
  nu: ['montecarlo.nu'],
  jumps: ['montecarlo.jumps'],
};

/** Monte Carlo of correlated price shocks: every draw a full cascade; VaR and ES, default probabilities, worst draws. */
export function MonteCarloPanel() {
  const ctx = useApp();
  const { form, job, doc, overview, hash } = useAppStore(useShallow(pickMc));
  const spec = useMemo(() => (form === null ? null : mcSpec(form, baseScenario(useAppStore.getState(), form.base))), [form, doc]);
  const check = usePlan(ctx, 'montecarlo', spec, hash);
  if (form === null || overview === null) return null;
  const patch = (p: Partial<McForm>) => useAppStore.getState().patchAnalysisForm('montecarlo', p);
  const { byField, rest } = problemsByField(check.problems, FIELDS);
  const busy = job.status === 'running' || job.status === 'preparing';
  const order = overview.ids.assets.filter((a) => a !== 'USD');

  return (
    <section className="an-panel" data-testid="montecarlo-panel">
      <div className="card an-form">
        <h2>Monte Carlo of correlated price shocks</h2>
        <p className="muted small">
          Each draw adds one price shock per asset: change = exp(r) − 1, r a log return with the volatilities and correlations below, Student-t for fat tails, optional jumps. The same seed gives the same draws
          whatever the number of workers.
        </p>
        <div className="an-row">
          <SelectField label="Base" value={form.base} options={[['quiet', 'No other event (today’s market)'], ['active', `On top of “${doc?.name ?? 'the active scenario'}”`]]} onChange={(v) => patch({ base: v as 'quiet' | 'active' })} className="grow" />
          <TextField label="Draws" unit="N" value={form.draws} onChange={(v) => patch({ draws: v })} errors={byField.draws} testId="mc-draws" className="an-num" />
          <TextField label="Seed" value={form.seed} onChange={(v) => patch({ seed: v })} errors={byField.seed} testId="mc-seed" className="an-num" />
          <TextField label="Shock at step" value={form.at} onChange={(v) => patch({ at: v })} errors={byField.at} className="an-num" />
          <TextField label="Student-t ν" placeholder="normal" help="Degrees of freedom of the Student-t; leave blank for normal shocks" value={form.nu} onChange={(v) => patch({ nu: v })} errors={byField.nu} testId="mc-nu" className="an-num" />
        </div>
        <fieldset className={`an-checks${byField.assets ? ' has-error' : ''}`} data-testid="mc-assets">
          <legend>Assets shocked</legend>
          {order.map((a) => (
            <label key={a} className="check">
              <input type="checkbox" checked={form.assets.includes(a)} onChange={(e) => patch(toggleAsset(form, order, a, e.target.checked))} />
              {a}
            </label>
          ))}
          {byField.assets ? <p className="field-error">{byField.assets.join(' ')}</p> : null}
        </fieldset>
        <CorrelationEditor form={form} onChange={patch} errors={byField.matrix ?? []} />
        <div className="an-row">
          <label className="check an-jump-toggle">
            <input type="checkbox" checked={form.jumps} onChange={(e) => patch({ jumps: e.target.checked })} data-testid="mc-jumps" /> Jumps
          </label>
          {form.jumps ? (
            <>
              <TextField label="Probability" unit="per draw" value={form.jumpProbability} onChange={(v) => patch({ jumpProbability: v })} className="an-num" />
              <TextField label="Mean" unit="log jump" value={form.jumpMean} onChange={(v) => patch({ jumpMean: v })} className="an-num" />
              <TextField label="Vol" unit="log jump" value={form.jumpVol} onChange={(v) => patch({ jumpVol: v })} className="an-num" />
              <SelectField label="Scope" value={form.jumpScope} options={[['market', 'one jump for every asset'], ['asset', 'each asset on its own']]} onChange={(v) => patch({ jumpScope: v as 'market' | 'asset' })} />
            </>
          ) : null}
          {byField.jumps ? <p className="field-error">{byField.jumps.join(' ')}</p> : null}
        </div>
        <div className="an-row an-actions">
          <span className="muted small an-count">{check.plan !== null ? `${check.plan.units} cascades` : check.checking ? 'Checking…' : ''}</span>
          <button type="button" className="primary" disabled={busy || check.plan === null} onClick={() => void runMonteCarlo(ctx)} data-testid="mc-run">
            Run Monte Carlo
          </button>
        </div>
        <FormProblems problems={rest} testId="mc-problems" />
        <JobBar job={job} kind="montecarlo" noun="draws" testId="mc" />
      </div>
      {job.result === null ? null : <MonteCarloResultView result={job.result} metric={form.metric} onMetric={(metric) => patch({ metric })} workspaceHash={hash} />}
    </section>
  );
}
