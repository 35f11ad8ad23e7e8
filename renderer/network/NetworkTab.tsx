import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../app-context';
import { sankeyOption } from '../charts/options/sankey';
import { CHART_THEMES } from '../charts/palette';
import { ChartCard } from '../components/ChartCard';
import { KpiCards } from '../components/KpiCards';
import { formatUsd } from '../format';
import { defaultedNodes } from '../store/selectors';
import { useAppStore, type AppState } from '../store/store';
import { shownStep } from '../store/timeline-slice';
import { NetworkView } from './NetworkView';
import { selectCanEdit, useProjectStore } from '../project/project-store';
import { Timeline } from './Timeline';
import { useLossSankey } from './use-network-data';
import { useStepKpis } from './use-step-kpis';

const pick = (s: AppState) => ({ result: s.result, step: s.step, theme: s.theme, selected: s.selectedNode });

/** The Network tab: the timeline, the key figures as of its step, the network, the defaults in order and where the loss went. */
export function NetworkTab() {
  const { engine } = useApp();
  const canEdit = useProjectStore(selectCanEdit);
  const p = useAppStore(useShallow(pick));
  const runId = p.result?.runId ?? null;
  const stepsRun = p.result?.summary.steps_run ?? 1;
  const step = shownStep(p.step, stepsRun);
  const kpis = useStepKpis(engine, p.result, step);
  const defaults = useMemo(() => (p.result === null ? [] : defaultedNodes(p.result.summary)), [p.result]);
  const sankey = useLossSankey(engine, runId, step);
  const theme = CHART_THEMES[p.theme];
  const sankeyOpt = useMemo(() => (sankey.data === null || p.result === null || sankey.data.links.length === 0 ? null : sankeyOption(sankey.data, theme, `${p.result.summary.scenario} · up to step ${step}`)), [sankey.data, theme, p.result, step]);

  return (
    <div className="network-tab" data-testid="network-tab">
      <Timeline />
      {p.result !== null ? <KpiCards summary={kpis?.summary ?? null} defaults={kpis?.defaults ?? 0} asOf={{ step, last: stepsRun - 1, stepsRun }} /> : null}
      <NetworkView readOnly={!canEdit} />
      {defaults.length > 0 ? (
        <section className="card defaults-order" aria-label="Defaults in the order they happened" data-testid="defaults-order">
          <h2>Defaults in the order they happened</h2>
          <ol>
            {defaults.map((d) => (
              <li key={d.id} className={(d.default_step ?? 0) > step ? 'later' : p.selected === d.id ? 'on' : undefined}>
                <button type="button" className="link-button" onClick={() => useAppStore.getState().selectNode(d.id)}>
                  {d.id}
                </button>{' '}
                <span className="muted">
                  step {d.default_step} · owed {formatUsd(d.obligations_usd)} · recovery {Math.round(d.recovery_rate * 100)}%
                </span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {runId !== null ? (
        <ChartCard
          id="loss-sankey"
          title="Where the loss went"
          unit={`USD up to step ${step} · events → assets → venues → entities${sankey.data !== null ? ` · borne ${formatUsd(sankey.data.totalUsd)}${sankey.data.feedbackUsd > 0 ? ` · ${formatUsd(sankey.data.feedbackUsd)} circling back not drawn` : ''}` : ''}`}
          option={sankeyOpt}
          height={420}
          placeholder={sankey.data !== null && sankey.data.links.length === 0 ? 'No loss up to this step.' : undefined}
        />
      ) : null}
    </div>
  );
}
