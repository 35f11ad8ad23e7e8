// The scenario editor's long list after a big scroll, in Chromium: a card in view stays where it
// stands while the cards above it are measured for the first time (their heights differ from the
// list's estimate), frame after frame as painted.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openSession, waitForKpis, type Session } from './harness';
import { answering, SAME, standsStill } from './list-place';
import { openLongScenario } from './long-scenario';

const EVENTS = 12_000;
/** Frames watched after the last scroll: the cards are drawn in the first few, measured in the next. */
const WATCHED = 30;

/** A card in view in one painted frame: its index and its top below the view's top (px). */
interface Seen {
  index: number;
  top: number;
}

/**
 * Scrolls the view to each offset in turn, every other frame (one offset: a jump; several: a drag of
 * the scrollbar), then reads the cards in view once each of the next frames is painted.
 */
const scrollAndWatch = (page: Page, offsets: readonly number[]) =>
  answering(
    page.evaluate(
      ({ offsets, watched }) =>
        new Promise<Seen[][]>((resolve) => {
          const view = document.getElementById('main') as HTMLElement;
          const painted: Seen[][] = [];
          const last = (offsets.length - 1) * 2;
          let frame = 0;
          // A task posted from an animation frame runs once that frame is painted. Scrolled from
          // there, as a person's scroll, the list sees each move in the next frame's scroll event,
          // before it measures anything (a move made in an animation frame is seen a frame late).
          const afterPaint = new MessageChannel();
          afterPaint.port1.onmessage = () => {
            if (frame > last) {
              const top = view.getBoundingClientRect().top;
              painted.push(
                [...document.querySelectorAll<HTMLElement>('.event-list > .event-card')]
                  .map((c) => ({ index: Number(c.dataset.index), box: c.getBoundingClientRect() }))
                  .filter(({ box }) => box.bottom > top && box.top < top + view.clientHeight)
                  .map(({ index, box }) => ({ index, top: Math.round(box.top - top) })),
              );
            }
            if (frame % 2 === 0 && frame <= last) view.scrollTop = offsets[frame / 2] as number;
            frame += 1;
            if (painted.length === watched) resolve(painted);
            else requestAnimationFrame(() => afterPaint.port2.postMessage(null));
          };
          requestAnimationFrame(() => afterPaint.port2.postMessage(null));
        }),
      { offsets, watched: WATCHED },
    ),
    'watching the cards after a scroll',
  );

/** The cards that moved by more than SAME px from where they were first painted in view: each at its farthest. */
function movedCards(frames: readonly Seen[][]): { index: number; from: number; to: number }[] {
  const first = new Map<number, number>();
  const far = new Map<number, { index: number; from: number; to: number }>();
  for (const cards of frames) {
    for (const { index, top } of cards) {
      const from = first.get(index) ?? top;
      first.set(index, from);
      const by = Math.abs(top - from);
      if (by > SAME && by > Math.abs((far.get(index)?.to ?? from) - from)) far.set(index, { index, from, to: top });
    }
  }
  return [...far.values()];
}

describe.skipIf(!hasChromium)('a card in view after a big scroll in a list of 12,000 events', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ width: 1366, height: 768 }, 'light');
    await s.page.goto(s.url);
    await waitForKpis(s.page);
    await openLongScenario(s.page, EVENTS);
  });
  afterAll(async () => {
    await s?.close();
  });

  const cases: [string, number[]][] = [
    ['a jump far down', [1_400_000]],
    ['another jump, back up', [400_000]],
    ['a drag of the scrollbar down', Array.from({ length: 12 }, (_, i) => 900_000 + i * 25_000)],
    ['a drag of the scrollbar up', Array.from({ length: 12 }, (_, i) => 1_700_000 - i * 25_000)],
  ];
  it.each(cases)('stays where it is first painted after %s', async (what, offsets) => {
    await standsStill(s.page);
    const frames = await scrollAndWatch(s.page, offsets);
    expect(frames.flat().length, `${what}: no card painted in view`).toBeGreaterThan(0);
    expect(movedCards(frames), `${what}: cards that moved once painted in view (top, px)`).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
