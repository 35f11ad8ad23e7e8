// Measurements of the scenario editor on a scenario of 12,000 events (not a pass/fail speed test;
// run with FIREBREAK_UI_BENCH=1): first draw after the import, the page settled, one keystroke
// in a field drawn, the validation's answer drawn, scrolling, and undo. It prints the figures.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, openSession, waitForKpis, type Session } from './harness';
import { dropFiles, longScenario } from './long-scenario';

const enabled = hasChromium && process.env.FIREBREAK_UI_BENCH === '1';
const EVENTS = 12_000;

interface Probe {
  loaf: { start: number; end: number; blocking: number; scripts: string; render: number }[];
  frames: number[];
}

/** Long animation frames and frame gaps from now on, kept in the page. */
async function startProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __probe: Probe; __stop: boolean; __observer: PerformanceObserver };
    w.__probe = { loaf: [], frames: [] };
    w.__stop = false;
    w.__observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { startTime: number; duration: number; blockingDuration: number; renderStart: number; scripts: { invoker: string; sourceFunctionName: string; duration: number; forcedStyleAndLayoutDuration: number }[] }[]) w.__probe.loaf.push({ start: e.startTime, end: e.startTime + e.duration, blocking: e.blockingDuration, scripts: e.scripts.map((x) => `${x.invoker} ${x.sourceFunctionName} ${x.duration.toFixed(0)}ms layout ${x.forcedStyleAndLayoutDuration.toFixed(0)}`).join(', '), render: e.startTime + e.duration - e.renderStart });
    });
    w.__observer.observe({ type: 'long-animation-frame', buffered: false });
    let last = performance.now();
    const tick = (now: number) => {
      w.__probe.frames.push(now - last);
      last = now;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function stopProbe(page: Page): Promise<Probe> {
  return page.evaluate(() => {
    const w = window as unknown as { __probe: Probe; __stop: boolean; __observer: PerformanceObserver };
    w.__stop = true;
    w.__observer.disconnect();
    return w.__probe;
  });
}

/** Milliseconds from a key pressed in the focused field to the frame after it is drawn. */
async function keystroke(page: Page, key: string): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __key: Promise<number> };
    w.__key = new Promise((resolve) => {
      let t0 = 0;
      document.addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
      // The key's handlers (and React's render) have run by its keyup; then the next frame is drawn.
      document.addEventListener('keyup', () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0)), { capture: true, once: true });
    });
  });
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __key: Promise<number> }).__key);
}

const rest = (page: Page, ms = 1500) => page.waitForTimeout(ms);

describe.skipIf(!enabled)('scenario editor measurements', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ width: 1366, height: 768 });
    await s.page.goto(s.url);
    await waitForKpis(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it(`a scenario of ${EVENTS} events: open, edit, scroll, undo`, async () => {
    const { page } = s;
    await dropFiles(page, [{ name: 'long.json', text: JSON.stringify(longScenario(EVENTS)) }]);
    await page.getByTestId('import-confirm').waitFor();
    await rest(page, 500);
    await startProbe(page);
    const opened = await page.evaluate(
      () =>
        new Promise<{ first: number }>((resolve) => {
          const t0 = performance.now();
          const seen = new MutationObserver(() => {
            if (document.querySelector('[data-testid="event-0"]') === null) return;
            seen.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve({ first: performance.now() - t0 }), 0));
          });
          seen.observe(document.body, { childList: true, subtree: true });
          (document.querySelector('[data-testid="import-confirm"]') as HTMLElement).click();
        }),
    );
    await page.getByTestId('scenario-validation').filter({ hasText: /^Valid/ }).waitFor({ timeout: 120_000 });
    // Settled: no long frame for two seconds.
    for (let i = 0; i < 120; i++) {
      await rest(page, 1000);
      if (await page.evaluate(() => performance.now() - ((window as unknown as { __probe: Probe }).__probe.loaf.at(-1)?.end ?? 0) > 2000)) break;
    }
    const load = await stopProbe(page);
    const loadBusy = load.loaf.reduce((a, e) => a + (e.end - e.start), 0);
    const settled = (load.loaf.at(-1)?.end ?? 0) - (load.loaf[0]?.start ?? 0);
    const cards = await page.locator('.event-card').count();
    if (process.env.FIREBREAK_UI_LOAF === '1') console.log(load.loaf.map((e) => `${(e.end - e.start).toFixed(0)}ms render ${e.render.toFixed(0)}: ${e.scripts}`).join('\n'));
    console.log(`scenario bench: ${EVENTS} events: first card drawn ${opened.first.toFixed(0)} ms after confirm; long frames ${load.loaf.length}, busy ${loadBusy.toFixed(0)} ms, longest ${Math.max(0, ...load.loaf.map((e) => e.end - e.start)).toFixed(0)} ms, first long frame to last ${settled.toFixed(0)} ms; cards in the page ${cards}`);

    await s.shot('scenario-long-opened');
    const field = page.getByTestId('event-0-change');
    await field.click();
    await page.keyboard.press('End');
    await rest(page);
    const typed: number[] = [];
    const after: number[] = [];
    for (const key of ['5', '1', 'Backspace', 'Backspace', '2']) {
      await startProbe(page);
      typed.push(await keystroke(page, key));
      await rest(page, 1200);
      const p = await stopProbe(page);
      after.push(Math.max(0, ...p.loaf.map((e) => e.end - e.start)));
    }
    console.log(`scenario bench: keystroke in event 1's field → drawn: ${typed.map((t) => t.toFixed(0)).join(', ')} ms; longest frame in the 1.2 s after (validation answer): ${after.map((t) => t.toFixed(0)).join(', ')} ms`);

    await rest(page);
    await startProbe(page);
    const undo = await keystroke(page, 'Control+z');
    await rest(page, 1200);
    const undoAfter = await stopProbe(page);
    console.log(`scenario bench: Ctrl+Z → drawn ${undo.toFixed(0)} ms; longest frame after ${Math.max(0, ...undoAfter.loaf.map((e) => e.end - e.start)).toFixed(0)} ms`);

    await startProbe(page);
    const box = await page.getByTestId('event-0').boundingBox();
    await page.mouse.move((box?.x ?? 400) + 200, (box?.y ?? 400) + 40);
    for (let i = 0; i < 40; i++) {
      await page.mouse.wheel(0, 1500);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    }
    await rest(page, 800);
    const scroll = await stopProbe(page);
    const longest = Math.max(...scroll.frames);
    if (process.env.FIREBREAK_UI_LOAF === '1') console.log(scroll.loaf.map((e) => `${(e.end - e.start).toFixed(0)}ms render ${e.render.toFixed(0)}: ${e.scripts}`).join('\n'));
    console.log(`scenario bench: 40 wheel steps of 1500 px: ${scroll.frames.length} frames, longest ${longest.toFixed(0)} ms, > 50 ms: ${scroll.frames.filter((f) => f > 50).length}; cards in the page ${await page.locator('.event-card').count()}`);

    await s.shot('scenario-long-scrolled');
    await page.evaluate(() => {
      for (let el = document.querySelector('.event-card')?.parentElement ?? null; el !== null; el = el.parentElement) if (el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflowY !== 'visible') el.scrollTop = 0;
    });
    await rest(page, 800);
    await startProbe(page);
    const removed = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const t0 = performance.now();
          const check = () => {
            if (document.querySelector('[data-testid="event-0"] .event-line')?.textContent?.startsWith('stETH') === true) setTimeout(() => resolve(performance.now() - t0), 0);
            else requestAnimationFrame(check);
          };
          document.querySelector<HTMLElement>('[data-testid="event-0"] button[aria-label="Delete event 1"]')?.click();
          requestAnimationFrame(check);
        }),
    );
    await rest(page, 1200);
    const removeAfter = await stopProbe(page);
    console.log(`scenario bench: delete event 1 → drawn ${removed.toFixed(0)} ms; longest frame after ${Math.max(0, ...removeAfter.loaf.map((e) => e.end - e.start)).toFixed(0)} ms`);
    expect(typed.every(Number.isFinite)).toBe(true);
  }, 600_000);
});
