import { err, ok, type Result } from '../util/result';
import { shown } from '../util/shown';
import { MAX_MAGNITUDE } from '../util/magnitude';
import { rangeProblems, type AssetScale } from './range';
import { MAX_STEPS } from './scenario';
import {
  DEFAULT_OPTIONS,
  DEFAULT_STEPS,
  EVENT_TYPES,
  type EventType,
  type Scenario,
  type ScenarioEvent,
  type ScenarioOptions,
} from './scenario';

/** One thing wrong with a scenario: which event (index into `events`, null for the document) and field. */
export interface ScenarioProblem {
  index: number | null;
  field: string | null;
  message: string;
}

/** The ids a scenario may name, taken from the workspace. */
export interface ScenarioIds {
  assets: ReadonlySet<string>;
  nodes: ReadonlySet<string>;
  venues: ReadonlySet<string>;
  oracles: ReadonlySet<string>;
  /** Each asset's starting price and pool reserve: with them, events that compound beyond the engine's range are refused. */
  scale?: ReadonlyMap<string, AssetScale>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const FIELDS: Record<EventType, readonly string[]> = {
  price_shock: ['type', 'asset', 'change', 'at'],
  depth_change: ['type', 'asset', 'factor', 'at'],
  oracle_freeze: ['type', 'oracle', 'from', 'to'],
  oracle_override: ['type', 'oracle', 'price', 'change', 'from', 'to'],
  venue_outage: ['type', 'venue', 'from', 'to'],
  external_loss: ['type', 'node', 'amount_usd', 'fraction', 'at'],
};

/**
 * Validates a scenario document (MODEL §2) against a workspace's ids. Every problem is listed
 * with the event's index and field; defaults are filled in the returned scenario.
 */
export function validateScenario(input: unknown, ids: ScenarioIds): Result<Scenario, ScenarioProblem[]> {
  const problems: ScenarioProblem[] = [];
  const doc = (index: number | null, field: string | null, message: string): void => {
    problems.push({ index, field, message });
  };
  if (!isObj(input)) return err([{ index: null, field: null, message: 'a scenario must be a JSON object' }]);

  const name = input.name === undefined ? 'Untitled scenario' : input.name;
  if (typeof name !== 'string') doc(null, 'name', 'must be a string');
  const description = input.description === undefined ? '' : input.description;
  if (typeof description !== 'string') doc(null, 'description', 'must be a string');

  let steps = DEFAULT_STEPS;
  if (input.steps !== undefined) {
    if (typeof input.steps !== 'number' || !Number.isInteger(input.steps) || input.steps < 1) {
      doc(null, 'steps', `must be an integer ≥ 1, got ${shown(input.steps)}`);
    } else if (input.steps > MAX_STEPS) {
      doc(null, 'steps', `must be at most ${MAX_STEPS}, got ${input.steps}`);
    } else steps = input.steps;
  }

  const options = readOptions(input.options, doc);

  const events: ScenarioEvent[] = [];
  const rawEvents = input.events === undefined ? [] : input.events;
  if (!Array.isArray(rawEvents)) doc(null, 'events', 'must be a list of events');
  else rawEvents.forEach((raw: unknown, i) => {
    const before = problems.length;
    const e = readEvent(raw, i, steps, ids, doc);
    if (problems.length > before) return;
    if (e) events.push(e);
  });

  let notes: { step: number; text: string }[] | undefined;
  if (input.notes !== undefined) {
    if (!Array.isArray(input.notes)) doc(null, 'notes', 'must be a list of {step, text}');
    else {
      notes = [];
      input.notes.forEach((n: unknown, i) => {
        if (!isObj(n) || typeof n.text !== 'string') doc(null, `notes[${i}]`, `must be {step: 0…${steps - 1}, text: string}`);
        else if (!isStep(n.step, steps)) {
          const after = typeof n.step === 'number' && Number.isInteger(n.step) && n.step >= steps;
          doc(null, `notes[${i}]`, after ? `note ${i + 1} is at step ${n.step}, after the last step (${steps - 1}): move it, or give the scenario more steps` : `note ${i + 1}: its step must be a whole step from 0 to ${steps - 1}, got ${shown(n.step)}`);
        } else notes?.push({ step: n.step as number, text: n.text });
      });
    }
  }

  if (problems.length === 0 && ids.scale) for (const p of rangeProblems(events, ids.scale)) doc(p.index, p.field, p.message);
  if (problems.length > 0) return err(problems);
  const scenario: Scenario = { name: name as string, description: description as string, steps, events, options };
  if (notes) scenario.notes = notes;
  return ok(scenario);
}

function readOptions(raw: unknown, doc: (i: number | null, f: string | null, m: string) => void): ScenarioOptions {
  const o: ScenarioOptions = { ...DEFAULT_OPTIONS };
  if (raw === undefined) return o;
  if (!isObj(raw)) {
    doc(null, 'options', 'must be an object');
    return o;
  }
  for (const [k, v] of Object.entries(raw)) {
    switch (k) {
      case 'fire_sale_on_default':
      case 'halt_venue_on_default':
      case 'liquidator_profit_check':
        if (typeof v !== 'boolean') doc(null, `options.${k}`, `must be true or false, got ${shown(v)}`);
        else o[k] = v;
        break;
      case 'max_iterations_clearing':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) doc(null, `options.${k}`, `must be an integer ≥ 1, got ${shown(v)}`);
        else o[k] = v;
        break;
      case 'tolerance':
        if (typeof v !== 'number' || !(v > 0) || v >= 1) doc(null, `options.${k}`, `must be a number with 0 < tolerance < 1, got ${shown(v)}`);
        else o[k] = v;
        break;
      default:
        doc(null, `options.${k}`, 'is not a known option');
    }
  }
  return o;
}

function readEvent(
  raw: unknown,
  i: number,
  steps: number,
  ids: ScenarioIds,
  doc: (i: number | null, f: string | null, m: string) => void,
): ScenarioEvent | null {
  if (!isObj(raw)) {
    doc(i, null, 'an event must be an object');
    return null;
  }
  const type = raw.type;
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
    doc(i, 'type', `must be one of ${EVENT_TYPES.join(', ')}, got ${shown(type)}`);
    return null;
  }
  const t = type as EventType;
  for (const k of Object.keys(raw)) if (!FIELDS[t].includes(k)) doc(i, k, `is not a field of ${t}`);

  const step = (f: string): number => {
    const v = raw[f];
    if (!isStep(v, steps)) doc(i, f, `must be a step from 0 to ${steps - 1}, got ${shown(v)}`);
    return v as number;
  };
  const number = (f: string, ok: (v: number) => boolean, rule: string): number => {
    const v = raw[f];
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) doc(i, f, `must be ${rule}, got ${shown(v)}`);
    return v as number;
  };
  const id = (f: string, set: ReadonlySet<string>, what: string): string => {
    const v = raw[f];
    if (typeof v !== 'string' || v.trim() === '') doc(i, f, `must name ${what}`);
    else if (!set.has(v.trim())) doc(i, f, `names an unknown ${what}: ${shown(v)}`);
    return typeof v === 'string' ? v.trim() : '';
  };
  const asset = (f: string): string => {
    const a = id(f, ids.assets, 'asset');
    if (a === 'USD') doc(i, f, 'USD is the numéraire: it is never shocked and has no pool');
    return a;
  };
  const range = (): { from: number; to: number } => {
    const from = step('from');
    const to = step('to');
    if (isStep(from, steps) && isStep(to, steps) && to < from) doc(i, 'to', `must not be before from (${from}), got ${to}`);
    return { from, to };
  };

  let e: ScenarioEvent;
  switch (t) {
    case 'price_shock':
      e = { type: t, asset: asset('asset'), change: number('change', (v) => v > -1, 'a number > −1'), at: step('at') };
      break;
    case 'depth_change':
      e = { type: t, asset: asset('asset'), factor: number('factor', (v) => v > 0, 'a number > 0'), at: step('at') };
      break;
    case 'oracle_freeze':
      e = { type: t, oracle: id('oracle', ids.oracles, 'oracle'), ...range() };
      break;
    case 'oracle_override': {
      const oracle = id('oracle', ids.oracles, 'oracle');
      const hasPrice = raw.price !== undefined;
      const hasChange = raw.change !== undefined;
      if (hasPrice === hasChange) doc(i, hasPrice ? 'change' : 'price', 'give exactly one of price or change');
      e = { type: t, oracle, ...range() };
      if (hasPrice) e.price = number('price', (v) => v > 0 && v <= MAX_MAGNITUDE, `a price > 0 and ≤ ${MAX_MAGNITUDE}`);
      if (hasChange) e.change = number('change', (v) => v > -1, 'a number > −1');
      break;
    }
    case 'venue_outage': {
      const v = raw.venue;
      const entity = typeof v === 'string' && !ids.venues.has(v.trim()) && ids.nodes.has(v.trim());
      if (entity) doc(i, 'venue', `names ${shown(v)}, an entity: only a venue (a lender, an exchange) runs liquidations to stop`);
      e = { type: t, venue: entity ? (v as string).trim() : id('venue', ids.venues, 'venue'), ...range() };
      break;
    }
    case 'external_loss': {
      const node = id('node', ids.nodes, 'node');
      const hasAmount = raw.amount_usd !== undefined;
      const hasFraction = raw.fraction !== undefined;
      if (hasAmount === hasFraction) doc(i, hasAmount ? 'fraction' : 'amount_usd', 'give exactly one of amount_usd or fraction');
      e = { type: t, node, at: step('at') };
      if (hasAmount) e.amount_usd = number('amount_usd', (v) => v >= 0, 'an amount ≥ 0');
      if (hasFraction) e.fraction = number('fraction', (v) => v >= 0 && v <= 1, 'a fraction from 0 to 1');
      break;
    }
  }
  return e;
}

function isStep(v: unknown, steps: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < steps;
}
