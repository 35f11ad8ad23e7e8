import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LiquidationLevels } from '../../engine/view/view-types';
import { useApp } from '../app-context';
import { cumulate, levelsOption } from '../charts/options/liquidation-levels';
import { CHART_THEMES } from '../charts/palette';
import { ChartCard } from '../components/ChartCard';
import { engineErrorText } from '../error-text';
import { formatNumber, formatPercent, formatPrice, formatUsd } from '../format';
import { selectLevels, selectOverview, selectTheme } from '../store/selectors';
import { useAppStore, type AppState } from '../store/store';

const pickLevels = (s: AppState) => ({ overview: selectOverview(s), levels: selectLevels(s), theme: selectTheme(s) });
const MARKS = [0.1, 0.2, 0.3, 0.5];

/**
 * Liquidation levels from the workspace's own positions: for one asset, the collateral that
 * becomes liquidatable as its price falls, first round, no cascade, stacked by venue.
 */
export function LevelsView() {
  const { engine } = useApp();
  const { overview, levels, theme } = useAppStore(useShallow(pickLevels));
  const [data, setData] = useState<LiquidationLevels | null>(null);
  const [error, setError] = useState<string | null>(null);
  const candidates = useMemo(() => (overview?.byAsset ?? []).filter((a) => a.collateralUsd > 0 && a.id !== 'USD'), [overview]);
  const asset = levels.asset !== null && candidates.some((c) => c.id === levels.asset) ? levels.asset : (candidates[0]?.id ?? null);

  useEffect(() => {
    if (asset === null) return;
    let live = true;
    void engine.request('view.liquidationLevels', { asset, binWidth: levels.binWidth, maxDrop: 0.9 }).then((res) => {
      if (!live) return;
      setData(res.ok ? res.value : null);
      setError(res.ok ? null : engineErrorText(res.error));
    });
    return () => {
      live = false;
    };
  }, [engine, asset, levels.binWidth, overview?.workspaceHash]);

  const shown = data !== null && data.asset === asset ? data : null;
  const asOf = shown === null || overview === null ? '' : `${shown.asset} at ${formatNumber(shown.price)} USD · workspace ${overview.workspaceHash.slice(0, 8)} · first round, no cascade`;
  const option = useMemo(() => (shown === null ? null : levelsOption(shown, { cumulative: levels.cumulative, unit: levels.unit }, CHART_THEMES[theme], asOf)), [shown, levels.cumulative, levels.unit, theme, asOf]);
  const set = useAppStore.getState().setLevels;
  if (overview === null) return <p className="empty-view muted">No workspace is open.</p>;

  const marks =
    shown === null
      ? []
      : MARKS.map((m) => {
          const k = Math.min(shown.drops.length - 1, Math.round(m / shown.binWidth));
          const total = cumulate(shown.usd).reduce((s, v) => s + (v[k] ?? 0), 0);
          return { m, total };
        });

  return (
    <div className="levels" data-testid="levels-view">
      <header className="view-head">
        <h1>Liquidation levels</h1>
        <p className="muted">Collateral that becomes liquidatable as one asset’s price falls, every other price held — from this workspace’s own positions.</p>
      </header>
      <div className="toolbar">
        <label>
          Asset{' '}
          <select value={asset ?? ''} onChange={(e) => set({ asset: e.target.value })} data-testid="levels-asset">
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id} · {formatUsd(c.collateralUsd)} collateral
              </option>
            ))}
          </select>
        </label>
        <label>
          Bins{' '}
          <select value={levels.binWidth} onChange={(e) => set({ binWidth: Number(e.target.value) })}>
            {[0.01, 0.02, 0.05].map((w) => (
              <option key={w} value={w}>
                {formatPercent(w, 0)}
              </option>
            ))}
          </select>
        </label>
        <div className="segmented" role="radiogroup" aria-label="Per bin or cumulative">
          <button type="button" role="radio" aria-checked={!levels.cumulative} className={!levels.cumulative ? 'on' : ''} onClick={() => set({ cumulative: false })}>
            Per bin
          </button>
          <button type="button" role="radio" aria-checked={levels.cumulative} className={levels.cumulative ? 'on' : ''} onClick={() => set({ cumulative: true })} data-testid="levels-cumulative">
            Cumulative
          </button>
        </div>
        <div className="segmented" role="radiogroup" aria-label="Unit">
          <button type="button" role="radio" aria-checked={levels.unit === 'usd'} className={levels.unit === 'usd' ? 'on' : ''} onClick={() => set({ unit: 'usd' })}>
            USD
          </button>
          <button type="button" role="radio" aria-checked={levels.unit === 'units'} className={levels.unit === 'units' ? 'on' : ''} onClick={() => set({ unit: 'units' })} data-testid="levels-units">
            {asset ?? 'units'}
          </button>
        </div>
      </div>
      {error !== null ? <p className="inline-error">{error}</p> : null}
      <ChartCard
        id="levels"
        title={`${asset ?? '—'}: collateral liquidatable by price fall`}
        unit={`${levels.unit === 'usd' ? 'USD at today’s price' : `units of ${asset ?? 'the asset'}`}${levels.cumulative ? ', cumulative' : ', per bin'} · stacked by venue`}
        option={candidates.length === 0 ? null : option}
        placeholder={candidates.length === 0 ? 'No position in this workspace posts collateral.' : undefined}
        height={400}
      />
      {shown === null ? null : (
        <section className="card level-marks" aria-label="Liquidatable at round falls">
          <h2>Liquidatable at a fall of at most…</h2>
          <div className="kpis">
            {marks.map(({ m, total }) => (
              <article key={m} className="kpi">
                <h3 className="kpi-label">−{formatPercent(m, 0)}</h3>
                <p className="kpi-unit">USD at {formatPrice(shown.price * (1 - m))}</p>
                <p className="kpi-value">{formatUsd(total)}</p>
                <p className="kpi-note">cumulative, all venues</p>
              </article>
            ))}
          </div>
          <p className="muted small">
            Not reached by a fall of up to 90%: {formatUsd(shown.beyondUsd)}. Borrowed against the same asset (a fall does not change their health): {formatUsd(shown.unaffectedUsd)}. Positions that
            are liquidatable already are in the 0% bin. Shorts (collateral in another asset, debt in {shown.asset}) are liquidated by a rise, not shown here.
          </p>
        </section>
      )}
    </div>
  );
}
