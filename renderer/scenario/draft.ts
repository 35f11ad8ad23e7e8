import type { EventType } from '../../engine/scenario/scenario';

/** A value as typed: a number when it reads as one, else the text itself (the engine names the problem). */
export type FieldValue = number | string | undefined;

/** An event being edited: its type and whatever fields the form holds (MODEL §2). */
export interface EventDraft {
  type: EventType;
  [field: string]: FieldValue;
}

/** A scenario being edited. It is sent to the engine as is; the engine validates it. */
export interface ScenarioDoc {
  name: string;
  description: string;
  steps: FieldValue;
  events: EventDraft[];
  options: Record<string, boolean | number>;
  notes: { step: number; text: string }[];
}

const EVENT_TYPES: readonly string[] = ['price_shock', 'depth_change', 'oracle_freeze', 'oracle_override', 'venue_outage', 'external_loss'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fieldValue(v: unknown): FieldValue {
  if (typeof v === 'number' || typeof v === 'string') return v;
  return v === undefined || v === null ? undefined : JSON.stringify(v);
}

/**
 * A scenario document read from a file, kept as close to the file as the form can hold: unknown
 * event types and odd values stay, so the engine can say what is wrong with them.
 */
/**
 * What keeps a scenario file from being read as one, or null: events that are not a list, or an
 * event whose type is missing or unknown (a draft has no way to show it: read as a price shock,
 * a typo would run as one).
 */
export function unreadableScenario(raw: unknown): string | null {
  if (!isObj(raw)) return 'it is not a JSON object';
  if (raw.events === undefined) return null;
  if (!Array.isArray(raw.events)) return '"events" is not a list';
  for (let i = 0; i < raw.events.length; i++) {
    const e: unknown = raw.events[i];
    const type = isObj(e) ? e.type : undefined;
    if (typeof type === 'string' && EVENT_TYPES.includes(type)) continue;
    const got = !isObj(e) ? 'is not an object' : type === undefined ? 'has no type' : `has type ${JSON.stringify(type)}`;
    return `event ${i + 1} (events[${i}]) ${got}; the event types are ${EVENT_TYPES.join(', ')}`;
  }
  return null;
}

export function docFromJson(raw: unknown, fallbackName: string): ScenarioDoc {
  const o = isObj(raw) ? raw : {};
  const events: EventDraft[] = (Array.isArray(o.events) ? o.events : []).map((e: unknown) => {
    const src = isObj(e) ? e : {};
    const type = typeof src.type === 'string' && EVENT_TYPES.includes(src.type) ? (src.type as EventType) : 'price_shock';
    const out: EventDraft = { type };
    for (const [k, v] of Object.entries(src)) if (k !== 'type') out[k] = fieldValue(v);
    return out;
  });
  const options: Record<string, boolean | number> = {};
  if (isObj(o.options)) for (const [k, v] of Object.entries(o.options)) if (typeof v === 'boolean' || typeof v === 'number') options[k] = v;
  const notes = Array.isArray(o.notes)
    ? o.notes.flatMap((n: unknown) => (isObj(n) && typeof n.step === 'number' && typeof n.text === 'string' ? [{ step: n.step, text: n.text }] : []))
    : [];
  return {
    name: typeof o.name === 'string' && o.name.trim() !== '' ? o.name : fallbackName,
    description: typeof o.description === 'string' ? o.description : '',
    steps: o.steps === undefined ? 50 : fieldValue(o.steps),
    events,
    options,
    notes,
  };
}

/** The document the engine validates and runs (MODEL §2 field names; empty fields left out). */
export function docToJson(doc: ScenarioDoc): Record<string, unknown> {
  const events = doc.events.map((e) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) if (v !== undefined && v !== '') out[k] = v;
    return out;
  });
  const json: Record<string, unknown> = { name: doc.name, description: doc.description, steps: doc.steps, events, options: doc.options };
  if (doc.notes.length > 0) json.notes = doc.notes;
  return json;
}

/** Reads what a user typed in a number field: a number when it is one, else the text as typed. */
export function parseField(text: string): FieldValue {
  const t = text.trim().replace(/^−/, '-').replace(/[\s_]/g, '');
  if (t === '') return undefined;
  // "0,35" is a decimal comma; "1,000" and "1,000.5" have thousands separators.
  const plain = /^-?\d+,\d{1,2}$/.test(t) ? t.replace(',', '.') : t.replace(/,/g, '');
  // Decimal notation only: Number() also reads "0x10", "0b11" and "0o7", which nobody means as a shock.
  if (!DECIMAL.test(plain)) return text;
  const n = Number(plain);
  return Number.isFinite(n) ? n : text;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
