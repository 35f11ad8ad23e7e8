import { describe, expect, it } from 'vitest';
import type { ScenarioDoc } from './draft';
import { docFromJson, docToJson, parseField } from './draft';
import { chooseAlternative, copyName, duplicateEvent, moveEvent, removeEvent, setEventField, setEventType } from './edits';

const doc: ScenarioDoc = docFromJson(
  {
    name: 'Crash',
    steps: 20,
    events: [
      { type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 },
      { type: 'oracle_freeze', oracle: 'cl-eth', from: 0, to: 1 },
      { type: 'external_loss', node: 'orbit', fraction: 0.9, at: 2 },
    ],
    options: { fire_sale_on_default: false },
  },
  'x',
);

describe('scenario drafts', () => {
  it('round-trips a file document, leaving out empty fields', () => {
    expect(docToJson(doc)).toEqual({
      name: 'Crash',
      description: '',
      steps: 20,
      events: [
        { type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 },
        { type: 'oracle_freeze', oracle: 'cl-eth', from: 0, to: 1 },
        { type: 'external_loss', node: 'orbit', fraction: 0.9, at: 2 },
      ],
      options: { fire_sale_on_default: false },
    });
    expect(docToJson(setEventField(doc, 0, 'change', ''))).toMatchObject({ events: [{ type: 'price_shock', asset: 'ETH', at: 0 }, {}, {}] });
  });

  it('keeps what a person typed when it is not a number, for the engine to name', () => {
    expect(parseField(' −0.35 ')).toBe(-0.35);
    expect(parseField('0,5')).toBe(0.5);
    expect(parseField('1,000.5')).toBe(1000.5);
    expect(parseField('1,000')).toBe(1000);
    expect(parseField('2 500 000')).toBe(2_500_000);
    expect(parseField('abc')).toBe('abc');
    expect(parseField('1e-3')).toBe(0.001);
    expect(parseField('+.5')).toBe(0.5);
    for (const odd of ['0x10', '0b11', '0o7', 'Infinity', '1e999', '1.2.3', '--1']) expect(parseField(odd)).toBe(odd);
    expect(parseField('')).toBeUndefined();
  });

  it('reorders, duplicates and removes events without touching the original', () => {
    const moved = moveEvent(doc, 2, -1);
    expect(moved.events.map((e) => e.type)).toEqual(['price_shock', 'external_loss', 'oracle_freeze']);
    expect(moveEvent(doc, 0, -1)).toBe(doc);
    expect(duplicateEvent(doc, 0).events.map((e) => e.type)).toEqual(['price_shock', 'price_shock', 'oracle_freeze', 'external_loss']);
    expect(removeEvent(doc, 1).events.length).toBe(2);
    expect(doc.events.length).toBe(3);
  });

  it('changes an event’s type keeping its step and asset', () => {
    const changed = setEventType(doc, 0, 'depth_change', { asset: 'BTC' });
    expect(changed.events[0]).toEqual({ type: 'depth_change', asset: 'ETH', factor: 0.5, at: 0 });
    const ranged = setEventType(doc, 2, 'venue_outage', { venue: 'aave' });
    expect(ranged.events[2]).toEqual({ type: 'venue_outage', venue: 'aave', from: 2, to: 4 });
  });

  it('switches between alternative fields', () => {
    const amount = chooseAlternative(doc, 2, 'amount_usd', 'fraction', 1_000_000);
    expect(amount.events[2]).toEqual({ type: 'external_loss', node: 'orbit', amount_usd: 1_000_000, at: 2 });
  });

  it('names copies', () => {
    expect(copyName('Crash', ['Crash'])).toBe('Crash (copy)');
    expect(copyName('Crash (copy)', ['Crash', 'Crash (copy)'])).toBe('Crash (copy 2)');
  });
});
