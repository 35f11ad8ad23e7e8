// The app's Save in Chromium through the web host: an edit made while a Save runs is not in the
// saved file, so the project stays unsaved and the edit is autosaved over the file just saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, isLocal, openSession, waitForKpis, type Session } from './harness';

describe.skipIf(!hasChromium)('an edit made while the app saves (web host)', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openSession({ width: 1280, height: 860 });
    await s.page.goto(`${s.url}index.html`);
    await waitForKpis(s.page);
  }, 90_000);

  afterAll(async () => {
    await s?.close();
  });

  it('stays unsaved, and is offered back after a reload', async () => {
    await s.page.getByTestId('tab-scenario').click();
    const name = s.page.getByTestId('scenario-name');
    await name.fill('Flash crash, saved');
    await s.page.waitForTimeout(300);
    const download = s.page.waitForEvent('download', { timeout: 20_000 });
    await s.page.keyboard.press('Control+s');
    // The engine is still building the file: this edit is not in it.
    await name.fill('Flash crash, edited while it saved');
    await download;
    await expect.poll(() => s.page.getByTestId('project-message').innerText().catch(() => ''), { timeout: 10_000 }).toContain('Saved');
    expect(await name.inputValue()).toBe('Flash crash, edited while it saved');
    // Unsaved: the title says so (and the browser asks before the page goes).
    await expect.poll(() => s.page.title(), { timeout: 5_000 }).toContain('•');
    s.page.on('dialog', (d) => void d.accept());
    await s.page.waitForTimeout(300);
    await s.page.reload();
    const banner = s.page.getByTestId('restore-banner');
    await banner.waitFor({ timeout: 30_000 });
    await s.page.getByTestId('restore-accept').click();
    await s.page.getByTestId('tab-scenario').click();
    await expect.poll(() => s.page.getByTestId('scenario-name').inputValue(), { timeout: 30_000 }).toBe('Flash crash, edited while it saved');
  }, 120_000);

  it('sent no request beyond 127.0.0.1', () => {
    expect(s.requested.filter((u) => !isLocal(u))).toEqual([]);
  });
});
