import type { Simulation } from '../sim/simulation';
import type { RunSteps } from './compare-types';

/**
 * A run's per-step aggregates (MODEL §6): liquidations, bad debt, new defaults and the loss so far,
 * summed over venues and nodes. The last step's `lossUsd` is the summary's `total_loss_usd`.
 */
export function runSteps(runId: string, sim: Simulation): RunSteps {
  const T = sim.stepsRun;
  const r = sim.recorder;
  const liquidatedUsd = new Array<number>(T).fill(0);
  const liquidations = new Array<number>(T).fill(0);
  const badDebtUsd = new Array<number>(T).fill(0);
  const defaults = new Array<number>(T).fill(0);
  const lossUsd = new Array<number>(T).fill(0);

  const vStep = r.venues.step.view();
  const vRepaid = r.venues.repaid_usd.view();
  const vCount = r.venues.liquidations.view();
  const vBad = r.venues.bad_debt_usd.view();
  for (let k = 0; k < vStep.length; k++) {
    const t = vStep[k] as number;
    liquidatedUsd[t] = (liquidatedUsd[t] as number) + (vRepaid[k] as number);
    liquidations[t] = (liquidations[t] as number) + (vCount[k] as number);
    badDebtUsd[t] = (badDebtUsd[t] as number) + (vBad[k] as number);
  }

  const d = sim.s.defaultStep;
  for (let i = 0; i < d.length; i++) {
    const t = d[i] as number;
    if (t >= 0 && t < T) defaults[t] = (defaults[t] as number) + 1;
  }

  const start = sim.start.equity;
  const nStep = r.nodes.step.view();
  const nNode = r.nodes.node.view();
  const equity = r.nodes.equity_usd.view();
  for (let k = 0; k < nStep.length; k++) {
    const lost = (start[nNode[k] as number] as number) - (equity[k] as number);
    if (lost > 0) {
      const t = nStep[k] as number;
      lossUsd[t] = (lossUsd[t] as number) + lost;
    }
  }
  return { runId, stepsRun: T, liquidatedUsd, liquidations, badDebtUsd, defaults, lossUsd };
}

/** Market price (USD per unit) of every asset per step, by asset id. */
export function marketPrices(sim: Simulation): Map<string, number[]> {
  const m = sim.cw.model;
  const r = sim.recorder;
  const T = sim.stepsRun;
  const series = m.assetIds.map(() => new Array<number>(T).fill(NaN));
  const step = r.prices.step.view();
  const asset = r.prices.asset.view();
  const price = r.prices.market_price.view();
  for (let k = 0; k < step.length; k++) (series[asset[k] as number] as number[])[step[k] as number] = price[k] as number;
  const out = new Map<string, number[]>();
  // Asset 0 is the model's numéraire (USD), which has no price row.
  for (let a = 1; a < m.assetIds.length; a++) out.set(m.assetIds[a] as string, series[a] as number[]);
  return out;
}
