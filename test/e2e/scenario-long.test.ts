// The scenario editor on a scenario of 12,000 events, in Chromium: only the cards around the view
// exist, and editing, validation per event and field, focus, Tab, Move, Delete, Add and undo work
// there as on a short list.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openSession, waitForKpis, type Session } from './harness';
import { openLongScenario } from './long-scenario';

const EVENTS = 12_000;
/** Generous: the view shows about five cards; a few are drawn around them. */
const MOST_CARDS = 30;

const cardCount = (page: Page) => page.locator('.event-card').count();
const focused = (page: Page) => page.evaluate(() => ({ testId: document.activeElement?.getAttribute('data-testid') ?? null, label: document.activeElement?.getAttribute('aria-label') ?? null }));

/** Scrolls the view the list is in, and waits for it to be drawn. */
async function scrollView(page: Page, to: 'end' | number): Promise<void> {
  await page.evaluate((top) => {
    const view = document.getElementById('main') as HTMLElement;
    view.scrollTop = top === 'end' ? view.scrollHeight : top;
  }, to);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

const openScenario = (s: Session, count: number) => openLongScenario(s.page, count);

describe.skipIf(!hasChromium)('a scenario of 12,000 events in the editor', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ width: 1366, height: 768 }, 'light');
    await s.page.goto(s.url);
    await waitForKpis(s.page);
    await openScenario(s, EVENTS);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('draws only the cards around the view, each saying where it stands, also at the end', async () => {
    expect(await cardCount(s.page)).toBeLessThanOrEqual(MOST_CARDS);
    const first = s.page.getByTestId('event-0');
    expect(await first.getAttribute('aria-posinset')).toBe('1');
    expect(await first.getAttribute('aria-setsize')).toBe(String(EVENTS));
    await scrollView(s.page, 'end');
    const last = s.page.getByTestId(`event-${EVENTS - 1}`);
    await last.waitFor();
    expect(await last.getByLabel(`Type of event ${EVENTS}`).inputValue()).toBe('external_loss');
    expect(await cardCount(s.page)).toBeLessThanOrEqual(MOST_CARDS);
    await s.shot('scenario-long-end-light');
  });

  it('shows the engine verdict on a field of the last event there, and undo takes it back', async () => {
    const at = s.page.getByTestId(`event-${EVENTS - 1}-at`);
    const before = await at.inputValue();
    await at.fill('soon');
    await expect.poll(() => s.page.getByTestId(`event-${EVENTS - 1}`).locator('.field-error').first().innerText()).toMatch(/must be a step from 0 to 49, got "soon"/);
    expect(await s.page.getByTestId('scenario-validation').innerText()).toMatch(/^1 problem/);
    // From the top of the list, the problem's card is brought into view with the focus on its field.
    await scrollView(s.page, 0);
    await s.page.getByTestId('go-to-problem').click();
    await expect.poll(async () => (await focused(s.page)).testId).toBe(`event-${EVENTS - 1}-at`);
    await expect.poll(() => s.page.evaluate(() => {
      const r = (document.activeElement as HTMLElement).getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    })).toBe(true);
    await s.page.keyboard.press('Control+z');
    await expect.poll(() => at.inputValue()).toBe(before);
    await expect.poll(() => s.page.getByTestId('scenario-validation').innerText()).toMatch(/^Valid/);
  });

  it('keeps typing in a field whose card was scrolled far out of view', async () => {
    await scrollView(s.page, 0);
    const change = s.page.getByTestId('event-0-change');
    await change.click();
    await change.press('End');
    await scrollView(s.page, 400_000);
    expect(await cardCount(s.page)).toBeLessThanOrEqual(MOST_CARDS + 3);
    expect((await focused(s.page)).testId).toBe('event-0-change');
    await s.page.keyboard.type('5');
    await scrollView(s.page, 0);
    expect(await change.inputValue()).toBe('-25');
    await expect.poll(() => s.page.getByTestId('event-0').locator('.event-line').innerText()).toBe('ETH −25% at step 0');
  });

  it('moves on with Tab from card to card past the bottom of the view', async () => {
    await scrollView(s.page, 0);
    await s.page.getByLabel('Type of event 1').focus();
    let card = 0;
    for (let i = 0; i < 120 && card < 14; i++) {
      await s.page.keyboard.press('Tab');
      const at = await s.page.evaluate(() => document.activeElement?.closest('.event-card')?.getAttribute('data-index') ?? null);
      expect(at, `Tab ${i + 1} left the list`).not.toBeNull();
      expect(Number(at)).toBeGreaterThanOrEqual(card);
      card = Number(at);
    }
    expect(card).toBe(14);
  });

  it('moves, deletes and adds events with the focus kept, and undoes each', async () => {
    await scrollView(s.page, 0);
    await s.page.getByRole('button', { name: 'Move event 2 down', exact: true }).focus();
    await s.page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(s.page)).label).toBe('Move event 3 down');
    await expect.poll(() => s.page.getByTestId('event-2').locator('.event-line').innerText()).toBe('stETH −1% at step 1');
    await s.page.keyboard.press('Control+z');
    await expect.poll(() => s.page.getByTestId('event-1').locator('.event-line').innerText()).toBe('stETH −1% at step 1');

    await s.page.getByRole('button', { name: 'Delete event 1', exact: true }).click();
    await expect.poll(() => s.page.getByTestId('event-0').locator('.event-line').innerText()).toBe('stETH −1% at step 1');
    await expect.poll(async () => (await focused(s.page)).label).toBe('Delete event 1');
    expect(await s.page.getByTestId('event-0').getAttribute('aria-setsize')).toBe(String(EVENTS - 1));
    await s.page.keyboard.press('Control+z');
    await expect.poll(() => s.page.getByTestId('event-0').locator('.event-line').innerText()).toBe('ETH −25% at step 0');

    await s.page.locator('.add-event').getByRole('button', { name: 'Oracle freeze' }).click();
    await scrollView(s.page, 'end');
    await expect.poll(() => s.page.getByTestId(`event-${EVENTS}`).locator('.event-line').innerText()).toMatch(/frozen, steps 0–2$/);
    expect(await cardCount(s.page)).toBeLessThanOrEqual(MOST_CARDS + 3);
    await s.page.keyboard.press('Control+z');
    await expect.poll(() => s.page.getByTestId(`event-${EVENTS}`).count()).toBe(0);
    await expect.poll(() => s.page.getByTestId('scenario-validation').innerText()).toMatch(/^Valid/);
    expect(s.problems).toEqual([]);
  });

  it('keeps the focus where a list grows past the length it is drawn whole up to, and back', async () => {
    await openScenario(s, 100);
    expect(await cardCount(s.page)).toBe(100);
    const duplicate = s.page.getByRole('button', { name: 'Duplicate event 100', exact: true });
    await duplicate.focus();
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.locator('.event-card').first().getAttribute('aria-setsize')).toBe('101');
    expect((await focused(s.page)).label).toBe('Duplicate event 100');
    await s.page.keyboard.press('Control+z');
    await expect.poll(() => cardCount(s.page)).toBe(100);
    expect((await focused(s.page)).label).toBe('Duplicate event 100');
    expect(s.problems).toEqual([]);
  });
});
