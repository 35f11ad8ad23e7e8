import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CompareView as CompareData } from '../../engine/view/compare-types';
import { useApp } from '../app-context';
import { compareLiquidationsOption, comparePricesOption, runColor } from '../charts/options/compare';
import { CHART_THEMES } from '../charts/palette';
import { ChartCard } from '../components/ChartCard';
import { ErrorPanel } from '../components/ErrorPanel';
import { useAppStore, type AppState } from '../store/store';
import { loadCompare } from './compare-flow';
import { runLabel } from './compare-format';
import { comparedIds } from './compare-slice';
import { CompareKpiTable } from './CompareKpiTable';
import { DefaultsDiff } from './DefaultsDiff';
import { RunPicker } from './RunPicker';
import './compare.css';

const pickCompare = (s: AppState) => ({
  kept: s.keptRuns,
  compareIds: s.compareIds,
  asset: s.compareAsset,
  scale: s.comparePriceScale,
  runningTotal: s.compareRunningTotal,
  view: s.compareView,
  error: s.compareError,
  theme: s.theme,
});

function asOfText(view: CompareData): string {
  const runs = view.runs.map((r) => r.runId).join(', ');
  const engines = [...new Set(view.runs.map((r) => r.engineVersion))].join('/');
  const ws = view.sameWorkspace ? `workspace ${view.runs[0]?.workspaceHash.slice(0, 8) ?? ''}` : `${new Set(view.runs.map((r) => r.workspaceHash)).size} workspaces`;
  return `Compare ${runs} · engine ${engines} · ${ws}`;
}

/** Kept runs side by side: KPI deltas, overlaid price and liquidation curves, and the nodes whose default differs. */
export function CompareView() {
  const ctx = useApp();
  const c = useAppStore(useShallow(pickCompare));
  const ids = comparedIds({ keptRuns: c.kept, compareIds: c.compareIds });
  const key = ids.join('\n');
  const t = CHART_THEMES[c.theme];

  useEffect(() => {
    void loadCompare(ctx, key === '' ? [] : key.split('\n'), c.asset);
  }, [ctx, key, c.asset]);

  // The answer shown is the one for the runs chosen now (a stale one would mislabel columns).
  const view = c.view !== null && c.view.runs.map((r) => r.runId).join('\n') === key ? c.view : null;
  const labels = useMemo(() => (view === null ? [] : view.runs.map((r, i) => runLabel(r, i, c.kept.find((e) => e.runId === r.runId), view.sameWorkspace))), [view, c.kept]);
  const colors = useMemo(() => labels.map((_, i) => runColor(t, i)), [labels, t]);
  const prices = view === null ? null : (view.prices.find((p) => p.asset === c.asset) ?? view.prices[0] ?? null);
  const options = useMemo(() => {
    if (view === null) return null;
    const asOf = asOfText(view);
    return {
      prices: prices === null ? null : comparePricesOption(prices, labels, t, asOf, c.scale),
      liquidations: compareLiquidationsOption(view.steps, labels, t, asOf, c.runningTotal),
    };
  }, [view, prices, labels, t, c.scale, c.runningTotal]);
  const s = useAppStore.getState();

  return (
    <div className="compare-view" data-testid="compare-view" data-compared={view === null ? '' : key.replace(/\n/g, ',')}>
      <header className="view-head">
        <h1>Compare runs</h1>
        <p className="muted">Scenarios of this project side by side — or the same scenario on two workspaces: import the other workspace and run it; runs made before stay here.</p>
      </header>
      <RunPicker />
      {c.error !== null ? <ErrorPanel message={c.error} /> : null}
      {ids.length < 2 ? (
        <p className="empty-view muted">Tick at least two runs to compare them.</p>
      ) : view === null || options === null ? (
        <p className="empty-view muted">Comparing…</p>
      ) : (
        <>
          {view.sameWorkspace ? null : (
            <p className="compare-note" data-testid="compare-workspaces">
              These runs were made on different workspaces (SHA-256 {[...new Set(view.runs.map((r) => r.workspaceHash.slice(0, 10)))].join(' vs ')}): nodes and assets are matched by id; one a workspace lacks is shown as absent.
            </p>
          )}
          <CompareKpiTable view={view} labels={labels} colors={colors} />
          <div className="chart-grid">
            <ChartCard
              id="compare-prices"
              title={`Market price${prices === null ? '' : ` of ${prices.asset}`}`}
              unit={c.scale === 'usd' ? 'USD per unit, per step' : '% of each run’s step-0 price'}
              option={options.prices}
              placeholder="No asset to draw"
              controls={
                <>
                  <select aria-label="Asset" value={prices?.asset ?? ''} onChange={(e) => s.setCompareAsset(e.target.value)} data-testid="compare-asset">
                    {view.assets.map((a) => (
                      <option key={a} value={a}>
                        {a}
                      </option>
                    ))}
                  </select>
                  <div className="segmented" role="radiogroup" aria-label="Price scale">
                    <button type="button" role="radio" aria-checked={c.scale === 'usd'} className={c.scale === 'usd' ? 'on' : ''} onClick={() => s.setComparePriceScale('usd')}>
                      USD
                    </button>
                    <button type="button" role="radio" aria-checked={c.scale === 'indexed'} className={c.scale === 'indexed' ? 'on' : ''} onClick={() => s.setComparePriceScale('indexed')}>
                      Indexed
                    </button>
                  </div>
                </>
              }
            />
            <ChartCard
              id="compare-liquidations"
              title="Liquidations"
              unit={c.runningTotal ? 'USD of debt repaid, running total' : 'USD of debt repaid per step'}
              option={options.liquidations}
              controls={
                <div className="segmented" role="radiogroup" aria-label="Per step or running total">
                  <button type="button" role="radio" aria-checked={!c.runningTotal} className={!c.runningTotal ? 'on' : ''} onClick={() => s.setCompareRunningTotal(false)}>
                    Per step
                  </button>
                  <button type="button" role="radio" aria-checked={c.runningTotal} className={c.runningTotal ? 'on' : ''} onClick={() => s.setCompareRunningTotal(true)}>
                    Running total
                  </button>
                </div>
              }
            />
          </div>
          <DefaultsDiff view={view} labels={labels} colors={colors} />
        </>
      )}
    </div>
  );
}
