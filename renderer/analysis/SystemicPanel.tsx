import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../app-context';
import { selectOverview, selectScenarios, selectWorkspace } from '../store/selectors';
import { useAppStore, type AppState } from '../store/store';
import type { SystemicForm } from '../store/analysis-slice';
import { DebtRankTable, ImpactTable } from './SystemicTables';
import { FormProblems, SelectField, TextField } from './Fields';
import { JobBar } from './JobBar';
import { activeScenarioJson, scenarioList } from './scenario-json';
import { debtRankScenario, impactSpec } from './specs';
import { runDebtRank, runImpact } from './systemic-flow';
import { usePlan } from './use-plan';

const pickSystemic = (s: AppState) => ({
  form: s.analysisForms?.systemic ?? null,
  debtrank: s.analysisJobs.debtrank,
  impact: s.analysisJobs.impact,
  scenarios: selectScenarios(s),
  overview: selectOverview(s),
  hash: selectWorkspace(s)?.hash ?? null,
});

/** Systemic importance: DebtRank and linear DebtRank of the obligations network, and each node's default impact. */
export function SystemicPanel() {
  const ctx = useApp();
  const { form, debtrank, impact, scenarios, overview, hash } = useAppStore(useShallow(pickSystemic));
  const scenario = useMemo(() => {
    const s = useAppStore.getState();
    return form === null ? null : debtRankScenario(form, scenarioList(s), activeScenarioJson(s));
  }, [form, scenarios]);
  const iSpec = useMemo(() => impactSpec(activeScenarioJson(useAppStore.getState())), [scenarios]);
  const check = usePlan(ctx, 'debtrank', scenario === null ? null : { scenario }, hash);
  const iCheck = usePlan(ctx, 'impact', iSpec, hash);
  if (form === null || overview === null) return null;
  const patch = (p: Partial<SystemicForm>) => useAppStore.getState().patchAnalysisForm('systemic', p);
  const drBusy = debtrank.status === 'running' || debtrank.status === 'preparing';
  const imBusy = impact.status === 'running' || impact.status === 'preparing';
  const nodes = [...overview.ids.venues, ...overview.ids.entities];
  const problems = check.problems.map((p) => p.replace(/^debtrank\.scenario: /, ''));

  return (
    <section className="an-panel" data-testid="systemic-panel">
      <div className="card an-form">
        <h2>Systemic importance</h2>
        <p className="muted small">
          DebtRank (Battiston et al. 2012) and linear DebtRank (Bardoscia et al. 2015) on the obligations network at face value: E0 = external assets + claims − obligations; W = min(1, L/E0); the initial
          distress is each node’s step-0 external loss over its E0.
        </p>
        <div className="an-row">
          <SelectField
            label="Initial distress"
            value={form.source}
            options={[
              ['scenario', 'The step-0 external losses of a scenario'],
              ['custom', 'One node loses part of its external assets'],
            ]}
            onChange={(v) => patch({ source: v as SystemicForm['source'] })}
            testId="debtrank-source"
          />
          {form.source === 'scenario' ? (
            <SelectField label="Scenario" value={form.scenarioId} options={scenarios.map((s) => [s.id, s.doc.name] as const)} onChange={(v) => patch({ scenarioId: v })} className="grow" />
          ) : (
            <>
              <SelectField label="Node" value={form.node} options={nodes.map((n) => [n, n] as const)} onChange={(v) => patch({ node: v })} testId="debtrank-node" />
              <TextField label="Loses" unit="fraction of its external assets" value={form.fraction} onChange={(v) => patch({ fraction: v })} className="an-num" />
            </>
          )}
        </div>
        <div className="an-row an-actions">
          <button type="button" disabled={imBusy || iCheck.plan === null} onClick={() => void runImpact(ctx)} data-testid="impact-run" title="The total loss when each node alone loses all its external assets (a full cascade per node)">
            Rank default impact ({overview.totals.nodes} cascades)
          </button>
          <button type="button" className="primary" disabled={drBusy || check.plan === null} onClick={() => void runDebtRank(ctx)} data-testid="debtrank-run">
            Compute DebtRank
          </button>
        </div>
        <FormProblems problems={problems} testId="debtrank-problems" />
        <JobBar job={debtrank} kind="debtrank" noun="" testId="debtrank" label="DebtRank" />
        {impact.status === 'idle' ? null : <JobBar job={impact} kind="impact" noun="nodes" testId="impact" label="Default impact" />}
      </div>
      {debtrank.result === null ? null : <DebtRankTable result={debtrank.result} workspaceHash={hash} />}
      {impact.result === null ? null : <ImpactTable result={impact.result} workspaceHash={hash} />}
    </section>
  );
}
