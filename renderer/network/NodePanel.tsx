import { useEffect, useMemo, useRef, useState } from 'react';
import type { ContagionPath } from '../../engine/view/network-types';
import type { NodeSeries } from '../../engine/view/view-types';
import { useApp } from '../app-context';
import { nodeCausesOption, nodeEquityOption } from '../charts/options/node-equity';
import type { ChartTheme } from '../charts/palette';
import { ChartCard } from '../components/ChartCard';
import { formatUsd, formatUsdFull } from '../format';
import { modalOpen } from '../components/modal-open';

interface Props {
  runId: string;
  node: string;
  path: ContagionPath | null;
  pathError: string | null;
  theme: ChartTheme;
  asOf: string;
  pinned: boolean;
  onUnpin(): void;
  onClose(): void;
}

const CHANNEL_WORDS: Record<string, string> = {
  counterparty: 'unpaid obligation',
  market: 'price move',
  liquidation: 'liquidation bonus',
  bad_debt: 'bad debt',
  exogenous: 'scenario event',
  price: 'moved the price',
  trigger: 'set off liquidations',
};

/** The clicked node: its contagion path hop by hop, its balance sheet over time and its losses by channel and cause. */
export function NodePanel({ runId, node, path, pathError, theme, asOf, pinned, onUnpin, onClose }: Props) {
  const { engine } = useApp();
  const [loaded, setSeries] = useState<NodeSeries | 'none' | null>(null);
  // Esc closes the panel, as it closes the app's other overlays (not from inside a dialog over it).
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || modalOpen()) return;
      close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const series = loaded === 'none' || loaded?.node !== node ? null : loaded;
  const isNode = series !== null;
  useEffect(() => {
    let live = true;
    setSeries(null);
    void engine.request('view.nodeSeries', { runId, node }).then((r) => live && setSeries(r.ok ? r.value : 'none'));
    return () => {
      live = false;
    };
  }, [engine, runId, node]);
  const read = useMemo(() => {
    const label = new Map(path === null ? [] : path.vertices.map((v, i) => [v, path.labels[i] ?? v]));
    return (id: string) => label.get(id) ?? id;
  }, [path]);
  const options = useMemo(
    () => (isNode && series !== null ? { equity: nodeEquityOption(series, theme, asOf, { compact: true }), causes: nodeCausesOption(series, theme, asOf, { compact: true }) } : null),
    [isNode, series, theme, asOf],
  );
  // One row per cause: the chart grows with them instead of squeezing the bars.
  const causesHeight = Math.max(200, Math.min(380, 96 + 24 * (series?.byCause.length ?? 4)));

  return (
    <aside className="node-panel" aria-label={`Node ${node}`} data-testid="node-panel">
      <header className="node-panel-head">
        <h2 title={node}>{node}</h2>
        {pinned ? (
          <button type="button" className="link-button" onClick={onUnpin} title="Let the layout place it again">
            unpin
          </button>
        ) : null}
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {isNode && series !== null ? (
        <p className="node-panel-facts">
          {series.kind} · equity at start <b title={formatUsdFull(series.equityStartUsd)}>{formatUsd(series.equityStartUsd)}</b>
          {series.defaultStep !== null ? (
            <>
              {' '}
              · <span className="danger-text">defaulted at step {series.defaultStep}</span>
            </>
          ) : null}
        </p>
      ) : null}
      <section aria-label="Contagion path" data-testid="path-list">
        <h3>Contagion path{path !== null ? ` (as of step ${path.step})` : ''}</h3>
        {pathError !== null ? <p className="muted">{pathError}</p> : null}
        {path !== null && path.hops.length === 0 ? <p className="muted">Nothing reached {node} up to this step.</p> : null}
        {path !== null && path.hops.length > 0 ? (
          <ol className="path-hops">
            {path.hops.map((h, i) => (
              <li key={`${h.from}-${h.to}-${i}`} data-testid="path-hop">
                <span className="hop-from">{read(h.from)}</span> → <span className="hop-to">{read(h.to)}</span>
                <span className="hop-amount" title={formatUsdFull(h.amountUsd)}>
                  {formatUsd(h.amountUsd)}
                </span>
                <span className="hop-how muted">
                  {CHANNEL_WORDS[h.channel] ?? h.channel}, step {h.step}
                </span>
              </li>
            ))}
          </ol>
        ) : null}
      </section>
      {loaded !== 'none' ? (
        <>
          <ChartCard id="node-balance" title="Balance sheet over time" unit="USD by step · equity (top), loss by channel (bottom)" option={options?.equity ?? null} height={300} />
          <ChartCard id="node-losses" title="Losses by cause" unit="USD over the run, by cause and channel" option={options?.causes ?? null} height={causesHeight} />
        </>
      ) : (
        <p className="muted">{node} is not an entity or venue: no balance sheet.</p>
      )}
    </aside>
  );
}
