import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NodeSummary, RunSummary } from '../../engine/results/summary-types';
import type { NodeSeries, RunCharts } from '../../engine/view/view-types';
import { useApp } from '../app-context';
import { badDebtOption } from '../charts/options/bad-debt';
import { defaultsOption } from '../charts/options/defaults';
import { liquidationsOption } from '../charts/options/liquidations';
import { nodeCausesOption, nodeEquityOption } from '../charts/options/node-equity';
import { pricesOption } from '../charts/options/prices';
import { CHART_THEMES } from '../charts/palette';
import { ChartCard } from '../components/ChartCard';
import { DefaultsTable } from '../components/DefaultsTable';
import { ErrorPanel } from '../components/ErrorPanel';
import { KpiCards } from '../components/KpiCards';
import { QuickShock } from '../components/QuickShock';
import { Timeline } from '../network/Timeline';
import { useStepKpis } from '../network/use-step-kpis';
import { selectCanEdit, useProjectStore } from '../project/project-store';
import { RunHistory } from '../components/RunHistory';
import { StampLine } from '../components/StampLine';
import { formatCount } from '../format';
import {
  defaultedNodes,
  focusNode,
  selectActiveDoc,
  selectCharts,
  selectHistory,
  selectOverview,
  selectPhase,
  selectPriceAsset,
  selectResult,
  selectResultQuick,
  selectResultStale,
  selectRunError,
  selectSelectedNode,
  selectTheme,
  selectWorkspace,
} from '../store/selectors';
import { useAppStore, type AppState } from '../store/store';
import { shownStep } from '../store/timeline-slice';
import { runActive } from '../workflows/run-flow';

const pickResults = (s: AppState) => ({
  result: selectResult(s),
  charts: selectCharts(s),
  phase: selectPhase(s),
  error: selectRunError(s),
  theme: selectTheme(s),
  stale: selectResultStale(s),
  quick: selectResultQuick(s),
  // The slider varies the scenario Run would run: a variant shown is its own only when the run was of it.
  quickOfActive: s.runScenario === s.activeScenario ? selectResultQuick(s) : null,
  doc: selectActiveDoc(s),
  selectedNode: selectSelectedNode(s),
  priceAsset: selectPriceAsset(s),
  overview: selectOverview(s),
  history: selectHistory(s),
  workspace: selectWorkspace(s),
  step: s.step,
});

export function asOfText(charts: Pick<RunCharts, 'runId' | 'scenario' | 'stepsRun'>, engineVersion: string, workspaceHash: string): string {
  return `${charts.scenario} · ${charts.runId} · ${charts.stepsRun} steps · engine ${engineVersion} · workspace ${workspaceHash.slice(0, 8)}`;
}

/**
 * The timeline's step the dashboard is as of: null for the run's last step (the default: the run's
 * outcome, no marker), else the selected step clamped to the run.
 */
export function markedStep(step: number | null, stepsRun: number): number | null {
  if (step === null || stepsRun <= 0) return null;
  const t = shownStep(step, stepsRun);
  return t >= stepsRun - 1 ? null : t;
}

/**
 * The dashboard of a run: the timeline, key figures, the shock slider, the charts, defaults and
 * the run's stamp. Every step-axis chart marks the timeline's step and the key figures are as of
 * it; at the last step (the default) the dashboard is the run's outcome.
 */
export function ResultsView() {
  const ctx = useApp();
  const r = useAppStore(useShallow(pickResults));
  const canEdit = useProjectStore(selectCanEdit);
  const t = CHART_THEMES[r.theme];
  const [series, setSeries] = useState<NodeSeries | null>(null);
  const drawn = useRef<string | null>(null);
  const root = useRef<HTMLDivElement | null>(null);
  const live = r.result;
  // The header, key figures and run charts (small: steps × series) follow at once; the rest of
  // the body (tables and pickers over every node) renders as a deferred, interruptible pass so a
  // large run's dashboard never blocks a frame for long.
  const result = useDeferredValue(live, null);
  const charts = r.charts !== null && live !== null && r.charts.runId === live.runId ? r.charts : null;
  const defaults = useMemo(() => (result === null ? [] : defaultedNodes(result.summary)), [result]);
  const liveDefaults = useMemo(() => (live === null ? 0 : live === result ? defaults.length : defaultedNodes(live.summary).length), [live, result, defaults]);
  const node = result === null ? null : r.selectedNode !== null && r.selectedNode in result.summary.nodes ? r.selectedNode : focusNode(result.summary);
  const asOf = charts === null || live === null ? '' : asOfText(charts, live.stamp.engine_version, live.stamp.workspace_hash);
  const assets = charts?.prices.map((p) => p.asset) ?? [];
  const priceAsset = r.priceAsset !== null && assets.includes(r.priceAsset) ? r.priceAsset : (r.overview?.byAsset[0]?.id && assets.includes(r.overview.byAsset[0].id) ? r.overview.byAsset[0].id : assets[0]);
  const priceSeries = charts?.prices.find((p) => p.asset === priceAsset) ?? null;
  const stepsRun = live?.summary.steps_run ?? 0;
  const step = markedStep(r.step, stepsRun);
  const stepKpis = useStepKpis(ctx.engine, live, step ?? 0, step !== null);

  // By run id: a preview's completion replaces the result, not the run. A preview has no loss
  // graph: its node series waits for the completion rather than asking the engine for it now.
  const resultRunId = result?.runId ?? null;
  const tracing = result?.preview === true;
  useEffect(() => {
    if (resultRunId === null || node === null || tracing) return setSeries(null);
    let live = true;
    void ctx.engine.request('view.nodeSeries', { runId: resultRunId, node }).then((res) => {
      if (live) setSeries(res.ok ? res.value : null);
    });
    return () => {
      live = false;
    };
  }, [ctx.engine, resultRunId, node, tracing]);

  const options = useMemo(() => {
    if (charts === null) return null;
    return {
      prices: priceSeries === null ? null : pricesOption(priceSeries, t, asOf, step),
      liquidations: liquidationsOption(charts.liquidations, charts.stepsRun, t, asOf, step),
      defaults: defaultsOption(charts.defaults, charts.stepsRun, t, asOf, step),
    };
  }, [charts, priceSeries, t, asOf, step]);
  const badDebt = useMemo(() => (charts === null ? null : badDebtOption(charts.badDebt, t, asOf)), [charts, t, asOf]);
  const equity = useMemo(() => (series === null || result === null || series.runId !== result.runId ? null : nodeEquityOption(series, t, asOf, { step })), [series, result, t, asOf, step]);
  const causes = useMemo(() => (series === null || result === null || series.runId !== result.runId ? null : nodeCausesOption(series, t, asOf)), [series, result, t, asOf]);

  const onDrawn = () => {
    if (charts === null || drawn.current === charts.runId) return;
    drawn.current = charts.runId;
    performance.mark('fb:results-drawn');
    root.current?.setAttribute('data-drawn-run', charts.runId);
  };

  if (live === null) {
    return (
      <div className="results" ref={root} data-testid="results-view">
        {r.error !== null ? <ErrorPanel message={r.error} /> : null}
        <KpiCards summary={null} defaults={0} dimmed={r.phase === 'running'} />
        <p className="empty-view muted">{r.phase === 'running' ? 'Running…' : r.workspace === null ? 'Open a workspace to run a scenario.' : 'Run a scenario (Ctrl+Enter) to see its results.'}</p>
      </div>
    );
  }

  const running = r.phase === 'running';
  const select = (id: string) => useAppStore.getState().selectNode(id);
  const kpiSummary = step === null ? live.summary : (stepKpis?.summary ?? null);
  const kpiDefaults = step === null ? liveDefaults : (stepKpis?.defaults ?? 0);
  return (
    <div className="results" ref={root} data-testid="results-view" data-step={step ?? 'last'} data-traced-run={result !== null && !tracing ? result.runId : undefined}>
      <header className="view-head results-head">
        <h1 data-testid="run-label" title={live.summary.scenario}>
          {live.summary.scenario}
        </h1>
        {r.stale && r.quick === null ? (
          <p className="stale-note" role="status">
            The scenario has changed since this run.{' '}
            <button type="button" className="link-button" disabled={running} onClick={() => void runActive(ctx)}>
              Run it again
            </button>
          </p>
        ) : null}
      </header>
      {r.error !== null ? <ErrorPanel message={r.error} /> : null}
      <Timeline variant="compact" />
      <KpiCards summary={kpiSummary} defaults={kpiDefaults} dimmed={running} asOf={step === null ? null : { step, last: stepsRun - 1, stepsRun }} />
      {canEdit && r.doc !== null && assets.length > 0 ? (
        <QuickShock
          assets={assets}
          preferred={firstShocked(r.doc) ?? r.overview?.byAsset[0]?.id ?? null}
          doc={r.doc}
          active={r.quickOfActive}
          onShock={(asset, change) => void runActive(ctx, { asset, change })}
          onReset={() => void runActive(ctx)}
        />
      ) : null}
      <div className="chart-grid">
        <ChartCard
          id="prices"
          title="Market vs oracle price"
          unit={`${priceAsset ?? ''} · USD per unit, by step`}
          option={options?.prices ?? null}
          controls={
            <select aria-label="Asset" value={priceAsset ?? ''} onChange={(e) => useAppStore.getState().selectPriceAsset(e.target.value)}>
              {assets.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          }
        />
        <ChartCard id="liquidations" title="Liquidations per step" unit="USD of debt repaid, stacked by venue" option={options?.liquidations ?? null} onRendered={onDrawn} />
        <ChartCard id="bad-debt" title="Bad debt by venue" unit={`USD over the run · total ${formatCount(Math.round(live.summary.total_bad_debt_usd))} USD`} option={badDebt} />
        <ChartCard
          id="defaults"
          title="Defaults timeline"
          unit="in the order they failed · mark size: what each node owed (USD)"
          option={options?.defaults ?? null}
          onClick={(item) => item.name !== '' && select(item.name)}
        />
        <ChartCard
          id="node-equity"
          title={`Equity and losses of ${node ?? '—'}`}
          unit="USD by step · losses by channel (see the guide: Losses and contagion paths)"
          option={equity}
          placeholder={node === null ? 'No node lost anything in this run.' : tracingText(result)}
          height={340}
          controls={result === null ? undefined : <NodePicker summary={result.summary} value={node} onChange={select} />}
        />
        <ChartCard id="node-causes" title={`Where ${node ?? '—'}’s loss came from`} unit="USD over the run, by cause and channel" option={causes} height={340} placeholder={node === null ? 'No node lost anything in this run.' : tracingText(result)} />
      </div>
      {result === null ? null : <DefaultsTable nodes={defaults} selected={node} onSelect={select} tracing={result.preview === true} />}
      <RunHistory entries={r.history} current={live.runId} />
      <StampLine result={live} workspace={r.workspace} />
    </div>
  );
}

/** While a preview run's loss graph is being made, the node charts say so. */
function tracingText(result: { preview?: boolean } | null): string | undefined {
  return result?.preview === true ? 'Tracing this run’s losses…' : undefined;
}

function firstShocked(doc: { events: { type: string; asset?: unknown }[] }): string | null {
  const e = doc.events.find((x) => x.type === 'price_shock' && typeof x.asset === 'string');
  return e === undefined ? null : (e.asset as string);
}

const PICKER_NODES = 200;

/**
 * Which node the node charts show: every node when there are few; else the ones that matter (the
 * defaulted, then the largest losers) in the list, and any other id typed in the box.
 */
function NodePicker({ summary, value, onChange }: { summary: RunSummary; value: string | null; onChange(id: string): void }) {
  const listed = useMemo(() => {
    const entries = Object.entries(summary.nodes);
    if (entries.length <= PICKER_NODES) return entries.map(([id]) => id).sort();
    const loss = (n: NodeSummary) => n.equity_start_usd - n.equity_end_usd;
    return entries
      .filter(([, n]) => n.defaulted || loss(n) > 0)
      .sort(([a, x], [b, y]) => Number(y.defaulted) - Number(x.defaulted) || loss(y) - loss(x) || (a < b ? -1 : 1))
      .slice(0, PICKER_NODES)
      .map(([id]) => id);
  }, [summary]);
  const [typed, setTyped] = useState('');
  const all = Object.keys(summary.nodes).length;
  const commit = () => {
    const id = typed.trim();
    if (id in summary.nodes) onChange(id);
  };
  return (
    <>
      <select aria-label="Node" value={value !== null && listed.includes(value) ? value : ''} onChange={(e) => onChange(e.target.value)} data-testid="node-picker">
        {value !== null && !listed.includes(value) ? <option value="">{value}</option> : null}
        {listed.map((n) => (
          <option key={n}>{n}</option>
        ))}
      </select>
      {all > listed.length ? (
        <input
          aria-label="Any node id"
          placeholder={`any of ${formatCount(all)}…`}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
          onBlur={commit}
          className={typed.trim() !== '' && !(typed.trim() in summary.nodes) ? 'invalid' : undefined}
        />
      ) : null}
    </>
  );
}
