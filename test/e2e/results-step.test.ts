// The Results dashboard follows the timeline, end to end in Debian's Chromium through the web
// host: scrubbing moves the key figures to "as of step t" and a marker line across the step
// charts; a project saved (Ctrl+S, a download) and opened again (Ctrl+O) comes back on the same
// view, step and network pins, with no "changed since this run" banner.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, isLocal, kpis, openSession, waitForDrawnRun, waitForKpis, type Session } from './harness';

/** The marker's colour: the light theme's text (renderer/charts/palette.ts). */
const MARK = [0x1b, 0x24, 0x30];

/**
 * The x (canvas pixels) of the tallest vertical run of the marker's colour in a chart card's
 * canvas, and its height: a full-height line stands far above any text in that colour.
 */
async function markerColumn(page: Page, card: string): Promise<{ x: number; height: number }> {
  return page.getByTestId(card).locator('canvas').first().evaluate((el, mark) => {
    // Copied into a canvas made for reading back (Chromium warns in the console otherwise).
    const canvas = el as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
    ctx.drawImage(canvas, 0, 0);
    const { width, height } = copy;
    const px = ctx.getImageData(0, 0, width, height).data;
    let best = { x: -1, height: 0 };
    for (let x = 0; x < width; x++) {
      let run = 0;
      let longest = 0;
      for (let y = 0; y < height; y++) {
        const i = 4 * (y * width + x);
        const near = Math.abs((px[i] ?? 0) - (mark[0] ?? 0)) + Math.abs((px[i + 1] ?? 0) - (mark[1] ?? 0)) + Math.abs((px[i + 2] ?? 0) - (mark[2] ?? 0)) < 60 && (px[i + 3] ?? 0) > 200;
        run = near ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
      if (longest > best.height) best = { x, height: longest };
    }
    return best;
  }, MARK);
}


describe.skipIf(!hasChromium)('Results follows the timeline in Chromium', () => {
  let s: Session;
  let final: Record<string, string> = {};

  beforeAll(async () => {
    s = await openSession({ width: 1366, height: 768 }, 'light');
    await s.page.goto(s.url);
    await waitForKpis(s.page);
    await waitForDrawnRun(s.page, null);
  });
  afterAll(async () => {
    await s?.close();
  });

  const results = () => s.page.getByTestId('results-view');

  it('opens on the run’s outcome: no marker, no "as of" label', async () => {
    final = await kpis(s.page);
    expect(await results().getAttribute('data-step')).toBe('last');
    expect(await s.page.getByTestId('kpi-as-of').count()).toBe(0);
    expect((await markerColumn(s.page, 'chart-liquidations')).height).toBeLessThan(60);
    expect(await s.page.getByTestId('timeline').isVisible()).toBe(true);
  });

  it('scrubs back: the key figures are as of the step and the marker moves with it', async () => {
    await s.page.getByTestId('timeline-slider').focus();
    await s.page.keyboard.press('Home');
    await expect.poll(() => results().getAttribute('data-step')).toBe('0');
    await expect.poll(() => s.page.getByTestId('kpi-as-of').innerText()).toMatch(/^as of step 0 of \d+$/);
    await expect.poll(async () => (await kpis(s.page))['total-liquidated']).not.toBe('—');
    const at0 = await kpis(s.page);
    console.log('e2e results KPIs at the end and at step 0:', final, at0);
    expect(at0['total-liquidated']).not.toBe(final['total-liquidated']);
    expect(at0['steps-run']).toBe('1');
    await expect.poll(async () => (await markerColumn(s.page, 'chart-liquidations')).height).toBeGreaterThan(100);
    const x0 = await markerColumn(s.page, 'chart-liquidations');

    for (let k = 0; k < 5; k++) await s.page.keyboard.press('ArrowRight');
    await expect.poll(() => results().getAttribute('data-step')).toBe('5');
    await expect.poll(async () => (await markerColumn(s.page, 'chart-liquidations')).x).toBeGreaterThan(x0.x + 20);
    const x5 = await markerColumn(s.page, 'chart-liquidations');
    expect(x5.height).toBeGreaterThan(100);
    const prices = await markerColumn(s.page, 'chart-prices');
    expect(prices.height).toBeGreaterThan(100);
    expect(await s.page.getByTestId('kpi-as-of').innerText()).toMatch(/^as of step 5 of \d+$/);
    console.log(`e2e step marker on liquidations: x ${x0.x} at step 0, x ${x5.x} at step 5`);
    await s.shot('results-step');
    expect(s.problems).toEqual([]);
  });

  it('saves the project and opens it again on the same view, step and pins, with no stale banner', async () => {
    // Pin a node on the Network tab: drag a defaulted (vermillion) vertex aside.
    await s.page.getByTestId('tab-network').click();
    await s.page.waitForFunction(() => (document.querySelector('[data-testid="network-summary"]')?.textContent ?? '').startsWith('At step 5'), null, { timeout: 30_000 });
    await s.page.waitForTimeout(500);
    const chart = s.page.getByTestId('network-chart');
    const at = await chart.locator('canvas').first().evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
      ctx.drawImage(canvas, 0, 0);
      const px = ctx.getImageData(0, 0, copy.width, copy.height).data;
      // The first pixel of a defaulted vertex (#D55E00), then the middle of its blob.
      for (let i = 0; i < px.length; i += 4) {
        if (Math.abs((px[i] ?? 0) - 0xd5) + Math.abs((px[i + 1] ?? 0) - 0x5e) + Math.abs(px[i + 2] ?? 0) > 24 || (px[i + 3] ?? 0) < 250) continue;
        const x = (i / 4) % canvas.width;
        const y = Math.floor(i / 4 / canvas.width);
        return { x, y: y + 4 };
      }
      return null;
    });
    expect(at).not.toBeNull();
    const box = await chart.boundingBox();
    if (at === null || box === null) throw new Error('no defaulted vertex drawn');
    await s.page.mouse.move(box.x + at.x, box.y + at.y);
    await s.page.mouse.down();
    await s.page.mouse.move(box.x + at.x + 30, box.y + at.y + 40, { steps: 6 });
    await s.page.mouse.up();
    await expect.poll(() => s.page.getByTestId('network-view').innerText()).toMatch(/1 pinned/);

    const download = s.page.waitForEvent('download', { timeout: 30_000 });
    await s.page.keyboard.press('Control+s');
    const file = join(s.profile, 'step-and-pins.firebreak');
    await (await download).saveAs(file);

    // Somewhere else first: the Results tab at the end of the run, no pins.
    await s.page.getByTestId('tab-results').click();
    await s.page.getByTestId('timeline-slider').focus();
    await s.page.keyboard.press('End');
    await expect.poll(() => results().getAttribute('data-step')).toBe('last');

    await s.page.getByTestId('tab-start').click();
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.keyboard.press('Control+o');
    await (await chooser).setFiles(file);
    await s.page.getByTestId('network-view').waitFor({ timeout: 30_000 });
    await expect.poll(() => s.page.getByTestId('timeline-step').innerText(), { timeout: 30_000 }).toMatch(/^step 5 \//);
    await expect.poll(() => s.page.getByTestId('network-view').innerText(), { timeout: 30_000 }).toMatch(/1 pinned/);
    expect(await s.page.getByTestId('tab-network').getAttribute('aria-selected')).toBe('true');

    await s.page.getByTestId('tab-results').click();
    await waitForKpis(s.page);
    await expect.poll(() => results().getAttribute('data-step')).toBe('5');
    // The saved run's charts are drawn again, marked at the saved step.
    await expect.poll(async () => (await markerColumn(s.page, 'chart-liquidations')).height, { timeout: 30_000 }).toBeGreaterThan(100);
    expect(await s.page.getByTestId('kpi-as-of').innerText()).toMatch(/^as of step 5 of \d+$/);
    expect(await s.page.locator('.stale-note').count()).toBe(0);
    await s.shot('results-step-reopened');
    expect(s.problems).toEqual([]);
  });

  it('sent no request beyond 127.0.0.1', () => {
    expect(s.escaped).toEqual([]);
    expect(s.requested.every(isLocal)).toBe(true);
  });
});
