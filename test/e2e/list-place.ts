// Where the cards of the scenario editor's event list stand in the view, read in Chromium, and
// what moves once the page is left alone: the tests of keeping one's place in the list.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** How far a card may drift (px): borders and rounding, not a jump. */
export const SAME = 2;

export interface Place {
  scrollTop: number;
  /** The card's top below the top of the scrolling view (px), or null when it is not drawn. */
  top: number | null;
  selected: number[];
  focus: string | null;
}

/** Fails instead of hanging when the page no longer answers: a page stuck in a loop never resolves an evaluate. */
export async function answering<T>(work: Promise<T>, what: string, ms = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const froze = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the page froze: no answer within ${ms} ms (${what})`)), ms);
  });
  try {
    return await Promise.race([work, froze]);
  } finally {
    clearTimeout(timer);
  }
}

/** Two frames drawn: what a crossing set going has run, unless the page froze. */
export const frames = (page: Page, what: string) =>
  answering(page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))), what);

/** Where card `index` stands in the view, what is selected and what has the focus. */
export const placeOf = (page: Page, index: number) =>
  answering(
    page.evaluate((i): Place => {
      const view = document.getElementById('main') as HTMLElement;
      const card = document.querySelector(`[data-testid="event-${i}"]`);
      return {
        scrollTop: view.scrollTop,
        top: card === null ? null : Math.round(card.getBoundingClientRect().top - view.getBoundingClientRect().top),
        selected: [...document.querySelectorAll('.event-card.selected')].map((c) => Number(c.getAttribute('data-testid')?.slice('event-'.length))),
        focus: document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.getAttribute('data-testid') ?? null,
      };
    }, index),
    `reading card ${index}`,
  );

/** Whether card `index` is drawn and inside the view. */
export const inView = (page: Page, index: number) =>
  answering(
    page.evaluate((i) => {
      const view = (document.getElementById('main') as HTMLElement).getBoundingClientRect();
      const r = document.querySelector(`[data-testid="event-${i}"]`)?.getBoundingClientRect();
      return r !== undefined && r.bottom > view.top && r.top < view.bottom;
    }, index),
    `card ${index} in view`,
  );

/** What changes in the list and the view's scroll over `ms` once the page is left alone: a loop keeps changing them. */
export const restless = (page: Page, ms = 800) =>
  answering(
    page.evaluate(
      (wait) =>
        new Promise<{ mutations: number; scrolls: number }>((resolve) => {
          const view = document.getElementById('main') as HTMLElement;
          let mutations = 0;
          let scrolls = 0;
          const watch = new MutationObserver((records) => (mutations += records.length));
          watch.observe(view.querySelector('.event-list') as Element, { subtree: true, childList: true, attributes: true });
          const onScroll = () => scrolls++;
          view.addEventListener('scroll', onScroll);
          setTimeout(() => {
            watch.disconnect();
            view.removeEventListener('scroll', onScroll);
            resolve({ mutations, scrolls });
          }, wait);
        }),
      ms,
    ),
    'watching the list settle',
    ms + 5_000,
  );

/**
 * Waits until the list has stood still for 0.3 s: a windowed list draws the cards a scroll brought
 * into view over the next frames, and puts back a card it holds (settleCard) for a few more.
 */
export async function standsStill(page: Page): Promise<void> {
  await expect.poll(() => restless(page, 300), { timeout: 10_000 }).toEqual({ mutations: 0, scrolls: 0 });
}

/**
 * Scrolls card `index` to `top` px below the view's top and waits for it to be drawn there: off
 * the middle, so that a card brought back to the middle (or to either edge) is not taken for one
 * that stayed.
 */
export async function putAt(page: Page, index: number, top = 130): Promise<void> {
  await page.getByTestId(`event-${index}`).evaluate((el, at) => {
    const view = document.getElementById('main') as HTMLElement;
    view.scrollTop += el.getBoundingClientRect().top - view.getBoundingClientRect().top - at;
  }, top);
  await frames(page, `putting card ${index} at ${top} px`);
}

/** Scrolls the view the list is in, and waits for it to be drawn. */
export async function scrollView(page: Page, top: number): Promise<void> {
  await page.evaluate((to) => ((document.getElementById('main') as HTMLElement).scrollTop = to), top);
  await frames(page, `scrolling to ${top}`);
}

/** Waits for the engine to accept the scenario shown. */
export const valid = (page: Page) => page.getByTestId('scenario-validation').filter({ hasText: /^Valid/ }).waitFor({ timeout: 30_000 });

/** The place of a card as it was, give or take a border. */
export function expectSamePlace(now: Place, before: Place, what: string): void {
  expect(now.top, `${what}: the card is not drawn`).not.toBeNull();
  expect(Math.abs((now.top as number) - (before.top as number)), `${what}: the card moved from ${before.top} to ${now.top} px (scrollTop ${before.scrollTop} → ${now.scrollTop})`).toBeLessThanOrEqual(SAME);
}
