import { KIND_SYMBOLS, STATE_COLORS, STATE_NAMES } from '../charts/options/network';
import { formatUsd } from '../format';

const SHAPES: Record<(typeof KIND_SYMBOLS)[number], string> = {
  circle: 'M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16z',
  roundRect: 'M6 5h12a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z',
  diamond: 'M12 3l9 9-9 9-9-9z',
  triangle: 'M12 4l9 16H3z',
  pin: 'M12 3a6 6 0 0 1 6 6c0 5-6 12-6 12S6 14 6 9a6 6 0 0 1 6-6z',
};
const KINDS = ['entity', 'venue', 'asset', 'oracle', 'event'] as const;

/** The network's absolute legend: what each colour and shape means and how wide an edge is. */
export function NetworkLegend({ stressShare, step, maxEdgeUsd }: { stressShare: number; step: number; maxEdgeUsd: number }) {
  const notes = [`equity up to ${Math.round(stressShare * 100)}% down (assets: price; oracles: off the market)`, `equity down more than ${Math.round(stressShare * 100)}%`, 'in default (absorbing)', 'scenario event, not yet', 'scenario event, happened'];
  return (
    <div className="network-legend" aria-label="Legend" data-testid="network-legend">
      <ul>
        {STATE_NAMES.map((name, s) => (
          <li key={name} title={notes[s]}>
            <span className="swatch" style={{ background: STATE_COLORS[s] }} />
            {name}
          </li>
        ))}
      </ul>
      <ul>
        {KINDS.map((k, i) => (
          <li key={k}>
            <svg width={14} height={14} viewBox="0 0 24 24" aria-hidden="true">
              <path d={SHAPES[KIND_SYMBOLS[i] as (typeof KIND_SYMBOLS)[number]]} fill="currentColor" />
            </svg>
            {k}
          </li>
        ))}
      </ul>
      <p className="muted">
        Edge width: loss that flowed along it up to step {step} (widest {maxEdgeUsd > 0 ? formatUsd(maxEdgeUsd) : '—'} over the run). Size: the node’s book at the start.
      </p>
    </div>
  );
}
