import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../app-context';
import { selectActiveDoc, selectOverview, selectWorkspace } from '../store/selectors';
import { useAppStore, type AppState } from '../store/store';
import type { SweepAxisForm } from '../store/analysis-slice';
import { axisFor, secondParameter, sweepParameters } from './defaults';
import { FormProblems, TextField } from './Fields';
import { JobBar } from './JobBar';
import { problemsByField, sweepSpec } from './specs';
import { SweepResultView } from './SweepResultView';
import { runSweep } from './sweep-flow';
import { usePlan } from './use-plan';
import { docToJson } from '../scenario/draft';

const pickSweep = (s: AppState) => ({
  form: s.analysisForms?.sweep ?? null,
  job: s.analysisJobs.sweep,
  doc: selectActiveDoc(s),
  overview: selectOverview(s),
  hash: selectWorkspace(s)?.hash ?? null,
});

/** A 1-D or 2-D sensitivity sweep of the active scenario. */
export function SweepPanel() {
  const ctx = useApp();
  const { form, job, doc, overview, hash } = useAppStore(useShallow(pickSweep));
  const params = useMemo(() => sweepParameters(doc, overview), [doc, overview]);
  const spec = useMemo(() => (form === null || doc === null ? null : sweepSpec(form, docToJson(doc))), [form, doc]);
  const check = usePlan(ctx, 'sweep', spec, hash);
  if (form === null) return null;
  const patch = useAppStore.getState().patchAnalysisForm;
  const setAxis = (d: number, p: Partial<SweepAxisForm>) => patch('sweep', { axes: form.axes.map((a, i) => (i === d ? { ...a, ...p } : a)) });
  const fields: Record<string, string[]> = {};
  form.axes.forEach((_, d) => {
    for (const f of ['parameter', 'from', 'to', 'points', 'values']) fields[`${d}.${f}`] = [`sweep.axes[${d}].${f}`, `sweep.axes[${d}]: `];
  });
  const { byField, rest } = problemsByField(check.problems, fields);
  const busy = job.status === 'running' || job.status === 'preparing';
  const groups = [...new Set(params.map((p) => p.group))];
  const runs = check.plan?.units ?? null;

  return (
    <section className="an-panel" data-testid="sweep-panel">
      <div className="card an-form">
        <h2>Sweep of “{doc?.name ?? 'no scenario'}”</h2>
        <p className="muted small">Each point re-runs the active scenario with the parameter set to that value. Price changes are fractions (−0.3 = −30%; “−30%” is read as such).</p>
        {form.axes.map((a, d) => (
          <div className="an-row" key={d} data-testid={`sweep-axis-${d}`}>
            <div className={`field grow${byField[`${d}.parameter`] ? ' has-error' : ''}`}>
              <label htmlFor={`sweep-param-${d}`}>{d === 0 ? 'Parameter' : 'Second parameter'}</label>
              <select
                id={`sweep-param-${d}`}
                value={a.param}
                data-testid={`sweep-param-${d}`}
                onChange={(e) => setAxis(d, axisFor(params.find((p) => p.value === e.target.value)))}
              >
                {params.some((p) => p.value === a.param) ? null : <option value={a.param}>{a.param || '—'}</option>}
                {groups.map((g) => (
                  <optgroup key={g} label={g}>
                    {params
                      .filter((p) => p.group === g)
                      .map((p) => (
                        <option key={p.value} value={p.value}>
                          {p.label}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
              {byField[`${d}.parameter`] ? <p className="field-error">{byField[`${d}.parameter`]?.join(' ')}</p> : null}
            </div>
            <TextField label="From" value={a.from} onChange={(v) => setAxis(d, { from: v })} errors={byField[`${d}.from`]} testId={`sweep-from-${d}`} className="an-num" />
            <TextField label="To" value={a.to} onChange={(v) => setAxis(d, { to: v })} errors={byField[`${d}.to`]} testId={`sweep-to-${d}`} className="an-num" />
            <TextField label="Points" unit="K" value={a.points} onChange={(v) => setAxis(d, { points: v })} errors={[...(byField[`${d}.points`] ?? []), ...(byField[`${d}.values`] ?? [])]} testId={`sweep-points-${d}`} className="an-num" />
            {d === 1 ? (
              <button type="button" className="small-button an-remove" onClick={() => patch('sweep', { axes: form.axes.slice(0, 1) })} aria-label="Remove the second parameter">
                Remove
              </button>
            ) : null}
          </div>
        ))}
        <div className="an-row an-actions">
          {form.axes.length === 1 ? (
            <button type="button" onClick={() => patch('sweep', { axes: [...form.axes, axisFor(secondParameter(params, form.axes[0]?.param ?? '', doc))] })} data-testid="sweep-add-axis">
              + Second parameter (heatmap)
            </button>
          ) : null}
          <span className="muted small an-count">{runs === null ? (check.checking ? 'Checking…' : '') : `${runs} run${runs === 1 ? '' : 's'}`}</span>
          <button type="button" className="primary" disabled={busy || check.plan === null} onClick={() => void runSweep(ctx)} data-testid="sweep-run">
            Run sweep
          </button>
        </div>
        <FormProblems problems={rest} testId="sweep-problems" />
        <JobBar job={job} kind="sweep" noun="runs" testId="sweep" />
      </div>
      {job.result === null ? null : <SweepResultView result={job.result} kpi={form.kpi} onKpi={(k) => patch('sweep', { kpi: k })} workspaceHash={hash} />}
    </section>
  );
}
