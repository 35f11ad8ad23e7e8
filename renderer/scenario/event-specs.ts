import type { EventType } from '../../engine/scenario/scenario';
import type { EventDraft } from './draft';
import { formatPrice, formatUsd } from '../format';

export type FieldKind = 'asset' | 'oracle' | 'venue' | 'node' | 'step' | 'percent' | 'factor' | 'usd' | 'price' | 'fraction';

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  unit: string;
  /** Fields of one group are alternatives: exactly one must be given (MODEL §2). */
  group?: string;
  help: string;
}

export interface EventSpec {
  type: EventType;
  label: string;
  summary: string;
  fields: FieldSpec[];
}

const at: FieldSpec = { name: 'at', label: 'At step', kind: 'step', unit: 'step', help: 'The step it happens in (0 = the first)' };
const from: FieldSpec = { name: 'from', label: 'From step', kind: 'step', unit: 'step', help: 'First step, inclusive' };
const to: FieldSpec = { name: 'to', label: 'To step', kind: 'step', unit: 'step', help: 'Last step, inclusive' };

/** The event types of MODEL §2 and the form of each. */
export const EVENT_SPECS: Readonly<Record<EventType, EventSpec>> = {
  price_shock: {
    type: 'price_shock',
    label: 'Price shock',
    summary: 'The fundamental price moves by a share',
    fields: [{ name: 'asset', label: 'Asset', kind: 'asset', unit: 'asset', help: 'Never USD' }, { name: 'change', label: 'Change', kind: 'percent', unit: '%', help: 'More than −100%' }, at],
  },
  depth_change: {
    type: 'depth_change',
    label: 'Liquidity change',
    summary: 'The pool depth is multiplied (liquidity withdrawn or added)',
    fields: [{ name: 'asset', label: 'Asset', kind: 'asset', unit: 'asset', help: 'Its pool' }, { name: 'factor', label: 'Depth factor', kind: 'factor', unit: '×', help: '0.35 = 65% withdrawn' }, at],
  },
  oracle_freeze: {
    type: 'oracle_freeze',
    label: 'Oracle freeze',
    summary: 'The oracle keeps its last reported price',
    fields: [{ name: 'oracle', label: 'Oracle', kind: 'oracle', unit: 'oracle', help: 'The feed that stalls' }, from, to],
  },
  oracle_override: {
    type: 'oracle_override',
    label: 'Oracle manipulation',
    summary: 'The oracle reports a price, or its honest price moved by a share',
    fields: [
      { name: 'oracle', label: 'Oracle', kind: 'oracle', unit: 'oracle', help: 'The feed manipulated or broken' },
      { name: 'change', label: 'Reported change', kind: 'percent', unit: '%', group: 'value', help: 'Either a change…' },
      { name: 'price', label: 'or reported price', kind: 'price', unit: 'USD per unit', group: 'value', help: '…or a fixed price' },
      from,
      to,
    ],
  },
  venue_outage: {
    type: 'venue_outage',
    label: 'Venue outage',
    summary: 'The venue runs no liquidations',
    fields: [{ name: 'venue', label: 'Venue', kind: 'venue', unit: 'venue', help: 'A lending pool, CEX or perp venue' }, from, to],
  },
  external_loss: {
    type: 'external_loss',
    label: 'External loss',
    summary: 'A node loses off-book assets (hack, exploit, fraud, failed bank)',
    fields: [
      { name: 'node', label: 'Node', kind: 'node', unit: 'node', help: 'Who loses' },
      { name: 'fraction', label: 'Share lost', kind: 'percent', unit: '%', group: 'amount', help: 'Either a share of its external assets…' },
      { name: 'amount_usd', label: 'or amount', kind: 'usd', unit: 'USD', group: 'amount', help: '…or an amount' },
      at,
    ],
  },
};

export const EVENT_ORDER: readonly EventType[] = ['price_shock', 'depth_change', 'oracle_freeze', 'oracle_override', 'venue_outage', 'external_loss'];

/** A new event of a type, filled with the first ids of the workspace so it is valid at once. */
export function newEvent(type: EventType, ids: { asset?: string; oracle?: string; venue?: string; node?: string }): EventDraft {
  switch (type) {
    case 'price_shock':
      return { type, asset: ids.asset ?? '', change: -0.2, at: 0 };
    case 'depth_change':
      return { type, asset: ids.asset ?? '', factor: 0.5, at: 0 };
    case 'oracle_freeze':
      return { type, oracle: ids.oracle ?? '', from: 0, to: 2 };
    case 'oracle_override':
      return { type, oracle: ids.oracle ?? '', change: -0.5, from: 0, to: 1 };
    case 'venue_outage':
      return { type, venue: ids.venue ?? '', from: 0, to: 2 };
    case 'external_loss':
      return { type, node: ids.node ?? '', fraction: 0.5, at: 0 };
  }
}

/** One line a person reads in the events list: "ETH −30% at step 0". */
export function eventLine(e: EventDraft): string {
  const pct = (v: unknown) => (typeof v === 'number' ? `${v < 0 ? '−' : '+'}${percentDigits(Math.abs(v * 100))}%` : String(v ?? '?'));
  const usd = (v: unknown) => (typeof v === 'number' ? formatUsd(v) : `$${String(v)}`);
  const span = `steps ${String(e.from ?? '?')}–${String(e.to ?? '?')}`;
  switch (e.type) {
    case 'price_shock':
      return `${String(e.asset || '?')} ${pct(e.change)} at step ${String(e.at ?? '?')}`;
    case 'depth_change':
      return `${String(e.asset || '?')} pool depth ×${String(e.factor ?? '?')} at step ${String(e.at ?? '?')}`;
    case 'oracle_freeze':
      return `${String(e.oracle || '?')} frozen, ${span}`;
    case 'oracle_override':
      return `${String(e.oracle || '?')} reports ${e.price !== undefined ? (typeof e.price === 'number' ? formatPrice(e.price) : `$${String(e.price)}`) : pct(e.change)}, ${span}`;
    case 'venue_outage':
      return `${String(e.venue || '?')} down, ${span}`;
    case 'external_loss':
      return `${String(e.node || '?')} loses ${e.amount_usd !== undefined ? usd(e.amount_usd) : pct(e.fraction).replace(/^[−+]/, '')} at step ${String(e.at ?? '?')}`;
  }
}

/** A percentage with one decimal, or as many more as it takes not to read as a round 100 or 0 it is not (−99.98%, not −100.0%). */
function percentDigits(p: number): string {
  if (p % 1 === 0) return p.toFixed(0);
  let digits = 1;
  while (digits < 6 && (Number(p.toFixed(digits)) === 100 || Number(p.toFixed(digits)) === 0)) digits++;
  return p.toFixed(digits);
}
