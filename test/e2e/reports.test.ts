// Reports and exports end to end, in Debian's Chromium through the web host: a chart saved as a
// PNG and result tables as CSV and Arrow (checked byte by byte against the engine's counts), the
// printable report (screen and print preview), and the single-file HTML report opened from disk
// with the network cut off: its charts drawn, its key figures those of the app, no request made.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { chromium, type Download, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, kpis, openSession, screenshots, waitForDrawnRun, waitForKpis, type Session } from './harness';

if (!hasChromium) console.warn('e2e skipped: /usr/bin/chromium is absent (apt-get install -y chromium).');

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Clicks what starts a download and saves the file; returns its bytes and suggested name. */
async function downloadOf(page: Page, dir: string, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array; path: string }> {
  const waiting = page.waitForEvent('download', { timeout: 30_000 });
  await click();
  const download: Download = await waiting;
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), bytes: new Uint8Array(await readFile(path)), path };
}

/** Share of a canvas's pixels that differ from its corner pixel (a blank chart is ~0). */
async function inkOf(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (canvas) => {
    const c = canvas as HTMLCanvasElement;
    const ctx = c.getContext('2d');
    if (ctx === null) return 0;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs((data[i] as number) - (data[0] as number)) + Math.abs((data[i + 1] as number) - (data[1] as number)) + Math.abs((data[i + 2] as number) - (data[2] as number)) > 30) ink++;
    return ink / (data.length / 4);
  });
}

describe.skipIf(!hasChromium)('reports and exports in Chromium', () => {
  let s: Session;
  let dir = '';
  let appKpis: Record<string, string> = {};
  let htmlPath = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firebreak-reports-'));
    s = await openSession({ width: 1366, height: 900 }, 'light');
    await s.page.goto(s.url);
    await waitForKpis(s.page);
    await waitForDrawnRun(s.page, null);
    appKpis = await kpis(s.page);
  });
  afterAll(async () => {
    await s?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exports a chart as a PNG at 2× with its title and stamp', async () => {
    const box = s.page.getByTestId('chart-liquidations').locator('.chart');
    const size = await box.evaluate((el) => ({ w: el.clientWidth, h: el.clientHeight }));
    await s.page.getByTestId('export-liquidations').click();
    const png = await downloadOf(s.page, dir, () => s.page.getByTestId('export-liquidations-png').click());
    expect(png.name).toMatch(/^flash-crash-.*-run-1-liquidations\.png$/);
    expect(Array.from(png.bytes.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    const view = new DataView(png.bytes.buffer, png.bytes.byteOffset);
    expect(new TextDecoder().decode(png.bytes.subarray(12, 16))).toBe('IHDR');
    // The chart at 2×, plus a 54 px title band and a 26 px stamp band (also at 2×).
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([size.w * 2, (size.h + 54 + 26) * 2]);
    expect(png.bytes.length).toBeGreaterThan(20_000);
    // The exported file itself, to look at.
    await copyFile(png.path, join(screenshots, 'export-chart-png.png'));
    expect(s.problems).toEqual([]);
  });

  it('exports result tables as CSV and Arrow with the engine’s row counts', async () => {
    await s.page.getByTestId('tab-tables').click();
    const nav = s.page.getByRole('navigation', { name: 'Tables' });
    for (const table of ['liquidations', 'nodes']) {
      const button = nav.getByRole('button', { name: new RegExp(`^${table}`) }).last();
      await button.click();
      const engineRows = Number((await button.locator('.muted').innerText()).replace(/,/g, ''));
      expect(engineRows, table).toBeGreaterThan(0);
      await s.page.getByTestId(`export-table-${table}`).click();
      const csv = await downloadOf(s.page, dir, () => s.page.getByTestId(`export-table-${table}-csv`).click());
      expect(csv.name).toMatch(new RegExp(`-${table}\\.csv$`));
      const lines = new TextDecoder().decode(csv.bytes).split('\n');
      expect(lines.at(-1)).toBe('');
      const header = table === 'liquidations' ? 'step,position,venue,owner,repaid_usd,seized_units,bad_debt_usd,close_out' : 'step,node,external_usd,obligations_usd,payments_usd,equity_usd,recovery_rate,defaulted';
      expect(lines[0]).toBe(header);
      expect(lines.length - 2, `${table} CSV rows`).toBe(engineRows);
      await s.page.getByTestId(`export-table-${table}`).click();
      const arrow = await downloadOf(s.page, dir, () => s.page.getByTestId(`export-table-${table}-arrow`).click());
      const back = tableFromIPC(arrow.bytes);
      expect(back.numRows, `${table} Arrow rows`).toBe(engineRows);
      expect(back.schema.fields.map((f) => f.name).join(','), table).toBe(header);
      console.log(`e2e export ${table}: ${engineRows} rows, CSV ${csv.bytes.length} B, Arrow ${arrow.bytes.length} B`);
    }
    await s.shot('export-tables');
    expect(s.problems).toEqual([]);
  });

  it('shows the printable report and its print preview, with the header and hashes', async () => {
    await s.page.getByTestId('tab-results').click();
    await s.page.getByTestId('open-report').click();
    const report = s.page.getByTestId('report');
    await report.waitFor({ timeout: 30_000 });
    // A modal dialog: the focus is in it, not on the button behind that opened it.
    expect(await s.page.evaluate(() => document.querySelector('[data-testid="report-view"]')?.contains(document.activeElement) ?? false)).toBe(true);
    await s.page.waitForFunction(() => [...document.querySelectorAll('img.report-chart')].every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));
    expect(await s.page.locator('img.report-chart').count()).toBeGreaterThanOrEqual(4);
    expect(await s.page.getByTestId('report-kpi-defaults').locator('.report-kpi-value').innerText()).toBe(appKpis['defaults']);
    expect(await s.page.getByTestId('report-kpi-total-liquidated').locator('.report-kpi-value').innerText()).toBe(appKpis['total-liquidated']);
    const defaults = await s.page.getByTestId('report-defaults').locator('tbody tr').count();
    expect(defaults).toBe(Number(appKpis['defaults']));
    expect(await s.page.getByTestId('report-events').locator('li').count()).toBe(5);
    expect(await s.page.getByTestId('report-provenance').innerText()).toMatch(/[0-9a-f]{64}[\s\S]*[0-9a-f]{64}/);
    await s.shot('report-view');
    await s.page.getByTestId('report').evaluate((el) => el.closest('.report-paper')?.scrollTo({ top: 900 }));
    await s.shot('report-view-paths');
    await s.page.getByTestId('report').evaluate((el) => el.closest('.report-paper')?.scrollTo({ top: 0 }));

    // A4 at 96 dpi, as the print engine lays it out.
    await s.page.setViewportSize({ width: 794, height: 1123 });
    await s.page.emulateMedia({ media: 'print' });
    expect(await s.page.locator('.topbar').isVisible()).toBe(false);
    expect(await s.page.getByTestId('report-running-head').isVisible()).toBe(true);
    expect(await s.page.getByTestId('report-running-foot').innerText()).toMatch(/Workspace SHA-256 [0-9a-f]{64}\s+Scenario SHA-256 [0-9a-f]{64}/);
    // The running head and foot repeat on every printed page as the sheet's table header and footer.
    expect(await s.page.locator('.report-sheet > thead').evaluate((el) => getComputedStyle(el).display)).toBe('table-header-group');
    expect(await s.page.locator('.report-sheet > tfoot').evaluate((el) => getComputedStyle(el).display)).toBe('table-footer-group');
    await s.shot('report-print-preview');
    const pdf = await s.page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    await writeFile(join(dir, 'report.pdf'), pdf);
    if (process.env.FIREBREAK_KEEP_PDF) await writeFile(process.env.FIREBREAK_KEEP_PDF, pdf);
    console.log(`e2e report PDF: ${pdf.length} bytes, ${pages} A4 pages`);
    expect(pages).toBeGreaterThanOrEqual(3);
    await s.page.emulateMedia({ media: 'screen' });
    await s.page.setViewportSize({ width: 1366, height: 900 });
    expect(s.problems).toEqual([]);
  });

  it('saves the single-file HTML report', async () => {
    const html = await downloadOf(s.page, dir, () => s.page.getByTestId('report-html').click());
    htmlPath = html.path;
    expect(html.name).toMatch(/-report\.html$/);
    const text = new TextDecoder().decode(html.bytes);
    expect(text).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:/);
    // Two inline scripts (the data, the viewer) and nothing linked: the page is the whole report.
    const skeleton = text.split('\n').filter((line) => /^<(script|link|img|iframe)\b/.test(line));
    expect(skeleton.map((line) => line.slice(0, 40))).toEqual(['<script type="application/json" id="fire', '<script>' + text.split('\n<script>')[1]?.slice(0, 32)]);
    expect(text.match(/<script\b[^>]*\bsrc=/g)).toBeNull();
    console.log(`e2e HTML report: ${html.bytes.length} bytes`);
    await s.page.getByTestId('report-close').click();
    expect(await s.page.getByTestId('report-view').count()).toBe(0);
    // …and back on the button that opened it.
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-report');
    expect(s.escaped).toEqual([]);
    expect(s.problems).toEqual([]);
  });

  it('creates charts whose idle slot comes while the app is hidden under the printed report only once they are shown', async () => {
    // Under load an idle slot can come seconds late: hold them all while the results view mounts,
    // hide the app as printing the report does, then let the slots run.
    await s.page.getByTestId('tab-tables').click();
    await s.page.evaluate(() => {
      const w = window as unknown as { heldIdle: IdleRequestCallback[]; realIdle: typeof requestIdleCallback };
      w.heldIdle = [];
      w.realIdle = window.requestIdleCallback;
      window.requestIdleCallback = (callback) => w.heldIdle.push(callback);
    });
    await s.page.getByTestId('tab-results').click();
    const cards = await s.page.locator('[data-testid="results-view"] .chart-card').count();
    expect(cards).toBeGreaterThanOrEqual(4);
    expect(await s.page.locator('[data-testid="results-view"] .chart-card canvas').count()).toBe(0);
    await s.page.getByTestId('open-report').click();
    await s.page.getByTestId('report').waitFor({ timeout: 30_000 });
    await s.page.emulateMedia({ media: 'print' });
    expect(await s.page.getByTestId('results-view').isVisible()).toBe(false);
    await s.page.evaluate(async () => {
      const w = window as unknown as { heldIdle: IdleRequestCallback[]; realIdle: typeof requestIdleCallback };
      window.requestIdleCallback = w.realIdle;
      const idle: IdleDeadline = { didTimeout: true, timeRemaining: () => 0 };
      for (const callback of w.heldIdle.splice(0)) callback(idle);
      await new Promise((done) => setTimeout(done, 1500));
    });
    expect(s.problems).toEqual([]);
    expect(await s.page.locator('[data-testid="results-view"] .chart-card canvas').count()).toBe(0);
    await s.page.emulateMedia({ media: 'screen' });
    await s.page.getByTestId('report-close').click();
    await s.page.waitForFunction((n) => document.querySelectorAll('[data-testid="results-view"] .chart-card canvas').length >= n, cards, { timeout: 30_000 });
    expect(s.problems).toEqual([]);
  });

  it('opens the HTML report from disk with networking disabled and draws its charts and key figures', async () => {
    expect(htmlPath).not.toBe('');
    const profile = await mkdtemp(join(tmpdir(), 'firebreak-report-view-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      offline: true,
      viewport: { width: 1100, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const blocked: string[] = [];
    const problems: string[] = [];
    try {
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        blocked.push(url);
        return route.abort('internetdisconnected');
      });
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      await page.goto(`file://${htmlPath}`);
      await page.getByTestId('report').waitFor({ timeout: 20_000 });
      for (const id of ['network', 'prices', 'liquidations', 'bad-debt', 'defaults']) {
        const canvas = `[data-testid="report-chart-${id}"] canvas`;
        await page.locator(canvas).first().waitFor({ timeout: 10_000 });
        const ink = await inkOf(page, canvas);
        expect(ink, `${id} is drawn`).toBeGreaterThan(0.005);
      }
      expect(await page.getByTestId('report-kpi-total-liquidated').locator('.report-kpi-value').innerText()).toBe(appKpis['total-liquidated']);
      expect(await page.getByTestId('report-kpi-bad-debt').locator('.report-kpi-value').innerText()).toBe(appKpis['bad-debt']);
      expect(await page.getByTestId('report-kpi-defaults').locator('.report-kpi-value').innerText()).toBe(appKpis['defaults']);
      expect(await page.title()).toMatch(/^Stress report — Flash crash/);
      await page.screenshot({ path: join(screenshots, 'report-html.png') });
      await page.getByTestId('report-defaults').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshots, 'report-html-paths.png') });
      console.log(`e2e HTML report offline: ${blocked.length} requests blocked`);
      expect(blocked).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});
