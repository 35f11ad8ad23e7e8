// The app's autosave in Chromium through the web host: the first edit of the demo, a moment
// after the app starts, survives a tab crash (the demo's workspace is autosaved before any edit).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, isLocal, openSession, waitForKpis, type Session } from './harness';

describe.skipIf(!hasChromium)('the app’s autosave (web host)', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openSession({ width: 1280, height: 860 });
    await s.page.goto(`${s.url}index.html`);
    await waitForKpis(s.page);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('keeps the first edit after the app starts when the tab crashes 200 ms after it', async () => {
    await s.page.getByTestId('tab-scenario').click();
    const name = s.page.getByTestId('scenario-name');
    await name.fill('Flash crash, renamed just before a crash');
    await s.page.waitForTimeout(200);
    const cdp = await s.context.newCDPSession(s.page);
    void cdp.send('Page.crash').catch(() => undefined);
    await s.page.waitForEvent('crash', { timeout: 10_000 });
    s.page = await s.context.newPage();
    await s.page.goto(`${s.url}index.html`);
    const banner = s.page.getByTestId('restore-banner');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.innerText()).toContain('Firebreak did not close properly last time.');
    await s.page.getByTestId('restore-accept').click();
    await s.page.getByTestId('tab-scenario').click();
    await expect.poll(() => s.page.getByTestId('scenario-name').inputValue(), { timeout: 30_000 }).toBe('Flash crash, renamed just before a crash');
  });

  it('sent no request beyond 127.0.0.1', () => {
    expect(s.requested.filter((u) => !isLocal(u))).toEqual([]);
  });
});
