import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../app-context';
import { selectActiveDoc, selectOverview, selectWorkspace } from '../store/selectors';
import { useAppStore, type AppState } from '../store/store';
import type { ReverseShockKind, ReverseTargetKind } from '../store/analysis-slice';
import { DistanceTable } from './DistanceTable';
import { FormProblems, SelectField, TextField } from './Fields';
import { JobBar } from './JobBar';
import { runDistance, runReverse } from './reverse-flow';
import { ReverseResultView } from './ReverseResultView';
import { baseScenario } from './scenario-json';
import { distanceSpec, problemsByField, reverseSpec } from './specs';
import { usePlan } from './use-plan';

const pickReverse = (s: AppState) => ({
  form: s.analysisForms?.reverse ?? null,
  job: s.analysisJobs.reverse,
  distance: s.analysisJobs.distance,
  doc: selectActiveDoc(s),
  overview: selectOverview(s),
  hash: selectWorkspace(s)?.hash ?? null,
});

const SHOCKS: [ReverseShockKind, string][] = [
  ['asset', 'One asset'],
  ['assets', 'Uniform crash'],
  ['external_loss', 'External loss at a node'],
];

const TARGETS: [ReverseTargetKind, string][] = [
  ['node_default', 'A node defaults'],
  ['venue_bad_debt', 'A venue’s bad debt exceeds'],
  ['total_loss', 'Total loss exceeds'],
  ['total_bad_debt', 'Total bad debt exceeds'],
  ['total_liquidated', 'Total liquidated exceeds'],
];

const FIELDS = {
  asset: ['shock.asset'],
  assets: ['shock.assets'],
  node: ['shock.node'],
  at: ['shock.at'],
  targetNode: ['target.node'],
  targetVenue: ['target.venue'],
  above: ['target.above'],
  min: ['min:'],
  max: ['max:'],
  tolerance: ['tolerance:'],
  samples: ['samples:'],
};

/** Reverse stress test: the smallest shock of a kind that brings a target about, and every node's distance to default. */
export function ReversePanel() {
  const ctx = useApp();
  const { form, job, distance, doc, overview, hash } = useAppStore(useShallow(pickReverse));
  const spec = useMemo(() => (form === null ? null : reverseSpec(form, baseScenario(useAppStore.getState(), form.base))), [form, doc]);
  const dSpec = useMemo(() => (form === null ? null : distanceSpec(form, baseScenario(useAppStore.getState(), form.base))), [form, doc]);
  const check = usePlan(ctx, 'reverse', spec, hash);
  const dCheck = usePlan(ctx, 'distance', dSpec, hash);
  if (form === null || overview === null) return null;
  const patch = (p: Partial<typeof form>) => useAppStore.getState().patchAnalysisForm('reverse', p);
  const { byField, rest } = problemsByField(check.problems, FIELDS);
  const busy = job.status === 'running' || job.status === 'preparing';
  const dBusy = distance.status === 'running' || distance.status === 'preparing';
  const assets = overview.ids.assets.filter((a) => a !== 'USD');
  const nodes = [...overview.ids.venues, ...overview.ids.entities];
  const opts = (list: string[]) => list.map((x) => [x, x] as const);
  const usd = form.shockKind === 'external_loss';
  const magnitudeUnit = usd ? 'USD' : 'drop';

  return (
    <section className="an-panel" data-testid="reverse-panel">
      <div className="card an-form">
        <h2>Reverse stress test</h2>
        <p className="muted small">Bracketing on an even grid, then bisection to the tolerance; the KPI is checked for monotonicity over the bracket.</p>
        <div className="an-row">
          <SelectField label="Base" value={form.base} options={[['quiet', 'No other event (today’s market)'], ['active', `On top of “${doc?.name ?? 'the active scenario'}”`]]} onChange={(v) => patch({ base: v as 'quiet' | 'active' })} className="grow" />
          <div className="field">
            <span className="an-label">Shock</span>
            <div className="segmented" role="radiogroup" aria-label="Shock kind">
              {SHOCKS.map(([k, l]) => (
                <button key={k} type="button" role="radio" aria-checked={form.shockKind === k} className={form.shockKind === k ? 'on' : ''} onClick={() => patch({ shockKind: k })} data-testid={`reverse-shock-${k}`}>
                  {l}
                </button>
              ))}
            </div>
          </div>
          {form.shockKind === 'asset' ? <SelectField label="Asset" value={form.asset} options={opts(assets)} onChange={(v) => patch({ asset: v })} errors={byField.asset} testId="reverse-asset" /> : null}
          {form.shockKind === 'external_loss' ? <SelectField label="Node" value={form.node} options={opts(nodes)} onChange={(v) => patch({ node: v })} errors={byField.node} testId="reverse-node" /> : null}
          <TextField label="At step" value={form.at} onChange={(v) => patch({ at: v })} errors={byField.at} className="an-num" />
        </div>
        {form.shockKind === 'assets' ? (
          <fieldset className={`an-checks${byField.assets ? ' has-error' : ''}`} data-testid="reverse-assets">
            <legend>Assets crashed together (the same drop)</legend>
            {assets.map((a) => (
              <label key={a} className="check">
                <input type="checkbox" checked={form.assets.includes(a)} onChange={(e) => patch({ assets: e.target.checked ? assets.filter((x) => x === a || form.assets.includes(x)) : form.assets.filter((x) => x !== a) })} />
                {a}
              </label>
            ))}
            {byField.assets ? <p className="field-error">{byField.assets.join(' ')}</p> : null}
          </fieldset>
        ) : null}
        <div className="an-row">
          <SelectField label="Target" value={form.targetKind} options={TARGETS} onChange={(v) => patch({ targetKind: v as ReverseTargetKind })} testId="reverse-target" />
          {form.targetKind === 'node_default' ? <SelectField label="Node" value={form.targetNode} options={opts(nodes)} onChange={(v) => patch({ targetNode: v })} errors={byField.targetNode} testId="reverse-target-node" /> : null}
          {form.targetKind === 'venue_bad_debt' ? <SelectField label="Venue" value={form.targetVenue} options={opts(overview.ids.venues)} onChange={(v) => patch({ targetVenue: v })} errors={byField.targetVenue} /> : null}
          {form.targetKind !== 'node_default' ? <TextField label="Above" unit="USD" value={form.above} onChange={(v) => patch({ above: v })} errors={byField.above} testId="reverse-above" /> : null}
        </div>
        <div className="an-row">
          <TextField label="From" unit={magnitudeUnit} value={form.min} placeholder="0" onChange={(v) => patch({ min: v })} errors={byField.min} className="an-num" />
          <TextField label="To" unit={magnitudeUnit} value={form.max} placeholder={usd ? 'all its external assets' : '0.99'} onChange={(v) => patch({ max: v })} errors={byField.max} className="an-num" />
          <TextField label="Tolerance" unit={usd ? 'USD' : 'drop'} help="Width of the final bracket: 0.001 is 0.1 percentage point of a price drop" value={form.tolerance} onChange={(v) => patch({ tolerance: v })} errors={byField.tolerance} testId="reverse-tolerance" className="an-num" />
          <TextField label="Grid intervals" value={form.samples} onChange={(v) => patch({ samples: v })} errors={byField.samples} className="an-num" />
        </div>
        <div className="an-row an-actions">
          <span className="muted small an-count">{check.checking ? 'Checking…' : ''}</span>
          <button type="button" disabled={dBusy || dCheck.plan === null} onClick={() => void runDistance(ctx)} data-testid="distance-run" title={dCheck.plan === null ? dCheck.problems.join('\n') : undefined}>
            Rank all nodes by distance to default
          </button>
          <button type="button" className="primary" disabled={busy || check.plan === null} onClick={() => void runReverse(ctx)} data-testid="reverse-run">
            Find the threshold
          </button>
        </div>
        <FormProblems problems={rest} testId="reverse-problems" />
        <JobBar job={job} kind="reverse" noun="runs" testId="reverse" />
      </div>
      {job.result === null ? null : <ReverseResultView result={job.result} workspaceHash={hash} />}
      {distance.status === 'idle' ? null : (
        <div className="card an-form">
          <JobBar job={distance} kind="distance" noun="nodes" testId="distance" label="Distance to default" />
        </div>
      )}
      {distance.result === null ? null : <DistanceTable result={distance.result} workspaceHash={hash} />}
    </section>
  );
}
