import type { Universe } from './universe';

/** A scenario document as written to scenario.json (MODEL §2). */
export interface ScenarioDoc {
  name: string;
  description: string;
  steps: number;
  events: Record<string, string | number>[];
  notes: { step: number; text: string }[];
}

/**
 * The benchmark scenario: majors fall 30% at once, the lending pools' ETH and stETH oracle stalls
 * for three steps (then reports a step late), and CEX A's liquidation engine is down for four
 * steps. Liquidations at the lending pools wait for the oracle; CEX A's margin book falls
 * through its collateral while it is down; leveraged funds and a thin lending desk default.
 */
export function benchmarkScenario(u: Universe): ScenarioDoc {
  const majors = u.assets.filter((a) => a.cls === 'major' || a.cls === 'lst' || a.cls === 'wrapped').map((a) => a.id);
  return {
    name: 'Flash crash: majors -30%, stalled oracle, CEX A outage',
    description:
      'Every major token (ETH, BTC, SOL, stETH, wBTC) falls 30% in one step. The lending pools read ETH and stETH through a feed that stalls for three steps, so their liquidations start late and all at once; CEX A runs no liquidations for four steps. Forced selling then moves the pools further.',
    steps: 40,
    events: [
      ...majors.map((asset) => ({ type: 'price_shock', asset, change: -0.3, at: 0 })),
      { type: 'oracle_freeze', oracle: 'cl-eth', from: 0, to: 2 },
      { type: 'oracle_freeze', oracle: 'cl-steth', from: 0, to: 2 },
      { type: 'venue_outage', venue: 'cex-a', from: 0, to: 3 },
    ],
    notes: [
      { step: 0, text: 'Majors gap down 30%. Perp and CEX B liquidations start at once; the pools still see the old ETH price.' },
      { step: 3, text: 'The ETH feed resumes: a backlog of pool liquidations hits thin pools in one step.' },
      { step: 4, text: "CEX A's liquidation engine is back; positions that fell through their collateral leave bad debt." },
    ],
  };
}
