import { useEffect, useRef, useState } from 'react';
import type { ScenarioDoc } from '../scenario/draft';
import { formatPercent } from '../format';
import { quickShockOf } from '../workflows/run-flow';

/** Keys repeat: wait this long after the last one. A pointer release runs at once. */
const KEY_DEBOUNCE_MS = 150;

interface Props {
  assets: string[];
  /** The asset to start on: the scenario's first shocked asset, or the one with the most collateral. */
  preferred: string | null;
  doc: ScenarioDoc;
  /** The variant shown now, if any. */
  active: { asset: string; change: number } | null;
  onShock(asset: string, change: number): void;
  onReset(): void;
}

/**
 * One asset's step-0 shock from −50% to +50%: on release (pointer up at once, keys debounced) the
 * scenario is re-run with it — a run still going is cancelled — and the dashboard follows.
 */
export function QuickShock({ assets, preferred, doc, active, onShock, onReset }: Props) {
  const [asset, setAsset] = useState<string>(active?.asset ?? (preferred !== null && assets.includes(preferred) ? preferred : (assets[0] ?? '')));
  const base = quickShockOf(doc, asset);
  const [value, setValue] = useState<number>(active?.asset === asset ? active.change : base);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!assets.includes(asset) && assets[0] !== undefined) setAsset(assets[0]);
  }, [assets, asset]);
  useEffect(() => {
    setValue(active?.asset === asset ? active.change : quickShockOf(doc, asset));
  }, [asset, doc, active]);
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);

  const release = (v: number, wait: number) => {
    if (timer.current !== null) clearTimeout(timer.current);
    performance.mark('fb:quick-release');
    if (wait === 0) {
      timer.current = null;
      onShock(asset, v);
    } else timer.current = setTimeout(() => onShock(asset, v), wait);
  };

  return (
    <section className="quick-shock card" aria-label="Quick shock" data-testid="quick-shock">
      <label htmlFor="qs-asset" className="qs-title">
        Quick shock
      </label>
      <select id="qs-asset" value={asset} onChange={(e) => setAsset(e.target.value)} aria-label="Asset to shock">
        {assets.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
      <span className="qs-scale muted">−50%</span>
      <input
        type="range"
        min={-50}
        max={50}
        step={1}
        value={Math.round(value * 100)}
        aria-label={`${asset} price change at step 0, percent`}
        aria-valuetext={formatPercent(value, 0)}
        data-testid="quick-shock-slider"
        onChange={(e) => setValue(Number(e.target.value) / 100)}
        onPointerUp={(e) => release(Number((e.target as HTMLInputElement).value) / 100, 0)}
        onKeyUp={(e) => {
          if (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End' || e.key === 'PageUp' || e.key === 'PageDown') release(Number((e.target as HTMLInputElement).value) / 100, KEY_DEBOUNCE_MS);
        }}
      />
      <span className="qs-scale muted">+50%</span>
      <output className="qs-value" data-testid="quick-shock-value">
        {formatPercent(value, 0)}
      </output>
      <span className="muted small qs-note" title={`The scenario varied: ${doc.name}`}>
        {active === null ? `scenario: ${formatPercent(base, 0)} at step 0` : `showing ${active.asset} ${formatPercent(active.change, 0)} (scenario ${formatPercent(quickShockOf(doc, active.asset), 0)})`}
      </span>
      <button type="button" disabled={active === null} onClick={onReset}>
        Back to the scenario
      </button>
    </section>
  );
}
