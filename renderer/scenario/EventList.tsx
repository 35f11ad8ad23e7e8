import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { ScenarioProblem } from '../../engine/scenario/validate';
import type { WorkspaceIds } from '../../engine/view/view-types';
import { EventCard, type EventActions } from '../components/EventCard';
import type { EventDraft } from './draft';
import { scrollParent, withNeighbours } from './event-window';

/** Lists up to this long are drawn whole; longer ones only around what is in view. */
export const DRAWN_WHOLE = 100;
const CARD_ESTIMATE = 150;
const CARD_GAP = 8;
/** The height assumed before the page is measured (and when drawn on a server). */
const FIRST_VIEW = { width: 1000, height: 900 };

/** The problems of an event without any: one array, so that its card's props stay equal. */
const NO_PROBLEMS: readonly ScenarioProblem[] = [];

interface Props {
  events: readonly EventDraft[];
  ids: WorkspaceIds | null;
  problemsOf: ReadonlyMap<number, readonly ScenarioProblem[]>;
  selected: number;
  actions: EventActions;
}

/**
 * The events of a scenario as cards (MODEL §2). A long list is windowed in the page's own
 * scrolling: only the cards in view (and a few around them) exist, so opening, typing, scrolling
 * and undo cost the same at 12,000 events as at 100. The selected card and its neighbours stay
 * drawn wherever the page is scrolled: the focus is never dropped, and Tab and Move reach the next
 * card. Both forms are one list of the same cards, so crossing the length keeps the focus too.
 */
export function EventList({ events, ids, problemsOf, selected, actions }: Props) {
  const windowed = events.length > DRAWN_WHOLE;
  const list = useRef<HTMLOListElement | null>(null);
  const scroller = useRef<HTMLElement | null>(null);
  const [margin, setMargin] = useState(0);
  const rangeExtractor = useCallback((range: Range) => withNeighbours(defaultRangeExtractor(range), selected, range.count), [selected]);
  const virtual = useVirtualizer<HTMLElement, HTMLLIElement>({
    count: events.length,
    enabled: windowed,
    getScrollElement: () => (scroller.current ??= scrollParent(list.current)),
    estimateSize: () => CARD_ESTIMATE,
    gap: CARD_GAP,
    overscan: 4,
    scrollMargin: margin,
    initialRect: FIRST_VIEW,
    rangeExtractor,
    useFlushSync: false,
  });

  // Where the list starts in the scrolling page moves with whatever is drawn above it.
  const measureMargin = useCallback(() => {
    const el = list.current;
    const box = (scroller.current ??= scrollParent(el));
    if (el === null || box === null) return;
    const next = Math.round(el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop);
    setMargin((m) => (m === next ? m : next));
  }, []);
  useLayoutEffect(() => {
    if (windowed) measureMargin();
  });
  useLayoutEffect(() => {
    const around = list.current?.parentElement;
    if (!windowed || around === null || around === undefined) return;
    const watch = new ResizeObserver(measureMargin);
    watch.observe(around);
    return () => watch.disconnect();
  }, [windowed, measureMargin]);

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
      measure={top === undefined ? undefined : virtual.measureElement}
    />
  );
  return (
    <ol className={windowed ? 'event-list windowed' : 'event-list'} ref={list} style={windowed ? { height: virtual.getTotalSize() } : undefined}>
      {windowed ? virtual.getVirtualItems().map(({ index, start }) => card(index, start - margin)) : events.map((_, i) => card(i))}
    </ol>
  );
}
