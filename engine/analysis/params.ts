import type { Scenario, ScenarioEvent } from '../scenario/scenario';
import type { SimModel } from '../sim/model';
import { err, ok, type Result } from '../util/result';
import { ORACLE_FIELDS, overrideTargetProblem, withOverride, type OracleField, type OverrideTarget, type WorkspaceOverrides } from './overrides';

/** The fields of a scenario event a parameter may set; `length` sets `to` = from + length − 1. */
export type EventField = 'change' | 'factor' | 'price' | 'amount_usd' | 'fraction' | 'at' | 'from' | 'to' | 'length';

/**
 * One dimension of a sweep: a field of one or more events of the base scenario (the same value
 * set in each — a uniform crash of several assets), or a workspace value (applied as an override).
 * Written `event[0].change`, `event[0,1,2].change`, `oracle[cl-eth].delay_steps`,
 * `node[fund-x].external_assets_usd`, `asset[ETH].depth_usd`.
 */
export type Parameter = { kind: 'event'; events: number[]; field: EventField } | OverrideTarget;

const EVENT_FIELDS: Record<ScenarioEvent['type'], readonly EventField[]> = {
  price_shock: ['change', 'at'],
  depth_change: ['factor', 'at'],
  external_loss: ['amount_usd', 'fraction', 'at'],
  oracle_override: ['price', 'change', 'from', 'to', 'length'],
  oracle_freeze: ['from', 'to', 'length'],
  venue_outage: ['from', 'to', 'length'],
};

const INTEGER_FIELDS = new Set<string>(['at', 'from', 'to', 'length', 'delay_steps', 'heartbeat_steps']);

/** Values of integer fields (steps) are rounded to the nearest integer. */
export function isIntegerParameter(p: Parameter): boolean {
  return INTEGER_FIELDS.has(p.field);
}

export function parameterLabel(p: Parameter): string {
  return p.kind === 'event' ? `event[${p.events.join(',')}].${p.field}` : `${p.kind}[${p.id}].${p.field}`;
}

/** Parses `kind[id or indices].field` or the object form {event|events|oracle|node|asset, field}. */
export function parseParameter(raw: unknown): Result<Parameter, string> {
  if (typeof raw === 'string') {
    const m = /^(event|events|oracle|node|asset)\[([^\]]+)\]\.([a-z_]+)$/.exec(raw.trim());
    if (!m) return err(`parameter ${JSON.stringify(raw)}: expected event[<index>].<field>, event[<i>,<j>].<field>, oracle[<id>].<field>, node[<id>].external_assets_usd or asset[<id>].depth_usd`);
    const [, kind, inside, field] = m as unknown as [string, string, string, string];
    if (kind === 'event' || kind === 'events') return eventParameter(inside.split(',').map((s) => Number(s.trim())), field, raw);
    return targetParameter(kind, inside.trim(), field, raw);
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    const field = typeof o.field === 'string' ? o.field : '';
    if (o.event !== undefined || o.events !== undefined) {
      const list = o.events !== undefined ? o.events : [o.event];
      if (!Array.isArray(list)) return err('parameter.events: must be a list of event indices');
      return eventParameter(list.map((v) => (typeof v === 'number' ? v : NaN)), field, JSON.stringify(raw));
    }
    for (const kind of ['oracle', 'node', 'asset'] as const) {
      if (typeof o[kind] === 'string') return targetParameter(kind, o[kind] as string, field, JSON.stringify(raw));
    }
  }
  return err(`parameter ${JSON.stringify(raw)}: expected a string like "event[0].change" or an object {event, field}`);
}

function eventParameter(events: number[], field: string, text: string): Result<Parameter, string> {
  if (!events.length || events.some((i) => !Number.isInteger(i) || i < 0)) return err(`parameter ${text}: event indices must be integers ≥ 0`);
  const all: EventField[] = ['change', 'factor', 'price', 'amount_usd', 'fraction', 'at', 'from', 'to', 'length'];
  if (!(all as string[]).includes(field)) return err(`parameter ${text}: an event field must be one of ${all.join(', ')}`);
  return ok({ kind: 'event', events, field: field as EventField });
}

function targetParameter(kind: string, id: string, field: string, text: string): Result<Parameter, string> {
  if (kind === 'oracle') {
    if (!(ORACLE_FIELDS as readonly string[]).includes(field)) return err(`parameter ${text}: an oracle field must be one of ${ORACLE_FIELDS.join(', ')}`);
    return ok({ kind: 'oracle', id, field: field as OracleField });
  }
  if (kind === 'node') return field === 'external_assets_usd' ? ok({ kind: 'node', id, field }) : err(`parameter ${text}: a node's field is external_assets_usd`);
  return field === 'depth_usd' ? ok({ kind: 'asset', id, field }) : err(`parameter ${text}: an asset's field is depth_usd`);
}

/** Checks a parameter against the base scenario and the workspace. */
export function parameterProblem(p: Parameter, base: Scenario, m: SimModel): string | null {
  const label = parameterLabel(p);
  if (p.kind !== 'event') {
    const problem = overrideTargetProblem(p, m);
    return problem ? `parameter ${label}: ${problem}` : null;
  }
  for (const i of p.events) {
    const e = base.events[i];
    if (!e) return `parameter ${label}: the scenario has no event ${i} (it has ${base.events.length})`;
    if (!EVENT_FIELDS[e.type].includes(p.field)) return `parameter ${label}: event ${i} is a ${e.type}, whose fields are ${EVENT_FIELDS[e.type].join(', ')}`;
  }
  return null;
}

function isLength(p: Parameter): boolean {
  return p.kind === 'event' && p.field === 'length';
}

/** A scenario event with one field set (a copy); `amount_usd`/`fraction` and `price`/`change` replace each other. */
function setField(e: ScenarioEvent, field: EventField, v: number): ScenarioEvent {
  const c = { ...e } as Record<string, unknown>;
  if (field === 'length') c.to = (c.from as number) + v - 1;
  else c[field] = v;
  if (field === 'amount_usd') delete c.fraction;
  if (field === 'fraction') delete c.amount_usd;
  if (e.type === 'oracle_override' && field === 'price') delete c.change;
  if (e.type === 'oracle_override' && field === 'change') delete c.price;
  return c as unknown as ScenarioEvent;
}

/**
 * The scenario document and overrides at one point of a sweep: each parameter set to its value
 * (steps rounded). The document is re-validated by the caller, which reports a value out of range.
 */
export function applyParameters(base: Scenario, baseOverrides: WorkspaceOverrides, params: readonly Parameter[], values: readonly number[]): { scenario: Scenario; overrides: WorkspaceOverrides } {
  let events = base.events;
  let overrides = baseOverrides;
  // A length counts from the event's `from` at this point: set after every other field, whichever axis moves `from`.
  const order = params.map((_, k) => k).sort((a, b) => +isLength(params[a] as Parameter) - +isLength(params[b] as Parameter));
  order.forEach((k) => {
    const p = params[k] as Parameter;
    const raw = values[k] as number;
    const v = isIntegerParameter(p) ? Math.round(raw) : raw;
    if (p.kind === 'event') {
      events = events.map((e, i) => (p.events.includes(i) ? setField(e, p.field, v) : e));
    } else overrides = withOverride(overrides, p, v);
  });
  return { scenario: { ...base, events }, overrides };
}
