// Coming back to the scenario editor, in Chromium: after the Results tab, or another scenario
// opened from the top bar's picker, a list of 100 events and one of 12,000 show the event selected
// before, its card where it stood on screen, and then nothing moves; a scenario never opened
// starts at its top with its first event selected.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openSession, waitForKpis, type Session } from './harness';
import { expectSamePlace, frames, inView, placeOf, putAt, restless, scrollView, standsStill, valid, type Place } from './list-place';
import { openLongScenario } from './long-scenario';

const NEVER_OPENED = 'Liquidity drain: ETH and stETH pools lose 65% of their depth';
const ELSEWHERE = 'Oracle attack: ETH feed reports half the price';

/** Leaves for the Results tab and comes back to the editor. */
async function viaResults(page: Page): Promise<void> {
  await page.getByTestId('tab-results').click();
  await page.getByTestId('results-view').waitFor();
  await page.getByTestId('tab-scenario').click();
  await page.locator('.event-card').first().waitFor();
  await valid(page);
  await frames(page, 'back on the editor');
}

/** Opens a scenario from the top bar, as one can from anywhere down a list. */
async function pickScenario(page: Page, name: string): Promise<void> {
  await page.getByTestId('scenario-select').selectOption({ label: name });
  await expect.poll(() => page.getByTestId('scenario-name').inputValue()).toBe(name);
  await page.locator('.event-card').first().waitFor();
  await valid(page);
  await frames(page, `opening ${name}`);
}

/** The same event selected, its card where it stood, and nothing moving for 0.8 s after. */
async function expectBack(page: Page, index: number, before: Place, what: string): Promise<void> {
  const back = await placeOf(page, index);
  expect(back.selected, `${what}: the event selected`).toEqual([index]);
  expectSamePlace(back, before, what);
  expect(await restless(page), `${what}: what moved once back`).toEqual({ mutations: 0, scrolls: 0 });
  expectSamePlace(await placeOf(page, index), before, `${what}, 0.8 s later`);
}

describe.skipIf(!hasChromium)('the scenario editor keeps each scenario its place across tabs and scenarios', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ width: 1366, height: 768 }, 'light');
    await s.page.goto(s.url);
    await waitForKpis(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows a list of 100 with event 61 selected where it stood, after Results and after another scenario', async () => {
    const { page } = s;
    await openLongScenario(page, 100, 'Return 100');
    await putAt(page, 60, 300);
    await page.getByTestId('event-60-at').click();
    // Between cards: a view put back at a card's edge, or at the selected card's top, is not taken for one that stayed.
    await scrollView(page, (await placeOf(page, 60)).scrollTop + 137);
    await standsStill(page);
    const before = await placeOf(page, 60);
    expect(before.selected).toEqual([60]);
    expect(await inView(page, 60)).toBe(true);

    await viaResults(page);
    await expectBack(page, 60, before, 'the list of 100 after the Results tab');
    await pickScenario(page, ELSEWHERE);
    await pickScenario(page, 'Return 100');
    await expectBack(page, 60, before, 'the list of 100 after another scenario');
    expect(s.problems).toEqual([]);
  });

  it('shows a list of 12,000 with an event far down selected where it stood, after Results and after another scenario', async () => {
    const { page } = s;
    await openLongScenario(page, 12_000, 'Return 12000');
    await scrollView(page, 1_400_000);
    const far = Number(await page.locator('.event-card').nth(4).getAttribute('data-index'));
    expect(far).toBeGreaterThan(8_000);
    await page.getByTestId(`event-${far}`).locator('.event-summary').click();
    await scrollView(page, (await placeOf(page, far)).scrollTop - 211);
    await standsStill(page);
    const before = await placeOf(page, far);
    expect(before.selected).toEqual([far]);
    expect(await inView(page, far)).toBe(true);

    await viaResults(page);
    await expectBack(page, far, before, 'the list of 12,000 after the Results tab');
    await pickScenario(page, ELSEWHERE);
    await pickScenario(page, 'Return 12000');
    await expectBack(page, far, before, 'the list of 12,000 after another scenario');

    // Each scenario its own: the list of 100 as it was left, and back again.
    await pickScenario(page, 'Return 100');
    expect((await placeOf(page, 60)).selected).toEqual([60]);
    await pickScenario(page, 'Return 12000');
    await expectBack(page, far, before, 'the list of 12,000 after the list of 100');
    expect(s.problems).toEqual([]);
  });

  it('shows the cards that were in view when the selected event was scrolled out of it, in a list of 12,000', async () => {
    const { page } = s;
    await pickScenario(page, 'Return 12000');
    // Far below the selected card: the first card in view is the one that must come back, not the selected one.
    await scrollView(page, (await placeOf(page, 0)).scrollTop + 30_321);
    await standsStill(page);
    const first = await page.evaluate(() => {
      const view = (document.getElementById('main') as HTMLElement).getBoundingClientRect();
      const card = [...document.querySelectorAll<HTMLElement>('.event-card')].find((c) => c.getBoundingClientRect().bottom > view.top + 1);
      return Number(card?.dataset.index);
    });
    const before = await placeOf(page, first);
    const far = before.selected[0] as number;
    expect(first - far).toBeGreaterThan(100);
    expect(await inView(page, far)).toBe(false);

    await viaResults(page);
    const back = await placeOf(page, first);
    expectSamePlace(back, before, 'the first card in view after the Results tab');
    expect(back.selected).toEqual([far]);
    expect(await restless(page)).toEqual({ mutations: 0, scrolls: 0 });
    expect(s.problems).toEqual([]);
  });

  it('opens a scenario never opened at its top with its first event selected, from far down another list', async () => {
    const { page } = s;
    await openLongScenario(page, 500, 'Far 500');
    await scrollView(page, 60_000);
    const far = Number(await page.locator('.event-card').nth(4).getAttribute('data-index'));
    await page.getByTestId(`event-${far}`).locator('.event-summary').click();
    expect((await placeOf(page, far)).selected).toEqual([far]);
    expect(far).toBeGreaterThan(300);
    await pickScenario(page, NEVER_OPENED);
    const first = await placeOf(page, 0);
    expect(first.selected).toEqual([0]);
    expect(first.scrollTop).toBe(0);
    expect(await inView(page, 0)).toBe(true);
    expect(await restless(page)).toEqual({ mutations: 0, scrolls: 0 });
    expect(s.problems).toEqual([]);
  });
});
