// The workstation end to end, in Debian's Chromium through the web host: first launch, import with
// problems shown in place, the scenario editor and a run, the shock slider, cancel, themes, and
// not one request beyond 127.0.0.1. Screenshots of every view land in test/e2e/screenshots/.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../engine/node/generate';
import { openWorkspace } from '../../engine/open-workspace';
import { HELPER_MIN_CORES } from '../../engine/workspace/csv-part';
import { importWorkspace } from '../../engine/workspace/import';
import { hasChromium, isLocal, kpis, openSession, root, waitForDrawnRun, waitForKpis, type Session } from './harness';

const DEMO = join(root, 'assets', 'demo');
const VIEWS = ['start', 'overview', 'tables', 'scenario', 'results', 'levels', 'analysis', 'network', 'compare'] as const;
const UNITS: Record<string, string> = { 'total-liquidated': 'USD', 'bad-debt': 'USD', defaults: 'nodes', 'total-loss': 'USD', amplification: '×', 'steps-run': 'steps' };

if (!hasChromium) console.warn('e2e skipped: /usr/bin/chromium is absent (apt-get install -y chromium).');

async function openTab(page: Page, view: (typeof VIEWS)[number]): Promise<void> {
  await page.getByTestId(`tab-${view}`).click();
  await page.getByTestId(`${view === 'results' ? 'results' : view}-view`).waitFor();
}

/** Closes an import dialog a failed test may have left open. */
async function closeDialogs(page: Page): Promise<void> {
  const cancel = page.getByTestId('import-cancel');
  if (await cancel.isVisible()) await cancel.click();
}

/** Drops files on the window as a person would drag them from a file manager. */
async function dropFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name));
    for (const type of ['dragenter', 'dragover', 'drop']) window.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

describe.skipIf(!hasChromium)('the workstation in Chromium', () => {
  let s: Session;
  let firstKpis: Record<string, string> = {};

  beforeAll(async () => {
    s = await openSession({ width: 1366, height: 768 }, 'light');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens the bundled demo on first launch, runs flash crash and shows its KPIs with units', async () => {
    await s.page.goto(s.url);
    await waitForKpis(s.page);
    await waitForDrawnRun(s.page, null);
    expect(await s.page.getByTestId('run-label').innerText()).toMatch(/^Flash crash/);
    for (const [id, unit] of Object.entries(UNITS)) expect(await s.page.getByTestId(`kpi-${id}`).locator('.kpi-unit').innerText(), id).toBe(unit);
    firstKpis = await kpis(s.page);
    console.log('e2e first launch KPIs:', firstKpis);
    expect(firstKpis['defaults']).toBe('2');
    expect(firstKpis['steps-run']).toMatch(/^\d+$/);
    expect(await s.page.getByTestId('scenario-select').locator('option').count()).toBe(5);
    await s.shot('results-light');
    expect(s.problems).toEqual([]);
  });

  it('shows every view at 1366×768 without sideways scrolling', async () => {
    for (const view of VIEWS) {
      await openTab(s.page, view);
      await s.page.waitForTimeout(400);
      const width = await s.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, view).toBeLessThanOrEqual(1366);
      await s.shot(`${view}-light`);
    }
    await openTab(s.page, 'overview');
    expect(await s.page.getByTestId('overview-warnings').innerText()).toMatch(/Every node is solvent/);
    expect(s.problems).toEqual([]);
  });

  it('keeps every tab where a click reaches it in narrow windows (the scenario picker once covered them)', async () => {
    for (const width of [900, 800]) {
      await s.page.setViewportSize({ width, height: 700 });
      for (const view of VIEWS) {
        const tab = s.page.getByTestId(`tab-${view}`);
        await tab.scrollIntoViewIfNeeded();
        const box = await tab.boundingBox();
        expect(box, `${view} at ${width}px`).not.toBeNull();
        const hit = await s.page.evaluate(([x, y]) => document.elementFromPoint(x as number, y as number)?.closest('[role="tab"]')?.getAttribute('data-testid') ?? null, [
          (box?.x ?? 0) + (box?.width ?? 0) / 2,
          (box?.y ?? 0) + (box?.height ?? 0) / 2,
        ]);
        expect(hit, `${view} at ${width}px`).toBe(`tab-${view}`);
      }
    }
    await s.page.setViewportSize({ width: 1366, height: 768 });
    // The tab list's arrows move between tabs (they moved the timeline).
    await s.page.getByTestId('tab-results').click();
    const step = await s.page.getByTestId('timeline-slider').inputValue();
    await s.page.keyboard.press('ArrowRight');
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tab-levels');
    expect(await s.page.getByTestId('tab-levels').getAttribute('aria-selected')).toBe('true');
    await s.page.keyboard.press('ArrowLeft');
    expect(await s.page.getByTestId('tab-results').getAttribute('aria-selected')).toBe('true');
    expect(await s.page.getByTestId('timeline-slider').inputValue()).toBe(step);
  });

  it('sorts and filters a table in the worker', async () => {
    await openTab(s.page, 'tables');
    const grid = s.page.getByTestId('data-grid');
    await grid.getByRole('columnheader', { name: /debt_amount/ }).click();
    await grid.getByRole('columnheader', { name: /debt_amount/ }).click();
    await grid.getByLabel('Filter venue').fill('spark');
    await expect.poll(() => grid.locator('.grid-status').innerText()).toMatch(/^58 of 237 rows match the filters · sorted by debt_amount ↓/);
    const firstVenue = await grid.locator('.grid-row').first().locator('.grid-td').nth(3).innerText();
    expect(firstVenue).toBe('spark');
    await s.shot('tables-filtered-light');
  });

  it('shows the offending row of a CSV in context, and keeps the open workspace', async () => {
    await closeDialogs(s.page);
    const dir = join(s.profile, 'bad');
    const names = readdirSync(join(DEMO, 'workspace'));
    const files = names.map((n) => join(dir, n));
    mkdirSync(dir, { recursive: true });
    for (const n of names) {
      let text = readFileSync(join(DEMO, 'workspace', n), 'utf8');
      if (n === 'assets.csv') text = text.replace('wBTC,60000,', 'wBTC,sixty thousand,');
      writeFileSync(join(dir, n), text);
    }
    await openTab(s.page, 'start');
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.getByRole('button', { name: /Import files/ }).click();
    await (await chooser).setFiles(files);
    const dialog = s.page.getByTestId('import-dialog');
    await dialog.getByTestId('import-confirm').click();
    const problems = dialog.getByTestId('import-problems');
    await problems.waitFor({ timeout: 30_000 });
    const text = await problems.innerText();
    console.log('e2e import problems:', text.split('\n').slice(0, 4).join(' | '));
    expect(text).toMatch(/assets\s+4\s+price\s+sixty thousand/);
    const offending = dialog.getByTestId('offending-row');
    expect(await offending.innerText()).toContain('wBTC,sixty thousand,30000000');
    expect(await offending.locator('mark').innerText()).toBe('sixty thousand');
    await s.shot('import-problems-light');
    await dialog.getByTestId('import-cancel').click();
    expect(await s.page.locator('.brand-source').innerText()).toBe('Demo workspace');
    expect(await s.page.getByTestId('run-error').count()).toBe(0);
  });

  it('previews each source with its table, suggested column mapping and first rows; a changed mapping is imported', async () => {
    await closeDialogs(s.page);
    const dir = join(s.profile, 'mapped');
    mkdirSync(dir, { recursive: true });
    const names = readdirSync(join(DEMO, 'workspace'));
    for (const n of names) {
      let text = readFileSync(join(DEMO, 'workspace', n), 'utf8');
      // An export with its own headers: the engine suggests id ← Token, price ← Spot price (USD), depth_usd ← Liquidity.
      if (n === 'assets.csv') text = text.replace('id,price,depth_usd,peg,name', 'Token,Spot price (USD),Liquidity,peg,name');
      writeFileSync(join(dir, n), text);
    }
    // Chromium opens a file chooser only in answer to the user: a click first gives the page that activation.
    await s.page.getByTestId('tab-start').click();
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.keyboard.press('Control+i');
    await (await chooser).setFiles(names.map((n) => join(dir, n)));
    const dialog = s.page.getByTestId('import-dialog');
    const assets = dialog.getByTestId('source-assets.csv');
    await assets.waitFor({ timeout: 30_000 });
    expect(await dialog.getByLabel('assets.csv is read as').inputValue()).toBe('assets');
    expect(await assets.getByLabel('assets.id from').inputValue()).toBe('Token');
    expect(await assets.getByLabel('assets.price from').inputValue()).toBe('Spot price (USD)');
    expect(await assets.getByLabel('assets.depth_usd from').inputValue()).toBe('Liquidity');
    expect(await assets.locator('.sample').innerText()).toContain('Ether');
    // No pools in this copy: depth read from nothing, so no asset has price impact.
    await assets.getByLabel('assets.depth_usd from').selectOption('');
    expect(await assets.locator('.badge.default').count()).toBeGreaterThan(0);
    await s.shot('import-preview-light');
    await dialog.getByTestId('import-confirm').click();
    await s.page.getByTestId('overview-view').waitFor({ timeout: 30_000 });
    const ethDepth = s.page.locator('table[aria-label="Exposure by asset"] tr:has(td:text-is("ETH")) td:last-child');
    await expect.poll(() => ethDepth.innerText(), { timeout: 10_000 }).toBe('no pool');
    await s.page.getByTestId('tab-start').click();
    // The imported workspace is unsaved work: opening the demo over it asks first (the browser's confirm here).
    const asked = new Promise<string>((resolve) => s.page.once('dialog', (d) => void d.accept().then(() => resolve(d.message()))));
    await s.page.getByRole('button', { name: /^Flash crash/ }).click();
    expect(await asked).toMatch(/has unsaved changes\. Discard them\?/);
    await waitForKpis(s.page);
    expect(await s.page.locator('.brand-source').innerText()).toBe('Demo workspace');
  });

  it('takes dropped files: a scenario joins the project', async () => {
    await closeDialogs(s.page);
    const scenario = JSON.stringify({ name: 'Dropped: SOL −40%', steps: 20, events: [{ type: 'price_shock', asset: 'SOL', change: -0.4, at: 0 }] });
    await dropFiles(s.page, [{ name: 'sol.json', text: scenario }]);
    const dialog = s.page.getByTestId('import-dialog');
    await dialog.waitFor();
    expect(await dialog.getByLabel('sol.json holds').inputValue()).toBe('scenario');
    await dialog.getByTestId('import-confirm').click();
    await s.page.getByTestId('scenario-view').waitFor();
    expect(await s.page.getByTestId('scenario-name').inputValue()).toBe('Dropped: SOL −40%');
  });

  it('edits a scenario with inline validation and undo, runs it, and the KPIs change', async () => {
    await s.page.getByTestId('scenario-select').selectOption({ label: 'Flash crash: ETH -30%, stale oracle, Bitnova outage' });
    await openTab(s.page, 'scenario');
    const change = s.page.getByTestId('event-0-change');
    expect(await change.inputValue()).toBe('-30');
    await change.fill('-50');
    await expect.poll(() => s.page.getByTestId('scenario-validation').innerText()).toMatch(/^Valid/);
    // Edits of one field less than a second apart are one undo step: pause, as a person would.
    await s.page.waitForTimeout(1100);
    await change.fill('lots');
    await expect.poll(() => s.page.getByTestId('event-0').locator('.field-error').first().innerText()).toMatch(/must be more than −100%, got "lots"/);
    await s.shot('scenario-invalid-light');
    await s.page.keyboard.press('Control+z');
    await expect.poll(() => change.inputValue()).toBe('-50');
    await expect.poll(() => s.page.getByTestId('scenario-validation').innerText()).toMatch(/^Valid/);
    // Moved by keyboard, an event keeps the focus: Enter twice moves it down twice (not down and back).
    await s.page.getByRole('button', { name: 'Move event 1 down' }).focus();
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move event 2 down');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.getByTestId('event-2').locator('.event-line').innerText()).toBe('ETH −50% at step 0');
    await s.page.keyboard.press('Control+z');
    await s.page.keyboard.press('Control+z');
    await expect.poll(() => s.page.getByTestId('event-0').locator('.event-line').innerText()).toBe('ETH −50% at step 0');
    expect(await s.page.getByTestId('results-view').count()).toBe(0);
    const previous = /^run-\d+/.exec(await s.page.getByTestId('run-status').innerText())?.[0] ?? null;
    await s.page.getByTestId('editor-run').click();
    await s.page.getByTestId('results-view').waitFor();
    const run = await waitForDrawnRun(s.page, previous);
    const after = await kpis(s.page);
    console.log('e2e KPIs after ETH −50%:', run, after);
    expect(after['total-liquidated']).not.toBe(firstKpis['total-liquidated']);
    expect(after['total-loss']).not.toBe(firstKpis['total-loss']);
    expect(await s.page.getByTestId('run-stamp').innerText()).toMatch(/Engine \d+\.\d+\.\d+.*Workspace SHA-256 [0-9a-f]{16}.*Scenario SHA-256 [0-9a-f]{16}/s);
    await s.shot('results-edited-light');
  });

  it('re-runs the scenario from the quick shock slider', async () => {
    const previous = await s.page.getByTestId('results-view').getAttribute('data-drawn-run');
    const before = await kpis(s.page);
    const slider = s.page.getByTestId('quick-shock-slider');
    await slider.focus();
    await s.page.keyboard.press('PageUp');
    await s.page.keyboard.press('ArrowRight');
    const run = await waitForDrawnRun(s.page, previous);
    expect(await s.page.getByTestId('quick-shock-value').innerText()).toMatch(/^−\d+%$/);
    const after = await kpis(s.page);
    console.log('e2e quick shock:', run, await s.page.getByTestId('quick-shock-value').innerText(), after);
    expect(after).not.toEqual(before);
    expect(await s.page.getByTestId('run-status').innerText()).toMatch(/quick shock ETH/);
    // The slider's run is a preview without the loss graph; completed in the worker, the paths
    // of the defaulted nodes and the node's loss charts follow.
    await s.page.waitForFunction((id) => document.querySelector('[data-testid="results-view"]')?.getAttribute('data-traced-run') === id, run, { timeout: 20_000 });
    const table = s.page.getByTestId('defaults-table');
    expect(await table.innerText()).not.toMatch(/tracing/);
    expect(await table.locator('td.path').first().innerText()).toMatch(/→/);
    await expect.poll(() => s.page.getByTestId('chart-node-causes').locator('.chart-placeholder').count(), { timeout: 20_000 }).toBe(0);
  });

  it('switches to the dark theme and every view still reads', async () => {
    await s.page.keyboard.press('Alt+t');
    expect(await s.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    for (const view of VIEWS) {
      await openTab(s.page, view);
      await s.page.waitForTimeout(400);
      await s.shot(`${view}-dark`);
    }
    await openTab(s.page, 'levels');
    await s.page.getByTestId('levels-cumulative').click();
    await s.page.getByTestId('levels-units').click();
    await s.page.waitForTimeout(300);
    await s.shot('levels-cumulative-units-dark');
    await s.page.getByTestId('theme-toggle').click();
    expect(await s.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(s.problems).toEqual([]);
  });

  // A 480k-position import (35 MB of CSV, read on two threads) and run in the browser: minutes when the rest of the suite shares the two cores.
  it('cancels a long run and keeps the last results', async () => {
    await closeDialogs(s.page);
    const dir = join(s.profile, 'big');
    const made = generateWorkspace(dir, { positions: 480_000, seed: 7 });
    if (!made.ok) throw new Error(made.error);
    const files = readdirSync(dir).map((n) => join(dir, n));
    await s.page.getByTestId('tab-start').click();
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.getByRole('button', { name: /Import files/ }).click();
    await (await chooser).setFiles(files);
    const dialog = s.page.getByTestId('import-dialog');
    await expect.poll(() => dialog.getByTestId('import-confirm').isEnabled(), { timeout: 30_000 }).toBe(true);
    // A large import shows its progress and can be stopped: the open workspace stays.
    await dialog.getByTestId('import-confirm').click();
    await dialog.getByTestId('import-progress').waitFor();
    // Cancel at once (a screenshot first could let a fast import finish before the click).
    await dialog.getByTestId('import-cancel').click();
    // With the suite's other files loading this machine the engine has at times finished the
    // import before the cancel reached it (the dialog then closes on the new workspace): the
    // engine's side of a cancel is tested in test/import-protocol.test.ts, so the import is
    // then opened again, and what the dialog says is checked whenever the cancel came first.
    const noteOrClosed = async (): Promise<string> => ((await dialog.count()) === 0 ? 'closed' : (await dialog.locator('.note').count()) > 0 ? await dialog.locator('.note').innerText() : '');
    await expect.poll(noteOrClosed, { timeout: 15_000 }).toMatch(/cancelled.*unchanged|^closed$/);
    if ((await noteOrClosed()) === 'closed') {
      console.log('e2e large import: the import finished before the cancel reached the engine; importing again');
      await s.page.getByTestId('tab-start').click();
      const again = s.page.waitForEvent('filechooser');
      await s.page.getByRole('button', { name: /Import files/ }).click();
      await (await again).setFiles(files);
      await expect.poll(() => dialog.getByTestId('import-confirm').isEnabled(), { timeout: 30_000 }).toBe(true);
    } else expect(await s.page.locator('.brand-source').innerText()).toBe('Demo workspace');
    // Whether the progress line ever said the import waited for the helper (logged, not asserted:
    // when the helper is done first there is no wait to show).
    await s.page.evaluate(() => {
      const w = window as unknown as { __helperSeen: boolean };
      w.__helperSeen = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="import-dialog"]')?.textContent?.includes('helper thread')) w.__helperSeen = true;
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await dialog.getByTestId('import-confirm').click();
    // The progress screenshot is a picture, not a check: a fast import may be done before it.
    await dialog
      .getByTestId('import-progress')
      .waitFor({ timeout: 5_000 })
      .then(
        () => s.shot('import-progress-light'),
        () => undefined,
      );
    await s.page.getByTestId('overview-view').waitFor({ timeout: 60_000 });
    await expect.poll(() => s.page.locator('.brand-source').innerText(), { timeout: 60_000 }).toMatch(/\+ \d+ more/);
    // On a machine of HELPER_MIN_CORES processors or more the CSV files are shared with the engine
    // worker's own helper (a nested worker): either way the workspace must be the one Node reads
    // in one piece, hash for hash.
    const local = importWorkspace(files.map((f) => ({ name: basename(f), bytes: new Uint8Array(readFileSync(f)) })));
    if (!local.ok) throw new Error('the generated workspace does not import in Node');
    const hash = (await openWorkspace(local.value)).info.hash;
    expect((await s.page.getByTestId('overview-view').innerText()).match(/workspace ([0-9a-f]{12})/)?.[1]).toBe(hash.slice(0, 12));
    console.log('e2e large import: progress showed the helper thread:', await s.page.evaluate(() => (window as unknown as { __helperSeen: boolean }).__helperSeen));
    await s.page.getByTestId('scenario-select').selectOption({ label: 'Flash crash: majors -30%, stalled oracle, CEX A outage' });
    await s.page.getByTestId('run-button').click();
    await expect.poll(() => s.page.getByTestId('run-status').innerText(), { timeout: 30_000 }).toMatch(/^Step \d+ of 40/);
    // Cancel at once: this run takes ~300 ms here, and a screenshot first could let it finish before the key.
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByTestId('run-status').innerText(), { timeout: 10_000 }).toMatch(/^Run cancelled/);
    expect(await s.page.getByTestId('cancel-run').count()).toBe(0);
    // The engine is free again: the next run completes. Its progress is pictured when the
    // screenshot is quick enough (a picture, not a check).
    await s.page.getByTestId('run-button').click();
    await expect
      .poll(() => s.page.getByTestId('run-status').innerText(), { timeout: 5_000, interval: 10 })
      .toMatch(/^Step \d+ of 40/)
      .then(
        () => s.shot('run-progress-light'),
        () => undefined,
      );
    await waitForDrawnRun(s.page, null, 120_000);
    expect(await s.page.getByTestId('run-label').innerText()).toMatch(/majors -30%/);
    // Its loss graph was built on the engine worker's loss-graph helper (a nested worker) while the steps ran.
    expect(await s.page.getByTestId('run-status').getAttribute('title')).toMatch(/loss graph built on a second thread/);
    await s.shot('results-large-light');
    expect(s.problems).toEqual([]);
  }, 300_000);

  it('sent no request beyond 127.0.0.1', async () => {
    console.log(`e2e requests: ${s.requested.length}, refused: ${s.escaped.length}`);
    expect(s.requested.length).toBeGreaterThan(0);
    expect(s.served.some((line) => /^GET \/assets\/worker-entry[^ ]*\.js 200$/.test(line))).toBe(true);
    // The engine's helper for large CSV files, a worker started by the engine's worker, from the
    // bundle — where the machine has the processors for it (this one may not: see HELPER_MIN_CORES).
    const cores = await s.page.evaluate(() => navigator.hardwareConcurrency);
    expect(s.served.some((line) => /^GET \/assets\/csv-part-entry[^ ]*\.js 200$/.test(line))).toBe(cores >= HELPER_MIN_CORES);
    // And its helper that builds runs' loss graphs.
    expect(s.served.some((line) => /^GET \/assets\/loss-thread-entry[^ ]*\.js 200$/.test(line))).toBe(true);
    expect(s.escaped).toEqual([]);
    for (const url of s.requested) expect(isLocal(url), url).toBe(true);
  });
});
