// Shared set-up of the end-to-end tests: the built renderer served on 127.0.0.1, Debian's
// Chromium driven by playwright-core, and every request the page makes counted. Anything not
// for the app's own origin is refused and recorded, and each test file ends by asserting none.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { serveStatic } from '../../scripts/serve-static.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const root = join(import.meta.dirname, '..', '..');
export const screenshots = join(import.meta.dirname, 'screenshots');

export interface Session {
  url: string;
  origin: string;
  context: BrowserContext;
  page: Page;
  profile: string;
  /** Every URL the browser asked for. */
  requested: string[];
  /** URLs refused because they were not for 127.0.0.1 (must stay empty). */
  escaped: string[];
  /** Lines the static server logged ("GET /path 200"). */
  served: string[];
  /** Console errors and warnings, and uncaught page errors. */
  problems: string[];
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds dist/ when stale (FIREBREAK_E2E_PREBUILT=1 uses dist/renderer as it is). */
export function buildRenderer(): void {
  if (process.env.FIREBREAK_E2E_PREBUILT === '1' && existsSync(join(root, 'dist', 'renderer', 'index.html'))) return;
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
}

export async function openSession(viewport = { width: 1366, height: 768 }, colorScheme: 'light' | 'dark' = 'light'): Promise<Session> {
  buildRenderer();
  const served: string[] = [];
  const server = await serveStatic({ root: join(root, 'dist', 'renderer'), log: (line: string) => served.push(line) });
  const origin = new URL(server.url).origin;
  const profile = await mkdtemp(join(tmpdir(), 'firebreak-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    colorScheme,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const requested: string[] = [];
  const escaped: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requested.push(url);
    const local = url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin;
    if (local) return route.continue();
    escaped.push(url);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  // Playwright intercepts file choosers only while someone listens, and turns interception on with a
  // message it does not wait for: a test that starts waiting and at once presses a key that opens
  // one could beat it (the chooser then never reaches the test; seen with Ctrl+I, about one run in
  // four). A listener for the whole session keeps interception on from the start.
  page.on('filechooser', () => undefined);
  await page.evaluate(() => 0);
  mkdirSync(screenshots, { recursive: true });
  return {
    url: server.url,
    origin,
    context,
    page,
    profile,
    requested,
    escaped,
    served,
    problems,
    shot: async (name) => {
      const path = join(screenshots, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: async () => {
      await context.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Waits for the first run of the app to show its key figures (or fails with the error it shows). */
export async function waitForKpis(page: Page, timeout = 45_000): Promise<void> {
  await page.locator('[data-testid="kpi-total-liquidated"] .kpi-value:not(:text-is("—")), [data-testid="run-error"]').first().waitFor({ timeout });
  const error = page.getByTestId('run-error');
  if (await error.isVisible()) throw new Error(`the app shows an error: ${await error.innerText()}`);
}

/** The six KPI cards as text, keyed by id. */
export async function kpis(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of ['total-liquidated', 'bad-debt', 'defaults', 'total-loss', 'amplification', 'steps-run']) {
    out[id] = (await page.getByTestId(`kpi-${id}`).locator('.kpi-value').innerText()).trim();
  }
  return out;
}

/** Waits until the results view has drawn the charts of a run other than `previous`; returns its id. */
export async function waitForDrawnRun(page: Page, previous: string | null, timeout = 60_000): Promise<string> {
  const results = page.getByTestId('results-view');
  await page.waitForFunction(
    (prev) => {
      const el = document.querySelector('[data-testid="results-view"]');
      const run = el?.getAttribute('data-drawn-run');
      return run !== null && run !== undefined && run !== prev;
    },
    previous,
    { timeout },
  );
  return (await results.getAttribute('data-drawn-run')) ?? '';
}

export function isLocal(url: string): boolean {
  return url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('http://127.0.0.1:');
}
