// Measurements of the UI under load (not a pass/fail speed test; run with FIREBREAK_UI_BENCH=1):
//  - the shock slider: pointer release → re-run → charts redrawn, on a generated 100k-position workspace;
//  - frames while a 1M-position run goes (the worker yields every 25 ms; the page must stay responsive).
// It prints the figures for bench/RESULTS.md.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../engine/node/generate';
import { COMPLETE_AFTER_MS } from '../../renderer/workflows/run-flow';
import { hasChromium, openSession, waitForDrawnRun, waitForKpis, type Session } from './harness';

const enabled = hasChromium && process.env.FIREBREAK_UI_BENCH === '1';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function importGenerated(s: Session, positions: number): Promise<void> {
  const dir = join(s.profile, `gen-${positions}`);
  const made = generateWorkspace(dir, { positions, seed: 1 });
  if (!made.ok) throw new Error(made.error);
  await s.page.getByTestId('tab-start').click();
  const chooser = s.page.waitForEvent('filechooser');
  await s.page.getByRole('button', { name: /Import files/ }).click();
  await (await chooser).setFiles(readdirSync(dir).map((n) => join(dir, n)));
  await s.page.getByTestId('import-confirm').click();
  await s.page.getByTestId('overview-view').waitFor({ timeout: 180_000 });
  await s.page.getByTestId('scenario-select').selectOption({ label: 'Flash crash: majors -30%, stalled oracle, CEX A outage' });
}

/** Frame gaps (ms) seen by requestAnimationFrame from now until stop() is called in the page. */
async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: [number, number][]; __stop: boolean; __loaf: string[] };
    w.__frames = [];
    w.__stop = false;
    w.__loaf = [];
    // Long animation frames with what ran in them, to tell our work from a starved CPU.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { duration: number; blockingDuration: number; renderStart: number; startTime: number; styleAndLayoutStart: number; scripts: { invoker: string; sourceFunctionName: string; duration: number; forcedStyleAndLayoutDuration: number }[] }[]) {
        const scripts = e.scripts.map((x) => `${x.invoker}${x.sourceFunctionName ? `/${x.sourceFunctionName}` : ''} ${x.duration.toFixed(0)}ms`).join(', ');
        w.__loaf.push(`${e.duration.toFixed(0)}ms (blocking ${e.blockingDuration.toFixed(0)}, render ${(e.startTime + e.duration - e.renderStart).toFixed(0)}): ${scripts || 'no script'}`);
      }
    }).observe({ type: 'long-animation-frame', buffered: false });
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push([now, now - last]);
      last = now;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** The frame gaps before the run's answer arrived (the run itself) and after (results drawn). */
async function stopFrames(page: Page): Promise<{ during: number[]; after: number[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: [number, number][]; __stop: boolean };
    w.__stop = true;
    const answered = performance.getEntriesByName('fb:run-answered').at(-1)?.startTime ?? Infinity;
    return { during: w.__frames.filter(([t]) => t <= answered).map(([, d]) => d), after: w.__frames.filter(([t]) => t > answered).map(([, d]) => d) };
  });
}

describe.skipIf(!enabled)('UI measurements', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ width: 1366, height: 768 });
    await s.page.goto(s.url);
    await waitForKpis(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shock slider on 100k positions: release → redrawn', async () => {
    await importGenerated(s, 100_000);
    await s.page.getByTestId('run-button').click();
    let run = await waitForDrawnRun(s.page, null, 120_000);
    const slider = s.page.getByTestId('quick-shock-slider');
    const box = await slider.boundingBox();
    if (!box) throw new Error('no slider');
    const times: number[] = [];
    const rested: number[] = [];
    const traced: number[] = [];
    const runMs: string[] = [];
    const breakdown: string[] = [];
    const at = [0.2, 0.3, 0.1, 0.25, 0.15, 0.35, 0.05, 0.22, 0.32, 0.12, 0.27, 0.18, 0.08];
    // Twice over the same positions: moved again as soon as the charts are redrawn (a preview's
    // completion, if started, is cancelled), then resting until the paths are traced each time.
    for (const rest of [false, true]) {
      for (const [i, x] of at.entries()) {
        await s.page.evaluate(() => performance.clearMarks());
        await s.page.mouse.click(box.x + box.width * x, box.y + box.height / 2);
        run = await waitForDrawnRun(s.page, run, 60_000);
        const [ms, parts] = await s.page.evaluate(() => {
          const at = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
          const release = at('fb:quick-release');
          const names = ['fb:run-sent', 'fb:run-answered', 'fb:charts-answered', 'fb:run-stored', 'fb:results-drawn'];
          return [at('fb:results-drawn') - release, names.map((n) => `${n.slice(3)} +${(at(n) - release).toFixed(0)}`).join(' ')] as const;
        });
        if (rest) {
          await s.page.waitForFunction((id) => document.querySelector('[data-testid="results-view"]')?.getAttribute('data-traced-run') === id, run, { timeout: 60_000 });
          traced.push(await s.page.evaluate(() => performance.now() - (performance.getEntriesByName('fb:quick-release').at(-1)?.startTime ?? NaN)));
        }
        if (i === 0) continue;
        (rest ? rested : times).push(ms);
        breakdown.push(parts);
        runMs.push((await s.page.getByTestId('run-status').innerText()).replace(/^.* · /, ''));
      }
    }
    const list = (xs: number[]) => `${xs.map((t) => t.toFixed(0)).join(', ')}; median ${median(xs).toFixed(0)}`;
    console.log(`UI bench: quick shock 100k positions, release → redrawn ms, moved again at once: ${list(times)}`);
    console.log(`UI bench: quick shock 100k positions, release → redrawn ms, resting between moves: ${list(rested)}`);
    console.log(`UI bench: release → contagion paths traced (rest ${COMPLETE_AFTER_MS} ms + completion): ${list(traced)}`);
    console.log(`UI bench: engine run times: ${runMs.join(' | ')}`);
    console.log(`UI bench: breakdown (ms after release): ${breakdown.join(' | ')}`);
    expect(times.every(Number.isFinite)).toBe(true);
  }, 300_000);

  it('frames during a 1M-position run', async () => {
    await importGenerated(s, 1_000_000);
    await s.page.evaluate(() => performance.clearMarks());
    await startFrames(s.page);
    const started = Date.now();
    await s.page.getByTestId('run-button').click();
    // The import cleared the results: the next drawn run is this one.
    await waitForDrawnRun(s.page, null, 300_000);
    const { during, after } = await stopFrames(s.page);
    const describe = (xs: number[]) => {
      const long = xs.filter((f) => f > 50);
      return `${xs.length} frames, longest ${Math.max(...xs).toFixed(1)} ms, median ${median(xs).toFixed(1)} ms, > 50 ms: ${long.length}${long.length ? ` (${long.map((f) => f.toFixed(0)).join(', ')})` : ''}`;
    };
    console.log(`UI bench: 1M-position run, ${((Date.now() - started) / 1000).toFixed(1)} s from click to drawn`);
    console.log(`UI bench: while the run went: ${describe(during)}`);
    console.log(`UI bench: from the answer to the drawn dashboard: ${describe(after)}`);
    console.log(`UI bench: ${await s.page.getByTestId('run-status').innerText()}`);
    console.log(
      `UI bench: marks (ms after the click): ${await s.page.evaluate(() => {
        const sent = performance.getEntriesByName('fb:run-sent').at(-1)?.startTime ?? 0;
        return ['fb:run-answered', 'fb:charts-answered', 'fb:run-stored', 'fb:results-drawn'].map((n) => `${n.slice(3)} +${((performance.getEntriesByName(n).at(-1)?.startTime ?? NaN) - sent).toFixed(0)}`).join(' ');
      })}`,
    );
    console.log(`UI bench: long animation frames: ${(await s.page.evaluate(() => (window as unknown as { __loaf: string[] }).__loaf)).join(' | ')}`);
    expect(during.length).toBeGreaterThan(0);

    // The 1M-row positions table: sort in the worker, then scroll through pages fetched on demand.
    await s.page.getByTestId('tab-tables').click();
    const grid = s.page.getByTestId('data-grid');
    await expect.poll(() => grid.locator('.grid-status').innerText(), { timeout: 60_000 }).toMatch(/^[\d,]+ of [\d,]+ rows/);
    const sortStart = Date.now();
    await grid.getByRole('columnheader', { name: /debt_amount/ }).click();
    await expect.poll(() => grid.locator('.grid-status').innerText(), { timeout: 60_000 }).toMatch(/sorted by debt_amount/);
    await expect.poll(() => grid.locator('.grid-row').first().locator('.grid-td').nth(1).innerText(), { timeout: 60_000 }).not.toBe('');
    const sortMs = Date.now() - sortStart;
    await startFrames(s.page);
    const scroller = grid.locator('.grid-scroll');
    await scroller.hover();
    for (let i = 0; i < 60; i++) await s.page.mouse.wheel(0, 4000);
    await s.page.evaluate(() => (document.querySelector('.grid-scroll') as HTMLElement).scrollTo({ top: 14_000_000 }));
    await s.page.waitForTimeout(800);
    const scroll = await stopFrames(s.page);
    const frames = [...scroll.during, ...scroll.after];
    console.log(
      `UI bench: 1M-row positions grid: sort by debt_amount ${sortMs} ms click → first page shown; scrolling: ${frames.length} frames, longest ${Math.max(...frames).toFixed(1)} ms, > 50 ms: ${frames.filter((f) => f > 50).length}`,
    );
    console.log(`UI bench: long animation frames while scrolling: ${(await s.page.evaluate(() => (window as unknown as { __loaf: string[] }).__loaf)).slice(0, 12).join(' | ')}`);
    console.log(`UI bench: grid at row ${await grid.locator('.grid-row').first().locator('.grid-td').first().innerText()}: ${await grid.locator('.grid-status').innerText()}`);

    // The shock slider on the same 1M positions (a preview of ~430k liquidations each).
    await s.page.getByTestId('tab-results').click();
    let run = await s.page.getByTestId('results-view').getAttribute('data-drawn-run');
    const box = await s.page.getByTestId('quick-shock-slider').boundingBox();
    if (!box) throw new Error('no slider');
    const big: number[] = [];
    for (const x of [0.2, 0.3, 0.1, 0.25]) {
      await s.page.evaluate(() => performance.clearMarks());
      await s.page.mouse.click(box.x + box.width * x, box.y + box.height / 2);
      run = await waitForDrawnRun(s.page, run, 120_000);
      big.push(await s.page.evaluate(() => (performance.getEntriesByName('fb:results-drawn').at(-1)?.startTime ?? NaN) - (performance.getEntriesByName('fb:quick-release').at(-1)?.startTime ?? NaN)));
    }
    console.log(`UI bench: quick shock 1M positions, release → redrawn ms: ${big.map((t) => t.toFixed(0)).join(', ')}; median ${median(big.slice(1)).toFixed(0)} (first left out)`);
  }, 900_000);
});
