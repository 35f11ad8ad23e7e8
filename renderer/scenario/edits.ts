import type { EventType } from '../../engine/scenario/scenario';
import type { EventDraft, FieldValue, ScenarioDoc } from './draft';
import { newEvent } from './event-specs';

/** Pure edits of a scenario draft (the store keeps each result as one undo step). */

export function setEventField(doc: ScenarioDoc, i: number, field: string, value: FieldValue): ScenarioDoc {
  const e = doc.events[i];
  if (!e || e[field] === value) return doc;
  const next: EventDraft = { ...e, [field]: value };
  if (value === undefined) delete next[field];
  return { ...doc, events: doc.events.map((x, k) => (k === i ? next : x)) };
}

/** Gives an event another type: a fresh event of that type on the same target kind and step where they match. */
export function setEventType(doc: ScenarioDoc, i: number, type: EventType, ids: Parameters<typeof newEvent>[1]): ScenarioDoc {
  const e = doc.events[i];
  if (!e || e.type === type) return doc;
  const fresh = newEvent(type, ids);
  const start = e.at ?? e.from;
  if ('at' in fresh && start !== undefined) fresh.at = start;
  if ('from' in fresh && start !== undefined) {
    fresh.from = start;
    fresh.to = e.to ?? (typeof start === 'number' ? start + 2 : start);
  }
  if ('asset' in fresh && typeof e.asset === 'string' && e.asset !== '') fresh.asset = e.asset;
  return { ...doc, events: doc.events.map((x, k) => (k === i ? fresh : x)) };
}

/** Makes one of two alternative fields (price or change; amount or share) the one given. */
export function chooseAlternative(doc: ScenarioDoc, i: number, keep: string, drop: string, value: FieldValue): ScenarioDoc {
  const e = doc.events[i];
  if (!e) return doc;
  const next: EventDraft = { ...e, [keep]: value };
  delete next[drop];
  return { ...doc, events: doc.events.map((x, k) => (k === i ? next : x)) };
}

export function moveEvent(doc: ScenarioDoc, i: number, by: number): ScenarioDoc {
  const j = i + by;
  if (j < 0 || j >= doc.events.length || i < 0 || i >= doc.events.length) return doc;
  const events = doc.events.slice();
  const [e] = events.splice(i, 1);
  events.splice(j, 0, e as EventDraft);
  return { ...doc, events };
}

export function duplicateEvent(doc: ScenarioDoc, i: number): ScenarioDoc {
  const e = doc.events[i];
  if (!e) return doc;
  const events = doc.events.slice();
  events.splice(i + 1, 0, { ...e });
  return { ...doc, events };
}

export function removeEvent(doc: ScenarioDoc, i: number): ScenarioDoc {
  return i < 0 || i >= doc.events.length ? doc : { ...doc, events: doc.events.filter((_, k) => k !== i) };
}

export function addEvents(doc: ScenarioDoc, events: EventDraft[]): ScenarioDoc {
  return events.length === 0 ? doc : { ...doc, events: [...doc.events, ...events] };
}

export function setDocField(doc: ScenarioDoc, field: 'name' | 'description' | 'steps', value: FieldValue): ScenarioDoc {
  return doc[field] === value ? doc : { ...doc, [field]: field === 'steps' ? value : String(value ?? '') };
}

export function setOption(doc: ScenarioDoc, option: string, value: boolean | number | undefined): ScenarioDoc {
  if (doc.options[option] === value) return doc;
  const options = { ...doc.options };
  if (value === undefined) delete options[option];
  else options[option] = value;
  return { ...doc, options };
}

/** A copy under a new name ("… (copy)", "… (copy 2)", …) not yet taken. */
export function copyName(name: string, taken: readonly string[]): string {
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '');
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!taken.includes(candidate)) return candidate;
  }
}
