import { memo } from 'react';
import type { EventType } from '../../engine/scenario/scenario';
import type { ScenarioProblem } from '../../engine/scenario/validate';
import type { WorkspaceIds } from '../../engine/view/view-types';
import type { EventDraft, FieldValue } from '../scenario/draft';
import { EVENT_ORDER, EVENT_SPECS, eventLine, type FieldSpec } from '../scenario/event-specs';
import { inPercent } from '../scenario/percent-message';
import { Icon } from './Icon';
import { IdField } from './IdField';
import { NumberField } from './NumberField';

/** What an event card asks of the list, by the event's index: one object for every card, the same from render to render. */
export interface EventActions {
  select(index: number): void;
  field(index: number, field: string, value: FieldValue): void;
  alternative(index: number, keep: string, drop: string, value: FieldValue): void;
  type(index: number, type: EventType): void;
  move(index: number, by: number): void;
  duplicate(index: number): void;
  remove(index: number): void;
}

interface Props {
  index: number;
  count: number;
  event: EventDraft;
  ids: WorkspaceIds | null;
  problems: readonly ScenarioProblem[];
  selected: boolean;
  actions: EventActions;
  /** In a windowed list: the card's offset from the list's top (px). */
  top?: number;
  /** What measures its height (in either form of the list). */
  measure?(el: HTMLLIElement | null): void;
}

function optionsFor(kind: FieldSpec['kind'], ids: WorkspaceIds | null): string[] {
  if (ids === null) return [];
  if (kind === 'asset') return ids.assets;
  if (kind === 'oracle') return ids.oracles.map((o) => o.id);
  if (kind === 'venue') return ids.venues;
  if (kind === 'node') return [...ids.venues, ...ids.entities];
  return [];
}

/**
 * One event of a scenario: its form (MODEL §2), the engine's verdict on each field, and its place
 * in the list. Drawn again only when its own props change: a keystroke in one card of a scenario
 * with thousands of events redraws that card, not the list.
 */
export const EventCard = memo(function EventCard(p: Props) {
  const a = p.actions;
  const windowed = p.top !== undefined;
  const onSelect = () => a.select(p.index);
  const spec = EVENT_SPECS[p.event.type];
  const errorOf = (field: string) => p.problems.filter((x) => x.field === field).map((x) => x.message).join('; ') || null;
  const known = new Set(spec.fields.map((f) => f.name).concat('type'));
  const general = p.problems.filter((x) => x.field === null || !known.has(x.field));
  const groups = new Map<string, FieldSpec[]>();
  for (const f of spec.fields) if (f.group) groups.set(f.group, [...(groups.get(f.group) ?? []), f]);
  const rendered = new Set<string>();

  const fieldOf = (f: FieldSpec, groupError?: string | null) => {
    const raw = groupError === undefined ? errorOf(f.name) : groupError;
    const error = raw !== null && f.kind === 'percent' ? inPercent(raw) : raw;
    const testId = `event-${p.index}-${f.name}`;
    if (f.kind === 'asset' || f.kind === 'oracle' || f.kind === 'venue' || f.kind === 'node') {
      return <IdField key={f.name} label={f.label} unit={f.unit} value={p.event[f.name]} options={optionsFor(f.kind, p.ids)} error={error} onChange={(v) => a.field(p.index, f.name, v)} testId={testId} />;
    }
    return <NumberField key={f.name} label={f.label} unit={f.unit} value={p.event[f.name]} percent={f.kind === 'percent'} error={error} help={f.help} onChange={(v) => a.field(p.index, f.name, v)} testId={testId} />;
  };

  const groupOf = (name: string, fields: FieldSpec[]) => {
    const given = fields.find((f) => p.event[f.name] !== undefined) ?? (fields[0] as FieldSpec);
    const other = fields.find((f) => f !== given) as FieldSpec;
    return (
      <div key={name} className="field-group">
        <div className="segmented" role="radiogroup" aria-label={`${spec.label}: give one of`}>
          {fields.map((f) => (
            <button
              type="button"
              key={f.name}
              role="radio"
              aria-checked={f === given}
              className={f === given ? 'on' : ''}
              onClick={() => f !== given && a.alternative(p.index, f.name, given.name, f.kind === 'percent' ? -0.5 : f.kind === 'usd' ? 1_000_000 : 1)}
            >
              {f.label.replace(/^or /, '')}
            </button>
          ))}
        </div>
        {fieldOf(given, fields.map((f) => errorOf(f.name)).filter((e) => e !== null).join('; ') || null)}
        {p.event[other.name] !== undefined ? fieldOf(other, null) : null}
      </div>
    );
  };

  return (
    <li
      className={`event-card${p.selected ? ' selected' : ''}${p.problems.length > 0 ? ' invalid' : ''}`}
      onFocusCapture={onSelect}
      onClick={onSelect}
      data-testid={`event-${p.index}`}
      ref={p.measure}
      data-index={p.index}
      aria-posinset={windowed ? p.index + 1 : undefined}
      aria-setsize={windowed ? p.count : undefined}
      style={windowed ? { transform: `translateY(${p.top}px)` } : undefined}
    >
      <header className="event-head">
        <span className="event-index">{p.index + 1}</span>
        <select aria-label={`Type of event ${p.index + 1}`} value={p.event.type} onChange={(e) => a.type(p.index, e.target.value as EventType)}>
          {EVENT_ORDER.map((t) => (
            <option key={t} value={t}>
              {EVENT_SPECS[t].label}
            </option>
          ))}
        </select>
        <span className="event-line muted">{eventLine(p.event)}</span>
        <span className="event-tools">
          <button type="button" className="icon-button" aria-label={`Move event ${p.index + 1} up`} title="Move up (Alt+↑)" disabled={p.index === 0} onClick={() => a.move(p.index, -1)}>
            <Icon name="up" size={16} />
          </button>
          <button type="button" className="icon-button" aria-label={`Move event ${p.index + 1} down`} title="Move down (Alt+↓)" disabled={p.index === p.count - 1} onClick={() => a.move(p.index, 1)}>
            <Icon name="down" size={16} />
          </button>
          <button type="button" className="icon-button" aria-label={`Duplicate event ${p.index + 1}`} title="Duplicate" onClick={() => a.duplicate(p.index)}>
            <Icon name="copy" size={16} />
          </button>
          <button type="button" className="icon-button danger" aria-label={`Delete event ${p.index + 1}`} title="Delete" onClick={() => a.remove(p.index)}>
            <Icon name="trash" size={16} />
          </button>
        </span>
      </header>
      <p className="event-summary muted small">{spec.summary}</p>
      <div className="event-fields">
        {spec.fields.map((f) => {
          if (!f.group) return fieldOf(f);
          if (rendered.has(f.group)) return null;
          rendered.add(f.group);
          return groupOf(f.group, groups.get(f.group) ?? [f]);
        })}
      </div>
      {general.length > 0 ? (
        <ul className="event-errors" role="alert">
          {general.map((x, i) => (
            <li key={i}>
              {x.field === null ? '' : `${x.field}: `}
              {x.message}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
});
