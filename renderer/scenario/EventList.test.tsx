import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { EventActions } from '../components/EventCard';
import type { EventDraft } from './draft';
import { DRAWN_WHOLE, EventList } from './EventList';
import { anchorCard, withNeighbours } from './event-window';

const events = (count: number): EventDraft[] => Array.from({ length: count }, (_, i) => ({ type: 'price_shock', asset: 'ETH', change: -0.01, at: i % 40 }));
const none = () => undefined;
const actions: EventActions = { select: none, field: none, alternative: none, type: none, move: none, duplicate: none, remove: none };

/** The indexes of the event cards drawn at first, and the list's markup. */
function drawn(count: number, selected = 0): { cards: number[]; html: string } {
  const html = renderToStaticMarkup(<EventList events={events(count)} ids={null} problemsOf={new Map()} selected={selected} actions={actions} />);
  return { cards: [...html.matchAll(/data-testid="event-(\d+)"/g)].map((m) => Number(m[1])), html };
}

describe('EventList', () => {
  it('draws every card of a short scenario, in the flow of the page', () => {
    const { cards, html } = drawn(DRAWN_WHOLE);
    expect(cards).toEqual(Array.from({ length: DRAWN_WHOLE }, (_, i) => i));
    expect(html).not.toContain('windowed');
  });

  it('draws a few cards of a scenario of 12,000 events, from the first, each saying where it stands', () => {
    const { cards, html } = drawn(12_000);
    expect(cards[0]).toBe(0);
    expect(cards.length).toBeGreaterThan(2);
    expect(cards.length).toBeLessThanOrEqual(30);
    expect(html).toContain('aria-posinset="1" aria-setsize="12000"');
    expect(html).toContain('aria-label="Delete event 1"');
  });

  it('keeps the selected card and its neighbours drawn wherever the list is scrolled', () => {
    const { cards } = drawn(12_000, 7_000);
    expect(cards).toEqual(expect.arrayContaining([6_999, 7_000, 7_001]));
    expect(cards.length).toBeLessThanOrEqual(33);
  });
});

describe('anchorCard', () => {
  const card = (index: number, top: number, focused = false) => ({ index, top, bottom: top + 140, focused });
  const view = [card(40, -100), card(41, 48), card(42, 196, true), card(43, 344), card(44, 700)];

  it('holds the card with the focus, else the selected one, when in view', () => {
    expect(anchorCard(view, 43, 600)).toEqual({ index: 42, top: 196 });
    expect(anchorCard(view.map((c) => ({ ...c, focused: false })), 43, 600)).toEqual({ index: 43, top: 344 });
  });

  it('else the first card in view: a selection or a focus out of view is not held', () => {
    const focusGone = [card(40, -100), card(41, 48), card(42, 800, true)];
    expect(anchorCard(focusGone, 7_000, 600)).toEqual({ index: 40, top: -100 });
    expect(anchorCard([card(3, 900), card(1, 10), card(2, 300)], 3, 600)).toEqual({ index: 1, top: 10 });
    expect(anchorCard([card(1, -400), card(2, 650)], 1, 600)).toBeNull();
    expect(anchorCard([], 0, 600)).toBeNull();
  });
});

describe('withNeighbours', () => {
  it('adds the selected index and those beside it, in order, inside the list', () => {
    expect(withNeighbours([10, 11, 12], 3, 100)).toEqual([2, 3, 4, 10, 11, 12]);
    expect(withNeighbours([0, 1], 0, 2)).toEqual([0, 1]);
    expect(withNeighbours([], 99, 100)).toEqual([98, 99]);
  });
});
