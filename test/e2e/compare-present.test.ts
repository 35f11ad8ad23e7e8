// Compare, presentation mode with its storyboard, and viewer mode, end to end in Debian's Chromium
// through the web host: two scenarios run and compared (deltas and the nodes that default in one
// only, read from the page), presentation entered with F and left with Esc while → / ← walk the
// notes, and a project saved for viewers opened with Ctrl+O: read-only everywhere, shortcuts too.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../engine/protocol';
import { serve } from '../../engine/serve';
import { hasChromium, isLocal, kpis, openSession, root, waitForDrawnRun, waitForKpis, type Session } from './harness';

const DEMO = join(root, 'assets', 'demo');
const scenarioJson = (file: string) => JSON.parse(readFileSync(join(DEMO, 'scenarios', file), 'utf8')) as { name: string; notes: { step: number; text: string }[] };
const CRASH = scenarioJson('flash-crash.json');
const LENDER = scenarioJson('lender-default.json');

if (!hasChromium) console.warn('e2e skipped: /usr/bin/chromium is absent (apt-get install -y chromium).');

/** A `.firebreak` its author saved for viewers, written by the engine in this process (flash crash run in it). */
async function viewerProject(): Promise<Uint8Array> {
  let deliver: (msg: unknown) => void = () => undefined;
  const answers = new Map<number, (msg: Record<string, unknown>) => void>();
  const endpoint: Endpoint = {
    post: (msg) => {
      const m = msg as Record<string, unknown>;
      if (m.type === 'res') answers.get(m.id as number)?.(m);
    },
    onMessage: (cb) => void (deliver = cb),
  };
  serve(endpoint, { now: () => performance.now(), yieldToEvents: () => new Promise((r) => setTimeout(r, 0)) });
  let id = 0;
  const call = async (method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> => {
    id += 1;
    const answer = new Promise<Record<string, unknown>>((resolve) => answers.set(id, resolve));
    deliver({ type: 'req', id, method, args });
    const res = await answer;
    if (res.ok !== true) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
    return res.result as Record<string, unknown>;
  };
  const files = readdirSync(join(DEMO, 'workspace')).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DEMO, 'workspace', name))) }));
  await call('workspace.import', { files });
  await call('sim.run', { runId: 'r', scenario: CRASH });
  const saved = await call('project.save', {
    createdAt: '2026-01-15T09:00:00Z',
    scenarios: [
      { name: CRASH.name, scenario: CRASH },
      { name: LENDER.name, scenario: LENDER },
    ],
    run: { runId: 'r', scenario: CRASH },
    viewState: { view: 'results' },
    openAs: 'viewer',
  });
  return saved.bytes as Uint8Array;
}

async function runScenario(page: Page, label: string, previous: string): Promise<string> {
  await page.getByTestId('scenario-select').selectOption({ label });
  await page.getByTestId('tab-results').click();
  await page.getByTestId('run-button').click();
  return waitForDrawnRun(page, previous);
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).innerText()).trim();
const value = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute('data-value'));

describe.skipIf(!hasChromium)('compare, presentation and viewer mode in Chromium', () => {
  let s: Session;
  let crashRun = '';
  let lenderRun = '';
  let crashKpis: Record<string, string> = {};
  let lenderKpis: Record<string, string> = {};

  beforeAll(async () => {
    s = await openSession({ width: 1366, height: 768 }, 'light');
    s.page.on('dialog', (d) => void d.accept());
  });
  afterAll(async () => {
    await s?.close();
  });

  it('runs two scenarios and compares them: KPI deltas with units, and the nodes that default in one only', async () => {
    await s.page.goto(s.url);
    await waitForKpis(s.page);
    crashRun = await waitForDrawnRun(s.page, null);
    crashKpis = await kpis(s.page);
    lenderRun = await runScenario(s.page, LENDER.name, crashRun);
    lenderKpis = await kpis(s.page);
    await s.shot('compare-topbar');
    console.log('e2e compare runs:', crashRun, crashKpis, lenderRun, lenderKpis);

    await s.page.getByTestId('tab-compare').click();
    const view = s.page.getByTestId('compare-view');
    await s.page.waitForSelector(`[data-testid="compare-view"][data-compared="${crashRun},${lenderRun}"]`, { timeout: 30_000 });
    // The figures are those each run showed on its own, under the unit named in the table.
    expect(await text(s.page, 'compare-value-total_liquidated_usd-0')).toBe(crashKpis['total-liquidated']);
    expect(await text(s.page, 'compare-value-total_liquidated_usd-1')).toBe(lenderKpis['total-liquidated']);
    expect(await text(s.page, 'compare-value-total_loss_usd-1')).toBe(lenderKpis['total-loss']);
    for (const [key, unit] of [['total_liquidated_usd', 'USD'], ['amplification', '×'], ['defaulted_entities', 'nodes'], ['steps_run', 'steps']]) {
      expect(await s.page.getByTestId(`compare-kpi-${key}`).locator('.unit-cell').innerText(), key).toBe(unit);
    }
    for (const [i, k] of [crashKpis, lenderKpis].entries()) {
      const defaults = (await value(s.page, `compare-value-defaulted_entities-${i}`)) + (await value(s.page, `compare-value-defaulted_venues-${i}`));
      expect(defaults).toBe(Number(k['defaults']));
    }
    // Δ = B − A, signed, in the KPI's unit.
    for (const key of ['total_liquidated_usd', 'total_bad_debt_usd', 'total_loss_usd']) {
      const a = await value(s.page, `compare-value-${key}-0`);
      const b = await value(s.page, `compare-value-${key}-1`);
      const delta = await value(s.page, `compare-delta-${key}-1`);
      expect(delta, key).toBeCloseTo(b - a, 6);
      const shown = await text(s.page, `compare-delta-${key}-1`);
      expect(shown, key).toMatch(b - a === 0 ? /^0/ : b > a ? /^▲ \+\$/ : /^▼ −\$/);
    }
    // Flash crash: Alpha Capital defaults at once; the lender default leaves it standing.
    const summary = await text(s.page, 'compare-defaults-summary');
    console.log('e2e compare defaults:', summary);
    const alpha = s.page.getByTestId('compare-default-fund-alpha');
    expect(await alpha.locator('td').allInnerTexts()).toEqual(['entity', 'step 0', 'no default']);
    await view.getByTestId('chart-compare-prices').locator('canvas').first().waitFor();
    await s.page.waitForTimeout(500);
    await s.shot('compare-light');
    await view.getByTestId('chart-compare-liquidations').scrollIntoViewIfNeeded();
    await s.page.waitForTimeout(300);
    await s.shot('compare-charts-light');
    await view.getByTestId('compare-defaults').scrollIntoViewIfNeeded();
    await s.shot('compare-defaults-light');
    await s.page.keyboard.press('Alt+t');
    await s.page.waitForTimeout(400);
    await s.shot('compare-charts-dark');
    await s.page.keyboard.press('Alt+t');

    // The baseline can change: the deltas turn around.
    const before = await value(s.page, 'compare-delta-total_liquidated_usd-1');
    await s.page.getByTestId(`compare-row-${lenderRun}`).getByRole('button', { name: 'Make baseline' }).click();
    await s.page.waitForSelector(`[data-testid="compare-view"][data-compared="${lenderRun},${crashRun}"]`);
    expect(await value(s.page, 'compare-delta-total_liquidated_usd-1')).toBeCloseTo(-before, 6);
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    expect(s.problems).toEqual([]);
  });

  it('enters presentation mode with F, walks the storyboard note by note, and leaves with Esc', async () => {
    // Present the flash crash: run it again so it is the run shown.
    const again = await runScenario(s.page, CRASH.name, lenderRun);
    await s.page.locator('body').click({ position: { x: 5, y: 300 } });
    await s.page.keyboard.press('f');
    const present = s.page.getByTestId('present-mode');
    await present.waitFor();
    expect(await s.page.locator('.topbar').count()).toBe(0);
    expect(await s.page.getByTestId('run-progress').count()).toBe(0);
    const step = async () => Number(await present.getAttribute('data-step'));
    const note = () => text(s.page, 'present-note-text');
    // The story starts at step 0 with the note tied to it.
    expect(await step()).toBe(0);
    expect(await note()).toBe(CRASH.notes[0]?.text);
    expect(await text(s.page, 'present-note-count')).toBe(`Note 1 of ${CRASH.notes.length} · step ${CRASH.notes[0]?.step}`);
    await s.page.getByTestId('present-kpi-liquidated').waitFor();
    await s.shot('present-note-1');

    await s.page.keyboard.press('ArrowRight');
    expect(await note()).toBe(CRASH.notes[1]?.text);
    expect(await step()).toBe(CRASH.notes[1]?.step);
    await s.page.keyboard.press('PageDown');
    expect(await note()).toBe(CRASH.notes[2]?.text);
    expect(await step()).toBe(CRASH.notes[2]?.step);
    await s.page.waitForTimeout(300);
    await s.shot('present-note-3');
    await s.page.keyboard.press('Alt+t');
    await s.page.waitForTimeout(400);
    await s.shot('present-note-3-dark');
    await s.page.keyboard.press('Alt+t');
    // No note past the last: → then moves step by step.
    await s.page.keyboard.press('ArrowRight');
    expect(await step()).toBe((CRASH.notes[2]?.step ?? 0) + 1);
    // ← goes back note by note from the note that applies at this step.
    await s.page.keyboard.press('ArrowLeft');
    expect(await note()).toBe(CRASH.notes[1]?.text);
    expect(await step()).toBe(CRASH.notes[1]?.step);
    await s.page.keyboard.press('PageUp');
    expect(await note()).toBe(CRASH.notes[0]?.text);
    expect(await step()).toBe(CRASH.notes[0]?.step);

    // Esc leaves (and does not cancel anything); the chrome is back.
    await s.page.keyboard.press('Escape');
    await present.waitFor({ state: 'detached' });
    await s.page.locator('.topbar').waitFor();
    // The results of the run presented are drawn again, not cancelled or replaced.
    expect(await waitForDrawnRun(s.page, null)).toBe(again);

    // The button does the same as F; Leave the same as Esc.
    await s.page.getByTestId('present-button').click();
    await present.waitFor();
    await s.page.getByTestId('present-next').click();
    expect(await note()).toBe(CRASH.notes[1]?.text);
    expect(await step()).toBe(CRASH.notes[1]?.step);
    await s.page.getByTestId('present-exit').click();
    await present.waitFor({ state: 'detached' });
    expect(s.problems).toEqual([]);
  });

  it('edits storyboard notes in the scenario editor, with undo', async () => {
    await s.page.getByTestId('tab-scenario').click();
    const editor = s.page.getByTestId('notes-editor');
    await editor.scrollIntoViewIfNeeded();
    const count = await editor.locator('.note-card').count();
    expect(count).toBe(CRASH.notes.length);
    await s.page.getByTestId('note-add').click();
    await s.page.getByTestId(`note-text-${count}`).fill('Prices settle; the bad debt stays.');
    // A step typed that is not one: the note keeps its step, and the banner says so.
    await s.page.getByTestId(`note-step-${count}`).fill('abc');
    await expect.poll(() => s.page.getByTestId('notes-typing').innerText()).toBe(`The step typed for note ${count + 1} is not a step: it keeps the step it had until it is.`);
    await s.page.getByTestId(`note-step-${count}`).fill('7');
    expect(await s.page.getByTestId('notes-typing').count()).toBe(0);
    expect(await editor.locator('.note-card').count()).toBe(count + 1);
    await s.shot('scenario-notes-light');
    await s.page.locator('body').click({ position: { x: 5, y: 300 } });
    for (let k = 0; k < 3; k++) await s.page.keyboard.press('Control+z');
    expect(await editor.locator('.note-card').count()).toBe(count);
  });

  it('compares the same scenario on two workspaces: runs made before an import stay comparable', async () => {
    const dir = join(s.profile, 'deep-eth');
    mkdirSync(dir, { recursive: true });
    const names = readdirSync(join(DEMO, 'workspace'));
    for (const n of names) {
      const text = readFileSync(join(DEMO, 'workspace', n), 'utf8');
      // Ten times the ETH pool: fire sales move ETH less.
      writeFileSync(join(dir, n), n === 'assets.csv' ? text.replace('ETH,3000,300000000', 'ETH,3000,3000000000') : text);
    }
    // Chromium opens a file chooser only in answer to the user: a click first gives the page that activation.
    await s.page.getByTestId('tab-start').click();
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.keyboard.press('Control+i');
    await (await chooser).setFiles(names.map((n) => join(dir, n)));
    await s.page.getByTestId('import-dialog').getByTestId('import-confirm').click();
    await s.page.getByTestId('overview-view').waitFor({ timeout: 30_000 });
    const deep = await runScenario(s.page, CRASH.name, '');

    await s.page.getByTestId('tab-compare').click();
    // The run history started again with the new workspace; the compare tab still has the runs before.
    await s.page.getByTestId(`compare-row-${crashRun}`).waitFor();
    expect(await text(s.page, `compare-row-${crashRun}`)).toContain('(another)');
    expect(await text(s.page, `compare-row-${deep}`)).toContain('(open now)');
    // Compare the first flash crash (demo workspace) with this one: untick the lender default, tick the new run.
    await s.page.getByTestId(`compare-pick-${lenderRun}`).uncheck();
    await s.page.getByTestId(`compare-pick-${deep}`).check();
    await s.page.waitForSelector(`[data-testid="compare-view"][data-compared="${crashRun},${deep}"]`, { timeout: 30_000 });
    expect(await text(s.page, 'compare-workspaces')).toMatch(/different workspaces/);
    const eth = await value(s.page, 'compare-delta-final_price:ETH-1');
    console.log('e2e compare across workspaces: final ETH price delta', eth);
    expect(eth).toBeGreaterThan(0);
    await s.shot('compare-workspaces-light');
    expect(s.problems).toEqual([]);
  });

  it('opens a project saved for viewers read-only: badge, no editing control, every edit path blocked', async () => {
    const file = join(s.profile, 'board-pack.firebreak');
    writeFileSync(file, await viewerProject());
    await s.page.getByTestId('tab-start').click();
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.keyboard.press('Control+o');
    await (await chooser).setFiles(file);
    const badge = s.page.getByTestId('readonly-badge');
    await badge.waitFor({ timeout: 30_000 });
    expect(await badge.innerText()).toBe('Read-only');
    await waitForKpis(s.page);

    // The scenario editor: every input, text area and button in it disabled, notes too.
    await s.page.getByTestId('tab-scenario').click();
    const view = s.page.getByTestId('scenario-view');
    await view.waitFor();
    const enabled = await view.locator('.editor input:enabled, .editor textarea:enabled, .editor select:enabled, .editor button:enabled').count();
    expect(enabled).toBe(0);
    // New scenario, Duplicate, Delete.
    expect(await view.locator('.scenario-list header button, .scenario-list .list-actions button').count()).toBe(3);
    expect(await view.locator('.scenario-list header button:enabled, .scenario-list .list-actions button:enabled').count()).toBe(0);
    expect(await s.page.getByTestId('note-add').isDisabled()).toBe(true);
    // …and the controls that would ask for a change are not shown at all.
    expect(await view.locator('.event-tools:visible, .add-event:visible, .editor-tools:visible, .list-actions:visible').count()).toBe(0);
    await s.shot('viewer-scenario-light');

    // Shortcuts and drops change nothing either.
    const name = await s.page.getByTestId('scenario-name').inputValue();
    const events = await view.locator('.event-card').count();
    await s.page.locator('.editor').click({ position: { x: 5, y: 5 } });
    for (const key of ['Control+z', 'Control+y', 'Alt+ArrowDown', 'Control+i']) await s.page.keyboard.press(key);
    await s.page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['id,price\nETH,1'], 'assets.csv'));
      for (const type of ['dragenter', 'dragover', 'drop']) window.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await s.page.waitForTimeout(300);
    expect(await s.page.getByTestId('import-dialog').count()).toBe(0);
    expect(await s.page.getByTestId('scenario-name').inputValue()).toBe(name);
    expect(await view.locator('.event-card').count()).toBe(events);

    await s.page.getByTestId('tab-start').click();
    expect(await s.page.getByRole('button', { name: /Import files/ }).isDisabled()).toBe(true);
    // Results and views stay: the saved run, presentation mode.
    await s.page.getByTestId('tab-results').click();
    await s.page.getByTestId('results-view').waitFor();
    expect(await s.page.getByTestId('quick-shock').isVisible()).toBe(false);
    await s.shot('viewer-results-light');
    await s.page.keyboard.press('f');
    await s.page.getByTestId('present-mode').waitFor();
    expect(await text(s.page, 'present-note-text')).toBe(CRASH.notes[0]?.text);
    await s.page.keyboard.press('Escape');
    expect(s.problems).toEqual([]);
  });

  it('sent no request beyond 127.0.0.1', () => {
    expect(s.escaped).toEqual([]);
    expect(s.requested.every(isLocal)).toBe(true);
  });
});
