// The project harness page (project-harness/) built and served for the e2e tests of the project
// layer in Chromium through the web host, in a persistent browser profile that no request
// leaves (each one to another origin is refused and listed in `escaped`).
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { serveStatic } from '../../scripts/serve-static.mjs';

export const CHROMIUM = '/usr/bin/chromium';
const root = join(import.meta.dirname, '..', '..');
const harnessDir = join(import.meta.dirname, 'project-harness');

/** What the harness page reports of the project layer (window.harness.state()). */
export interface HarnessState {
  recent: { id: string; name: string }[];
  project: { name: string; dirty: boolean; encrypted: boolean; readOnly: boolean } | null;
  error: string | null;
  notice: string | null;
  passphrase: { purpose: string; retry: boolean } | null;
  restore: { reason: string; name: string; dropped?: string } | null;
  lastAutosave: string | null;
  autosaveProblem: string | null;
  busy: 'opening' | 'saving' | null;
}

/** A scenario set the harness applied to the app (window.harness.applied). */
export interface AppliedProject {
  name: string;
  scenarios: string[];
  summary: { total_liquidated_usd: number } | null;
  viewState: unknown;
}

/** The harness's hooks on `page`: what it reports, its project actions (not awaited: dialogs need the test to answer first), what it applied. */
export function harnessOf(page: () => Page): { state(): Promise<HarnessState>; act(name: string, arg?: unknown): Promise<void>; applied(): Promise<AppliedProject[]> } {
  return {
    state: () => page().evaluate(() => (window as unknown as { harness: { state(): HarnessState } }).harness.state()),
    act: (name, arg) =>
      page().evaluate(
        ([n, a]) => {
          const h = (window as unknown as { harness: { actions: Record<string, (x?: unknown) => Promise<unknown>> } }).harness;
          void h.actions[n as string]?.(a);
        },
        [name, arg] as const,
      ),
    applied: () => page().evaluate(() => (window as unknown as { harness: { applied: AppliedProject[] } }).harness.applied),
  };
}

export interface ProjectSite {
  /** A temporary folder of the test's own (downloads go here); removed by close(). */
  work: string;
  context: BrowserContext;
  /** Requests to another origin, refused. */
  escaped: string[];
  /** A new page of the harness, ready; its console errors and warnings and page errors go to `problems`. */
  openPage(problems: string[]): Promise<Page>;
  close(): Promise<void>;
}

export async function startProjectSite(): Promise<ProjectSite> {
  const work = await mkdtemp(join(tmpdir(), 'firebreak-project-e2e-'));
  const out = join(work, 'site');
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  await build({
    configFile: false,
    root: harnessDir,
    base: './',
    logLevel: 'error',
    plugins: [react()],
    define: { __FIREBREAK_VERSION__: '"e2e"' },
    worker: { format: 'es' },
    build: { outDir: out, emptyOutDir: true, target: 'es2022', modulePreload: { polyfill: false }, reportCompressedSize: false },
  });
  const demo = join(root, 'assets', 'demo');
  const list: Record<string, string[]> = {};
  for (const folder of ['workspace', 'scenarios']) {
    mkdirSync(join(out, 'demo', folder), { recursive: true });
    list[folder] = readdirSync(join(demo, folder)).filter((n) => /\.(csv|json)$/.test(n)).sort();
    for (const name of list[folder] ?? []) copyFileSync(join(demo, folder, name), join(out, 'demo', folder, name));
  }
  writeFileSync(join(out, 'demo', 'manifest.json'), JSON.stringify(list));
  const served = await serveStatic({ root: out });
  const origin = new URL(served.url).origin;
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1100, height: 700 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const escaped: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) return route.continue();
    escaped.push(url);
    return route.abort('blockedbyclient');
  });
  for (const p of context.pages()) await p.close();
  return {
    work,
    context,
    escaped,
    async openPage(problems) {
      const p = await context.newPage();
      p.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
      });
      p.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      // File-chooser interception on for the page's whole life (see openSession in harness.ts).
      p.on('filechooser', () => undefined);
      await p.goto(`${served.url}index.html`);
      await p.waitForSelector('body[data-ready="yes"]', { state: 'attached' });
      return p;
    },
    async close() {
      await context.close();
      await served.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
