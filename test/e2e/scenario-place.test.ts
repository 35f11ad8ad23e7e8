// The scenario editor keeps your place, in Chromium: the card you work on stays where it stood on
// screen when the list crosses the length it is drawn whole up to (100 ↔ 101 events), also right
// after an event was selected far down an earlier list (a former fix froze the page there).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openSession, waitForKpis, type Session } from './harness';
import { expectSamePlace, frames, inView, placeOf, putAt, restless, scrollView, valid } from './list-place';
import { openLongScenario } from './long-scenario';

const setSize = (page: Page) => page.locator('.event-card').first().getAttribute('aria-setsize');
const cards = (page: Page) => page.locator('.event-card').count();

describe.skipIf(!hasChromium)('the scenario editor keeps your place', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ width: 1366, height: 768 }, 'light');
    await s.page.goto(s.url);
    await waitForKpis(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('keeps the focused card where it stood when a list grows past 100 events and back', async () => {
    const { page } = s;
    await openLongScenario(page, 100);
    await putAt(page, 97);
    await page.getByRole('button', { name: 'Duplicate event 98', exact: true }).focus();
    const before = await placeOf(page, 97);
    expect(before.scrollTop).toBeGreaterThan(5_000);

    await page.keyboard.press('Enter');
    await expect.poll(() => setSize(page)).toBe('101');
    await frames(page, 'the list grew to 101');
    const grown = await placeOf(page, 97);
    expect(grown.focus).toBe('Duplicate event 98');
    expectSamePlace(grown, before, 'adding the 101st event');
    expect(await cards(page)).toBeLessThan(40);

    // Undo takes it back to 100, drawn whole again.
    await page.keyboard.press('Control+z');
    await expect.poll(() => cards(page)).toBe(100);
    await frames(page, 'the list shrank to 100');
    const undone = await placeOf(page, 97);
    expect(undone.focus).toBe('Duplicate event 98');
    expectSamePlace(undone, before, 'undoing the 101st event');

    // Deleting down to 100 from the windowed list: the focus goes to the event now in its place, where the deleted one was.
    await page.getByRole('button', { name: 'Duplicate event 98', exact: true }).press('Enter');
    await expect.poll(() => setSize(page)).toBe('101');
    await putAt(page, 98, 420);
    await page.getByRole('button', { name: 'Delete event 99', exact: true }).focus();
    const beforeDelete = await placeOf(page, 98);
    await page.keyboard.press('Enter');
    await expect.poll(() => cards(page)).toBe(100);
    await expect.poll(async () => (await placeOf(page, 98)).focus).toBe('Delete event 99');
    expectSamePlace(await placeOf(page, 98), beforeDelete, 'deleting down to 100');
    await valid(page);
    expect(s.problems).toEqual([]);
  });

  it('crosses 100 events without freezing right after an event was selected far down an earlier list', async () => {
    const { page } = s;
    await openLongScenario(page, 12_000);
    await scrollView(page, 400_000);
    const far = Number(await page.locator('.event-card').nth(3).getAttribute('data-index'));
    expect(far).toBeGreaterThan(2_000);
    await page.getByTestId(`event-${far}`).locator('.event-summary').click();
    await expect.poll(async () => (await placeOf(page, far)).selected).toEqual([far]);

    // Another list, short, and at once across the length: grown and back.
    await openLongScenario(page, 100, 'Another 100');
    await putAt(page, 99, 180);
    const duplicate = page.getByRole('button', { name: 'Duplicate event 100', exact: true });
    await duplicate.focus();
    const before = await placeOf(page, 99);
    await page.keyboard.press('Enter');
    await expect.poll(() => setSize(page), { timeout: 10_000 }).toBe('101');
    await frames(page, 'after growing past 100');
    expect(await restless(page)).toEqual({ mutations: 0, scrolls: 0 });
    expect(await inView(page, 99)).toBe(true);
    expectSamePlace(await placeOf(page, 99), before, 'growing past 100 after a far selection');
    expect((await placeOf(page, 99)).focus).toBe('Duplicate event 100');

    await page.keyboard.press('Control+z');
    await expect.poll(() => cards(page), { timeout: 10_000 }).toBe(100);
    await frames(page, 'after shrinking to 100');
    expect(await restless(page)).toEqual({ mutations: 0, scrolls: 0 });
    expect(await inView(page, 99)).toBe(true);
    expectSamePlace(await placeOf(page, 99), before, 'shrinking to 100 after a far selection');

    // The same in one list: its last event selected, then deleted down to 100.
    await openLongScenario(page, 101);
    await scrollView(page, 1_000_000);
    await page.getByTestId('event-100').locator('.event-summary').click();
    await expect.poll(async () => (await placeOf(page, 100)).selected).toEqual([100]);
    await page.getByRole('button', { name: 'Delete event 101', exact: true }).click();
    await expect.poll(() => cards(page), { timeout: 10_000 }).toBe(100);
    await frames(page, 'after deleting the selected last event');
    expect(await restless(page)).toEqual({ mutations: 0, scrolls: 0 });
    await expect.poll(async () => (await placeOf(page, 99)).focus).toBe('Delete event 100');
    expect(await inView(page, 99)).toBe(true);
    await valid(page);
    expect(s.problems).toEqual([]);
  });
});
