/** The most steps a scenario may run. */
export const MAX_STEPS = 100_000;

/** A scenario (MODEL §2): what happens, step by step, to a workspace. Steps are 0-based. */
export interface Scenario {
  name: string;
  description: string;
  /** Horizon T: steps 0 … T−1 are run at most. */
  steps: number;
  events: ScenarioEvent[];
  options: ScenarioOptions;
  /** Storyboard notes tied to steps (shown in presentation mode; not used by the engine). */
  notes?: { step: number; text: string }[];
}

export type ScenarioEvent =
  | { type: 'price_shock'; asset: string; change: number; at: number }
  | { type: 'depth_change'; asset: string; factor: number; at: number }
  | { type: 'oracle_freeze'; oracle: string; from: number; to: number }
  | { type: 'oracle_override'; oracle: string; price?: number; change?: number; from: number; to: number }
  | { type: 'venue_outage'; venue: string; from: number; to: number }
  | { type: 'external_loss'; node: string; amount_usd?: number; fraction?: number; at: number };

export type EventType = ScenarioEvent['type'];

export const EVENT_TYPES: readonly EventType[] = [
  'price_shock',
  'depth_change',
  'oracle_freeze',
  'oracle_override',
  'venue_outage',
  'external_loss',
];

export interface ScenarioOptions {
  fire_sale_on_default: boolean;
  halt_venue_on_default: boolean;
  liquidator_profit_check: boolean;
  max_iterations_clearing: number;
  tolerance: number;
}

export const DEFAULT_OPTIONS: Readonly<ScenarioOptions> = {
  fire_sale_on_default: true,
  halt_venue_on_default: true,
  liquidator_profit_check: true,
  max_iterations_clearing: 10_000,
  tolerance: 1e-9,
};

export const DEFAULT_STEPS = 50;

/** The first step an event acts in. */
export function eventStart(e: ScenarioEvent): number {
  return 'at' in e ? e.at : e.from;
}

/** The last step an event acts in. */
export function eventEnd(e: ScenarioEvent): number {
  return 'at' in e ? e.at : e.to;
}
