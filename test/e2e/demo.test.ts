// Smoke test of the real UI: the built renderer in Debian's Chromium, through the web host.
// (The Electron binary cannot be obtained here; main/ is covered by its unit tests.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/csp';
import { serveStatic } from '../../scripts/serve-static.mjs';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const root = join(import.meta.dirname, '..', '..');
const screenshots = join(import.meta.dirname, 'screenshots');
const KPIS = ['total-liquidated', 'bad-debt', 'defaults', 'total-loss', 'amplification', 'steps-run'];
const UNITS = ['USD', 'USD', 'nodes', 'USD', '×', 'steps'];

if (!hasChromium) console.warn(`e2e skipped: ${CHROMIUM} is absent (install it with: apt-get install -y chromium).`);

describe.skipIf(!hasChromium)(`the demo in Chromium${hasChromium ? '' : ` — SKIPPED: ${CHROMIUM} absent`}`, () => {
  let served: Awaited<ReturnType<typeof serveStatic>>;
  let context: BrowserContext;
  let page: Page;
  let profile = '';
  const requested: string[] = [];
  const servedPaths: string[] = [];
  const escaped: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
    served = await serveStatic({ root: join(root, 'dist', 'renderer'), log: (line) => servedPaths.push(line) });
    const origin = new URL(served.url).origin;
    profile = await mkdtemp(join(tmpdir(), 'firebreak-e2e-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 860 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // Every request is seen here; anything not for the app's own origin is recorded and refused.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      requested.push(url);
      const local = url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin;
      if (local) return route.continue();
      escaped.push(url);
      return route.abort('blockedbyclient');
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  });

  afterAll(async () => {
    await context?.close();
    await served?.close();
    if (profile !== '') await rm(profile, { recursive: true, force: true });
  });

  it('loads the bundled demo, runs it in the worker and shows the KPI cards with units', async () => {
    const response = await page.goto(served.url);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);

    await page.locator('[data-testid="kpi-total-liquidated"], [data-testid="run-error"]').first().waitFor({ timeout: 45_000 });
    const error = page.getByTestId('run-error');
    if (await error.isVisible()) throw new Error(`the demo failed in the UI: ${await error.innerText()}`);

    const cards: Record<string, string> = {};
    for (const [i, id] of KPIS.entries()) {
      const card = page.getByTestId(`kpi-${id}`);
      const text = await card.innerText();
      expect(await card.locator('.kpi-unit').innerText(), id).toBe(UNITS[i]);
      cards[id] = text.replace(/\s+/g, ' ');
    }
    console.log('e2e KPI cards:', cards);
    expect(cards['steps-run']).toMatch(/\d/);
    expect(await page.locator('.defaults').innerText()).toMatch(/Defaulted nodes/);

    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'demo.png'), fullPage: true });

    expect(problems).toEqual([]);
  });

  it('opens tables and a scenario chosen through the file input (web host) and runs them', async () => {
    const demo = join(root, 'assets', 'demo');
    const workspace = readdirSync(join(demo, 'workspace')).map((name) => join(demo, 'workspace', name));
    const scenario = join(demo, 'scenarios', 'liquidity-drain.json');
    const { name } = JSON.parse(readFileSync(scenario, 'utf8')) as { name: string };
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open files…' }).click();
    await (await chooser).setFiles([...workspace, scenario]);
    await expect.poll(() => page.getByTestId('run-label').innerText(), { timeout: 45_000 }).toContain(name);
    await page.getByTestId('kpi-total-liquidated').waitFor({ timeout: 45_000 });
    expect(await page.getByTestId('run-error').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows a broken table as a readable message, not a stack trace', async () => {
    const broken = join(profile, 'assets.csv');
    writeFileSync(broken, 'id,price_usd\nBTC,not-a-number\n');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open files…' }).click();
    await (await chooser).setFiles([broken]);
    const error = page.getByTestId('run-error');
    await error.waitFor({ timeout: 45_000 });
    const text = await error.innerText();
    console.log('e2e error panel:', text);
    await page.screenshot({ path: join(screenshots, 'error.png'), fullPage: true });
    expect(text).toMatch(/could not complete/);
    expect(text).not.toMatch(/\bat .+:\d+:\d+|Error:|undefined/);
  });

  it('sent no request beyond 127.0.0.1', async () => {
    expect(requested.some((url) => url.endsWith('/demo/manifest.json'))).toBe(true);
    // The worker's own fetch is checked on the server side: it must have come from the bundle.
    expect(servedPaths.some((line) => /^GET \/assets\/worker-entry[^ ]*\.js 200$/.test(line))).toBe(true);
    expect(escaped).toEqual([]);
    for (const url of requested) expect(url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('http://127.0.0.1:'), url).toBe(true);
  });

  it('cannot reach the network from the page: the CSP refuses it before any request', async () => {
    const before = requested.length;
    const outcome = await page.evaluate(() =>
      fetch('https://example.com/collect', { method: 'POST', body: 'positions' }).then(
        () => 'sent',
        () => 'refused',
      ),
    );
    expect(outcome).toBe('refused');
    expect(requested.slice(before)).toEqual([]);
    expect(escaped).toEqual([]);
  });
});
