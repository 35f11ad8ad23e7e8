// The app in Chromium with a localStorage that refuses every write (full — the autosave's edits
// can fill it — or turned off): it starts, says the autosave is at risk, and keeps working; the
// theme switch (which keeps the choice in localStorage) must not take the whole window down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, isLocal, openSession, waitForKpis, type Session } from './harness';

describe.skipIf(!hasChromium)('the app with localStorage refusing writes (web host)', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openSession({ width: 1280, height: 860 });
    await s.context.addInitScript(() => {
      Storage.prototype.setItem = function refuse(): void {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await s.page.goto(`${s.url}index.html`);
    await waitForKpis(s.page);
  }, 90_000);

  afterAll(async () => {
    await s?.close();
  });

  it('starts, warns at the first edit, switches theme and still saves', async () => {
    await s.page.getByTestId('tab-scenario').click();
    const name = s.page.getByTestId('scenario-name');
    await name.fill('Flash crash, edited with the storage full');
    await s.page.getByTestId('autosave-problem').waitFor({ timeout: 10_000 });
    const before = await s.page.evaluate(() => document.documentElement.dataset.theme);
    await s.page.getByTestId('theme-toggle').click();
    await expect.poll(() => s.page.evaluate(() => document.documentElement.dataset.theme), { timeout: 5_000 }).not.toBe(before);
    expect(await s.page.getByTestId('scenario-name').inputValue()).toBe('Flash crash, edited with the storage full');
    const download = s.page.waitForEvent('download', { timeout: 20_000 });
    await s.page.getByTestId('autosave-problem-save').click();
    expect((await download).suggestedFilename()).toMatch(/\.firebreak$/);
    expect(s.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  }, 120_000);

  it('sent no request beyond 127.0.0.1', () => {
    expect(s.requested.filter((u) => !isLocal(u))).toEqual([]);
  });
});
