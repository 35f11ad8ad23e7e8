import type { Scenario, ScenarioEvent, ScenarioOptions } from '../scenario/scenario';

const usd = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const num = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

/** A fraction as a percentage without float noise: 0.3 → `30%`, 0.125 → `12.5%`. */
export function percent(fraction: number): string {
  return `${num.format(Number((Math.abs(fraction) * 100).toFixed(6)))}%`;
}

function steps(from: number, to: number): string {
  return from === to ? `At step ${from}` : `From step ${from} to step ${to}`;
}

/**
 * One scenario event (MODEL §2) as a plain-language sentence for the report's assumptions, e.g.
 * `At step 0, the fundamental price of ETH falls by 30% (× 0.7).` Steps are the scenario's own,
 * 0-based and inclusive; money in USD.
 */
export function describeEvent(e: ScenarioEvent): string {
  switch (e.type) {
    case 'price_shock':
      if (e.change === 0) return `At step ${e.at}, the fundamental price of ${e.asset} is shocked by 0% (no change).`;
      return `At step ${e.at}, the fundamental price of ${e.asset} ${e.change < 0 ? 'falls' : 'rises'} by ${percent(e.change)} (× ${num.format(1 + e.change)}).`;
    case 'depth_change':
      if (e.factor === 1) return `At step ${e.at}, the pool depth of ${e.asset} is multiplied by 1 (no change).`;
      return e.factor < 1
        ? `At step ${e.at}, ${percent(1 - e.factor)} of the pool depth of ${e.asset} is withdrawn (depth × ${num.format(e.factor)}): forced sales move its price more.`
        : `At step ${e.at}, the pool depth of ${e.asset} grows by ${percent(e.factor - 1)} (depth × ${num.format(e.factor)}).`;
    case 'oracle_freeze':
      return `${steps(e.from, e.to)}, oracle ${e.oracle} is frozen: it keeps reporting its last price whatever the market does.`;
    case 'oracle_override':
      if (e.price !== undefined) return `${steps(e.from, e.to)}, oracle ${e.oracle} reports ${usd.format(e.price)} USD whatever the market does (a manipulated or broken feed).`;
      if (e.change !== undefined && e.change !== 0) {
        return `${steps(e.from, e.to)}, oracle ${e.oracle} reports its honest price ${percent(e.change)} ${e.change < 0 ? 'too low' : 'too high'} (× ${num.format(1 + e.change)}; a manipulated or broken feed).`;
      }
      return `${steps(e.from, e.to)}, oracle ${e.oracle} is overridden with its honest price (no change).`;
    case 'venue_outage':
      return `${steps(e.from, e.to)}, venue ${e.venue} is down: it runs no liquidations.`;
    case 'external_loss':
      if (e.amount_usd !== undefined) return `At step ${e.at}, ${e.node} loses ${usd.format(e.amount_usd)} USD of its external assets (a hack, exploit or fraud), never below zero.`;
      return `At step ${e.at}, ${e.node} loses ${percent(e.fraction ?? 0)} of its external assets at that step (a hack, exploit or fraud).`;
  }
}

/** A short label for an event in a contagion path: `ETH −30%`, `bitnova outage`. */
export function eventLabel(e: ScenarioEvent): string {
  const signed = (x: number) => `${x < 0 ? '−' : '+'}${percent(x)}`;
  switch (e.type) {
    case 'price_shock':
      return `${e.asset} ${signed(e.change)}`;
    case 'depth_change':
      return `${e.asset} depth × ${num.format(e.factor)}`;
    case 'oracle_freeze':
      return `${e.oracle} frozen`;
    case 'oracle_override':
      return e.price !== undefined ? `${e.oracle} at ${usd.format(e.price)} USD` : `${e.oracle} ${signed(e.change ?? 0)}`;
    case 'venue_outage':
      return `${e.venue} outage`;
    case 'external_loss':
      return e.amount_usd !== undefined ? `${e.node} loses ${usd.format(e.amount_usd)} USD` : `${e.node} loses ${percent(e.fraction ?? 0)}`;
  }
}

export interface OptionText {
  name: keyof ScenarioOptions;
  value: boolean | number;
  text: string;
}

/** The scenario's options (MODEL §2) in plain language, in a fixed order. */
export function describeOptions(o: ScenarioOptions): OptionText[] {
  return [
    {
      name: 'fire_sale_on_default',
      value: o.fire_sale_on_default,
      text: o.fire_sale_on_default ? 'A node that defaults sells all its token holdings into the pools (fire sale).' : 'A node that defaults keeps its token holdings (no fire sales).',
    },
    {
      name: 'halt_venue_on_default',
      value: o.halt_venue_on_default,
      text: o.halt_venue_on_default ? 'A venue that defaults runs no more liquidations from the next step.' : 'A venue that defaults keeps running liquidations.',
    },
    {
      name: 'liquidator_profit_check',
      value: o.liquidator_profit_check,
      text: o.liquidator_profit_check
        ? 'Liquidators act only when the collateral they seize is worth at least the debt they repay at market prices.'
        : 'Every unhealthy position is liquidated, even at a loss to the liquidator.',
    },
    {
      name: 'max_iterations_clearing',
      value: o.max_iterations_clearing,
      text: `The clearing of obligations (Eisenberg–Noe) iterates at most ${num.format(o.max_iterations_clearing)} times per step.`,
    },
    { name: 'tolerance', value: o.tolerance, text: `Numerical tolerance ${o.tolerance} (for defaults, the clearing and the fixed point).` },
  ];
}

/** The horizon of a scenario in plain language. */
export function describeHorizon(s: Pick<Scenario, 'steps'>): string {
  return `The run lasts at most ${s.steps} step${s.steps === 1 ? '' : 's'} (0 to ${s.steps - 1}); it stops earlier when nothing moves any more (a fixed point).`;
}
