import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ScenarioProblem } from '../../engine/scenario/validate';
import type { WorkspaceIds } from '../../engine/view/view-types';
import { EventCard, type EventActions } from '../components/EventCard';
import type { EventDraft } from './draft';
import { anchorCard, scrollParent, withNeighbours, type CardAt, type SeenCard } from './event-window';
import { settleCard } from './settle-card';

/** Lists up to this long are drawn whole; longer ones only around what is in view. */
export const DRAWN_WHOLE = 100;
const CARD_ESTIMATE = 150;
const CARD_GAP = 8;
/** The height assumed before the page is measured (and when drawn on a server). */
const FIRST_VIEW = { width: 1000, height: 900 };

/** The problems of an event without any: one array, so that its card's props stay equal. */
const NO_PROBLEMS: readonly ScenarioProblem[] = [];
const never = () => false;

interface Props {
  events: readonly EventDraft[];
  ids: WorkspaceIds | null;
  problemsOf: ReadonlyMap<number, readonly ScenarioProblem[]>;
  selected: number;
  actions: EventActions;
  /** The card the list was left at last time, put back where it stood when the list is drawn; null starts at the top. */
  from?: CardAt | null;
  /** Told, when the list goes (another tab, another scenario), the card in view and where it stands. */
  onLeave?(card: CardAt | null): void;
}

/**
 * The events of a scenario as cards (MODEL §2). A long list is windowed in the page's own
 * scrolling: only the cards in view (and a few around them) exist, so opening, typing, scrolling
 * and undo cost the same at 12,000 events as at 100. The selected card and its neighbours stay
 * drawn wherever the page is scrolled: the focus is never dropped, and Tab and Move reach the next
 * card. Both forms are one list of the same cards, measured in both, so crossing the length keeps
 * the focus, and the card in view stays where it stood.
 */
export function EventList({ events, ids, problemsOf, selected, actions, from = null, onLeave }: Props) {
  const windowed = events.length > DRAWN_WHOLE;
  const list = useRef<HTMLOListElement | null>(null);
  const scroller = useRef<HTMLElement | null>(null);
  const [start] = useState(from);
  const [margin, setMargin] = useState(0);
  const rangeExtractor = useCallback((range: Range) => withNeighbours(defaultRangeExtractor(range), selected, range.count), [selected]);
  // Always on, also while the list is drawn whole: turned on at the crossing it scrolled the view to
  // its initial offset (the top), and it would place the cards from estimates, not as they stood.
  const virtual = useVirtualizer<HTMLElement, HTMLLIElement>({
    count: events.length,
    getScrollElement: () => (scroller.current ??= scrollParent(list.current)),
    estimateSize: () => CARD_ESTIMATE,
    gap: CARD_GAP,
    overscan: 4,
    scrollMargin: margin,
    initialRect: FIRST_VIEW,
    // Mounted, the virtualizer scrolls the view to this: the top for a new list, else about where
    // the card left at stands in the cards' estimates, so that it is drawn from the first frame.
    initialOffset: () => (start === null ? 0 : Math.max(0, start.index * (CARD_ESTIMATE + CARD_GAP) - start.top)),
    rangeExtractor,
    useFlushSync: false,
  });
  // A list drawn whole is placed by the page: measured, never scrolled to make up for a card's height.
  virtual.shouldAdjustScrollPositionOnItemSizeChange = windowed ? undefined : never;
  // While the view scrolls, the virtualizer measures a card drawn only once the frame is painted:
  // the cards below it would be shown at their estimated offsets, then jump. Measured here, as it is
  // drawn, the list is placed again before the paint (the cards above the view made up for by
  // scrolling), so a card in view stands still.
  const measure = useCallback(
    (el: HTMLLIElement | null) => {
      virtual.measureElement(el);
      if (el !== null && el.isConnected) virtual.resizeItem(virtual.indexFromElement(el), Math.round(el.getBoundingClientRect().height));
    },
    [virtual],
  );

  // Where the list starts in the scrolling page moves with whatever is drawn above it.
  const measureMargin = useCallback(() => {
    const el = list.current;
    const box = (scroller.current ??= scrollParent(el));
    if (el === null || box === null) return;
    const next = listTop(el, box);
    setMargin((m) => (m === next ? m : next));
  }, []);
  useLayoutEffect(() => {
    measureMargin();
  });
  useLayoutEffect(() => {
    const around = list.current?.parentElement;
    if (around === null || around === undefined) return;
    const watch = new ResizeObserver(measureMargin);
    watch.observe(around);
    return () => watch.disconnect();
  }, [measureMargin]);

  // The card the eye is on and where it stood, as last seen: after each drawing and each scroll.
  const seen = useRef<{ index: number; top: number } | null>(null);
  const selectedNow = useRef(selected);
  selectedNow.current = selected;
  const look = useCallback(() => {
    const box = scroller.current;
    if (list.current !== null && box !== null) seen.current = anchorCard(seenCards(list.current, box), selectedNow.current, box.clientHeight);
  }, []);
  // Crossing the length places every card anew (in the flow, or at its offset): the one the eye is
  // on is put back where it stood, once. Only the length crosses, so this cannot feed itself.
  const form = useRef(windowed);
  useLayoutEffect(() => {
    if (form.current !== windowed) {
      form.current = windowed;
      holdStill(list.current, scroller.current, seen.current);
    }
    look();
  });
  useEffect(() => {
    const box = scroller.current;
    if (box === null) return;
    box.addEventListener('scroll', look, { passive: true });
    return () => box.removeEventListener('scroll', look);
  }, [look]);

  // Measured cards are not kept (drawn again, the cards above it would stand as estimated, not as
  // they stood): the card is put back from where it is really drawn, until it stands still.
  useLayoutEffect(() => {
    const el = list.current;
    const box = (scroller.current ??= scrollParent(el));
    if (start === null || el === null || box === null) return;
    return settleCard({ box, at: start, cardOf: (i) => cardElement(el, i), estimate: (i) => virtual.getOffsetForIndex(i, 'start')?.[0] ?? null });
  }, [start, virtual]);
  const leave = useRef(onLeave);
  leave.current = onLeave;
  useLayoutEffect(
    () => () => {
      const box = scroller.current;
      if (list.current !== null && box !== null) leave.current?.(anchorCard(seenCards(list.current, box), selectedNow.current, box.clientHeight));
    },
    [],
  );

  const card = (index: number, top?: number) => (
    <EventCard
      key={index}
      index={index}
      count={events.length}
      event={events[index] as EventDraft}
      ids={ids}
      problems={problemsOf.get(index) ?? NO_PROBLEMS}
      selected={index === selected}
      actions={actions}
      top={top}
      measure={measure}
    />
  );
  return (
    <ol className={windowed ? 'event-list windowed' : 'event-list'} ref={list} style={windowed ? { height: virtual.getTotalSize() } : undefined}>
      {windowed ? virtual.getVirtualItems().map(({ index, start }) => card(index, start - margin)) : events.map((_, i) => card(i))}
    </ol>
  );
}

/** The drawn card of event `index`, or null. */
function cardElement(el: HTMLElement, index: number): Element | null {
  return el.querySelector(`:scope > [data-index="${index}"]`);
}

/** Where a list starts in the content of the view it scrolls in (px). */
function listTop(el: HTMLElement, box: HTMLElement): number {
  return Math.round(el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop);
}

/** The drawn cards as the view shows them. */
function seenCards(el: HTMLElement, box: HTMLElement): SeenCard[] {
  const top = box.getBoundingClientRect().top;
  const focus = document.activeElement;
  return [...el.children].map((c) => {
    const r = c.getBoundingClientRect();
    return { index: Number((c as HTMLElement).dataset.index), top: r.top - top, bottom: r.bottom - top, focused: focus !== null && c.contains(focus) };
  });
}

/** Scrolls the view, once, so that card `at.index` stands `at.top` px below its top again. */
function holdStill(el: HTMLElement | null, box: HTMLElement | null, at: CardAt | null): void {
  const card = at === null || el === null ? null : cardElement(el, at.index);
  if (card === null || card === undefined || box === null || at === null) return;
  const by = card.getBoundingClientRect().top - box.getBoundingClientRect().top - at.top;
  if (Math.abs(by) >= 1) box.scrollTop += by;
}
