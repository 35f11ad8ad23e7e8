// The library and the guide in Chromium: an episode opens from the start page with its sources one
// click away, labelled approximate; the workshop dataset opens and runs; the user guide opens on F1,
// follows links between its pages, and never leaves the machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, isLocal, kpis, openSession, waitForDrawnRun, waitForKpis, type Session } from './harness';

describe.skipIf(!hasChromium)('the library and the guide in Chromium', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openSession({ width: 1366, height: 768 }, 'light');
    await s.page.goto(s.url);
    await waitForKpis(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens the Terra → 3AC episode from the start page, runs it, and shows where every number comes from', async () => {
    const before = await waitForDrawnRun(s.page, null);
    await s.page.getByTestId('tab-start').click();
    await s.page.getByTestId('open-library/terra-3ac-2022').scrollIntoViewIfNeeded();
    await s.shot('start-library-light');
    await s.page.getByTestId('open-library/terra-3ac-2022').click();
    await waitForDrawnRun(s.page, before);
    expect(await s.page.locator('.brand-source').innerText()).toMatch(/^Library: Terra\/LUNA/);
    expect(await s.page.getByTestId('run-label').innerText()).toMatch(/Terra collapse/);
    const k = await kpis(s.page);
    console.log('e2e Terra → 3AC KPIs:', k);
    expect(Number(k['defaults'])).toBeGreaterThanOrEqual(3);
    const badge = s.page.getByTestId('provenance-badge');
    expect(await badge.innerText()).toMatch(/approximate, from public reports/);
    await badge.click();
    const dialog = s.page.getByTestId('sources-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/15,250 BTC|15250/);
    expect(await dialog.locator('table[aria-label="Sourced values"] tbody tr').count()).toBeGreaterThan(10);
    await s.shot('library-sources-light');
    await s.page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
  });

  it('opens the Northwind workshop dataset and runs its first scenario', async () => {
    const before = await s.page.getByTestId('run-label').innerText();
    await s.page.getByTestId('tab-start').click();
    await s.page.getByTestId('open-workshop').click();
    await waitForDrawnRun(s.page, before);
    expect(await s.page.locator('.brand-source').innerText()).toMatch(/Northwind/);
    expect(await s.page.getByTestId('provenance-badge').count()).toBe(0);
    expect(await s.page.getByTestId('scenario-select').locator('option').count()).toBe(5);
  });

  it('opens the user guide on F1 and follows a link to another page and heading', async () => {
    await s.page.keyboard.press('F1');
    const guide = s.page.getByTestId('guide-dialog');
    await guide.waitFor();
    const page = guide.getByTestId('guide-page');
    await expect.poll(() => page.locator('h1').first().innerText()).toMatch(/Firebreak/);
    await page.locator('a[href="model.md"]').first().click();
    await expect.poll(() => page.locator('h1').first().innerText()).toMatch(/model/i);
    expect(await page.locator('h2[id="what-the-model-does-not-model"]').count()).toBe(1);
    await guide.getByRole('button', { name: 'Getting started' }).click();
    await expect.poll(() => page.locator('img').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('img').first().evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await s.shot('guide-light');
    await s.page.keyboard.press('Escape');
    expect(s.problems).toEqual([]);
    expect(s.escaped).toEqual([]);
    for (const url of s.requested) expect(isLocal(url), url).toBe(true);
  });

  it('keeps the keyboard in an open dialog: the page’s shortcuts wait, Tab cycles inside, Esc closes only the dialog', async () => {
    const view = () => s.page.locator('[data-testid^="tab-"][aria-selected="true"]').getAttribute('data-testid');
    const before = await view();
    await s.page.keyboard.press('F1');
    const guide = s.page.getByTestId('guide-dialog');
    await guide.waitFor();
    await s.page.keyboard.press('Alt+2');
    await s.page.keyboard.press('f');
    expect(await view()).toBe(before);
    expect(await s.page.getByTestId('present-mode').count()).toBe(0);
    for (let k = 0; k < 40; k++) {
      await s.page.keyboard.press(k % 7 === 6 ? 'Shift+Tab' : 'Tab');
      expect(await guide.evaluate((el) => el.contains(document.activeElement)), `Tab ${k + 1}`).toBe(true);
    }
    await s.page.keyboard.press('Escape');
    expect(await guide.count()).toBe(0);
    // Over the presentation: Esc closes the guide, and the presentation stays.
    await s.page.keyboard.press('f');
    await s.page.getByTestId('present-mode').waitFor();
    await s.page.keyboard.press('F1');
    await guide.waitFor();
    await s.page.keyboard.press('Escape');
    expect(await guide.count()).toBe(0);
    expect(await s.page.getByTestId('present-mode').count()).toBe(1);
    await s.page.keyboard.press('Escape');
    expect(await s.page.getByTestId('present-mode').count()).toBe(0);
    expect(s.problems).toEqual([]);
    expect(s.escaped).toEqual([]);
    for (const url of s.requested) expect(isLocal(url), url).toBe(true);
  });
});
