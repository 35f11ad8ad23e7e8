#!/usr/bin/env node
// Captures the screenshots the docs show: the built app (dist/renderer) in Debian's Chromium on
// the bundled demo, its results dashboard and its contagion network, written to docs/images/. Offline: the page may reach only the local server. Run after `npm run build`.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve-static.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'images');
const server = await serveStatic({ root: join(root, 'dist', 'renderer') });
const origin = new URL(server.url).origin;
const profile = mkdtempSync(join(tmpdir(), 'firebreak-shot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1366, height: 768 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const local = url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin;
    return local ? route.continue() : route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await page.locator('.kpi-unit').first().waitFor({ timeout: 60_000 });
  mkdirSync(out, { recursive: true });
  // The results dashboard, then the contagion network: the two views the docs show.
  for (const [tab, name] of [['results', 'results-view'], ['network', 'network-view']]) {
    await page.locator(`[data-testid="tab-${tab}"]`).click();
    await page.waitForTimeout(2000);
    const file = join(out, `${name}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
  }
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
