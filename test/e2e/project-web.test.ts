// The project layer in Chromium through the web host: downloads for saves, the file input to
// open, WebCrypto sealing in the real engine worker, IndexedDB for the autosave and recent files,
// and a tab crash followed by the offer to restore. The page is a harness (project-harness/):
// the app's own views are wired to these hooks by renderer/App.tsx.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProject } from '../../engine/project/read-project';
import { CHROMIUM, harnessOf, startProjectSite, type HarnessState, type ProjectSite } from './project-site';

const hasChromium = existsSync(CHROMIUM);
const screenshots = join(import.meta.dirname, 'screenshots');
const PASSPHRASE = 'board pack Q4 2026';

describe.skipIf(!hasChromium)(`projects in Chromium (web host)${hasChromium ? '' : ` — SKIPPED: ${CHROMIUM} absent`}`, () => {
  let site: ProjectSite;
  let context: BrowserContext;
  let page: Page;
  let work = '';
  let escaped: string[] = [];
  const problems: string[] = [];
  let saved = '';

  const { state, act, applied } = harnessOf(() => page);

  const openPage = (): Promise<Page> => site.openPage(problems);

  async function saveAs(): Promise<string> {
    const download = page.waitForEvent('download');
    await act('saveAs');
    const d = await download;
    const path = join(work, `${Date.now()}-${d.suggestedFilename()}`);
    await d.saveAs(path);
    return path;
  }

  beforeAll(async () => {
    site = await startProjectSite();
    ({ work, context, escaped } = site);
    page = await openPage();
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await site?.close();
  });

  it('saves a project as a download that the engine in Node verifies, then opens it through the file input with its results', async () => {
    await page.evaluate(() => (window as unknown as { harness: { loadDemo(): Promise<void> } }).harness.loadDemo());
    expect((await state()).project).toMatchObject({ name: 'Untitled', dirty: true });
    saved = await saveAs();
    await expect.poll(async () => (await state()).project).toMatchObject({ name: 'Untitled.firebreak', dirty: false });
    const bytes = new Uint8Array(readFileSync(saved));
    expect(new TextDecoder().decode(bytes.subarray(0, 2))).toBe('PK');
    const read = await readProject(bytes);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.scenarios.map((s) => s.name)).toEqual(['flash-crash', 'lender-default', 'liquidity-drain', 'oracle-attack', 'stablecoin-depeg']);
    expect(read.value.results?.tables.liquidations.numRows).toBeGreaterThan(0);

    const chooser = page.waitForEvent('filechooser');
    await act('open');
    await (await chooser).setFiles(saved);
    await expect.poll(async () => (await applied()).length, { timeout: 30_000 }).toBe(1);
    const [first] = await applied();
    expect(first?.summary?.total_liquidated_usd).toBe(read.value.results?.summary.total_liquidated_usd);
    expect(first?.viewState).toEqual({ view: 'results', node: 'fund-alpha' });
    expect((await state()).error).toBeNull();
  });

  it('saves again with Ctrl+S, as a download under the same name', async () => {
    await page.evaluate(() => (window as unknown as { harness: { loadDemo(): Promise<void> } }).harness.loadDemo());
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    expect((await download).suggestedFilename()).toMatch(/\.firebreak$/);
    await expect.poll(async () => (await state()).project?.dirty).toBe(false);
  });

  it('seals a project with a passphrase (WebCrypto in the worker) and asks for it — again when wrong — to open it', async () => {
    await act('protect');
    const dialog = page.getByTestId('passphrase-dialog');
    await dialog.waitFor();
    await page.getByTestId('passphrase-input').fill(PASSPHRASE);
    await page.getByTestId('passphrase-again').fill(PASSPHRASE);
    await page.screenshot({ path: join(screenshots, 'passphrase-protect.png') });
    await page.getByTestId('passphrase-submit').click();
    await expect.poll(async () => (await state()).project?.encrypted).toBe(true);
    const sealed = await saveAs();
    const bytes = new Uint8Array(readFileSync(sealed));
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x46, 0x42, 0x4b, 0x45, 0x4e, 0x43, 0x0a]);
    expect((await readProject(bytes, PASSPHRASE)).ok).toBe(true);
    expect(await readProject(bytes, 'not it at all')).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });

    const before = (await applied()).length;
    const chooser = page.waitForEvent('filechooser');
    await act('open');
    await (await chooser).setFiles(sealed);
    await dialog.waitFor();
    await page.getByTestId('passphrase-input').fill('board pack Q3 2026');
    await page.getByTestId('passphrase-submit').click();
    await page.getByTestId('passphrase-wrong').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(screenshots, 'passphrase-wrong.png') });
    await page.getByTestId('passphrase-input').fill(PASSPHRASE);
    await page.getByTestId('passphrase-submit').click();
    await expect.poll(async () => (await applied()).length, { timeout: 30_000 }).toBe(before + 1);
    expect((await state()).project).toMatchObject({ encrypted: true, dirty: false });
  });

  it('keeps recent projects, with their bytes, in IndexedDB across a reload', async () => {
    await page.reload();
    await page.waitForSelector('body[data-ready="yes"]', { state: 'attached' });
    // Saved as Untitled.firebreak, then opened under the names the downloads were kept as.
    await expect.poll(async () => (await state()).recent.length).toBe(3);
    const recent = (await state()).recent;
    expect(recent.map((r) => r.name.replace(/^(\d+-)+/, ''))).toEqual(['Untitled.firebreak', 'Untitled.firebreak', 'Untitled.firebreak']);
    const before = (await applied()).length;
    // The newest is the sealed one.
    await act('openRecent', recent[0]?.id);
    await page.getByTestId('passphrase-dialog').waitFor();
    await page.getByTestId('passphrase-input').fill(PASSPHRASE);
    await page.getByTestId('passphrase-submit').click();
    await expect.poll(async () => (await applied()).length, { timeout: 30_000 }).toBe(before + 1);
    expect((await state()).project).toMatchObject({ name: recent[0]?.name, encrypted: true });
  });

  it('autosaves to IndexedDB and, after the tab crashes, offers the work back', async () => {
    await page.evaluate(() => (window as unknown as { harness: { loadDemo(): Promise<void> } }).harness.loadDemo());
    await page.evaluate(() => (window as unknown as { harness: { actions: { autosave(): Promise<void> } } }).harness.actions.autosave());
    expect((await state()).lastAutosave).toMatch(/^\d{4}-\d\d-\d\dT/);
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => undefined);
    await page.waitForEvent('crash', { timeout: 10_000 });
    page = await openPage();
    await expect.poll(async () => (await state()).restore, { timeout: 10_000 }).not.toBeNull();
    const banner = page.getByTestId('restore-banner');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.innerText()).toContain('Firebreak did not close properly last time.');
    await page.screenshot({ path: join(screenshots, 'restore-banner.png') });
    // The autosave records in IndexedDB, each with the page (session) that wrote it.
    const records = async (): Promise<{ id?: string; savedAt: string }[]> =>
      page.evaluate(
        () =>
          new Promise<{ id?: string; savedAt: string }[]>((resolve, reject) => {
            const open = indexedDB.open('firebreak');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const get = open.result.transaction('autosave', 'readonly').objectStore('autosave').getAll();
              get.onsuccess = () => resolve(get.result as { id?: string; savedAt: string }[]);
              get.onerror = () => reject(get.error);
            };
          }),
      );
    const crashed = await records();
    expect(crashed).toHaveLength(1);
    await page.getByTestId('restore-accept').click();
    // The project was sealed: its autosave is sealed too.
    await page.getByTestId('passphrase-dialog').waitFor();
    await page.getByTestId('passphrase-input').fill(PASSPHRASE);
    await page.getByTestId('passphrase-submit').click();
    await expect.poll(async () => (await applied()).length, { timeout: 30_000 }).toBe(1);
    expect((await state()).project).toMatchObject({ name: expect.stringMatching(/Untitled\.firebreak$/), dirty: true, encrypted: true });
    expect(await banner.count()).toBe(0);
    // The restored work is this page's autosave now, and the crashed page's copy is gone.
    // (The earlier copy goes once this page's is written: polled as one, not read in between.)
    await expect.poll(async () => { const ids = (await records()).map((r) => r.id); return ids.length === 1 && ids[0] !== crashed[0]?.id; }, { timeout: 10_000 }).toBe(true);
  });

  it('does not offer the autosave of a tab still open to another tab (Web Locks), and offers it once that tab is gone', async () => {
    // The page left by the test before has this session's restored work autosaved; a second tab opens beside it.
    expect((await state()).lastAutosave).not.toBeNull();
    const other = await openPage();
    const restoreIn = (p: Page) => p.evaluate(() => (window as unknown as { harness: { state(): HarnessState } }).harness.state().restore);
    await other.waitForTimeout(500);
    expect(await restoreIn(other)).toBeNull();
    await other.close();
    // The first tab closes: its unsaved work is offered to the next, as work closed unsaved.
    await page.close();
    page = await openPage();
    await expect.poll(async () => (await state()).restore, { timeout: 10_000 }).toMatchObject({ reason: 'unsaved' });
  });

  it('keeps an edit made a moment before a reload or a tab crash, offers it back, and leaves nothing to offer once the work is saved', async () => {
    // What the tests before left on offer goes first.
    for (let k = 0; k < 5 && (await state()).restore !== null; k++) {
      await page.getByTestId('restore-discard').click();
      await page.waitForTimeout(300);
    }
    expect((await state()).restore).toBeNull();
    await page.evaluate(() => (window as unknown as { harness: { loadDemo(): Promise<void> } }).harness.loadDemo());
    // A second after the change, not 30 s: the whole project is in the autosave.
    await expect.poll(async () => (await state()).lastAutosave, { timeout: 5_000 }).not.toBeNull();
    // An edit, and the page reloads at once: no time for the debounced write; the page hiding keeps it.
    await page.evaluate(() => (window as unknown as { harness: { edit(name: string): void } }).harness.edit('flash-crash, edited just before the reload'));
    await page.reload();
    await page.waitForSelector('body[data-ready="yes"]', { state: 'attached' });
    await expect.poll(async () => (await state()).restore, { timeout: 10_000 }).toMatchObject({ reason: 'unsaved' });
    await page.getByTestId('restore-accept').click();
    await expect.poll(async () => (await applied()).length, { timeout: 30_000 }).toBe(1);
    expect((await applied())[0]).toMatchObject({ scenarios: expect.arrayContaining(['flash-crash, edited just before the reload']), viewState: { view: 'scenario', edited: 'flash-crash, edited just before the reload' } });
    expect((await state()).project).toMatchObject({ dirty: true });

    // Another edit, two seconds, and the tab crashes (no pagehide): the debounced write has it.
    await page.evaluate(() => (window as unknown as { harness: { edit(name: string): void } }).harness.edit('flash-crash, edited two seconds before the crash'));
    await page.waitForTimeout(2_000);
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => undefined);
    await page.waitForEvent('crash', { timeout: 10_000 });
    page = await openPage();
    await expect.poll(async () => (await state()).restore, { timeout: 10_000 }).toMatchObject({ reason: 'crash' });
    await page.getByTestId('restore-accept').click();
    await expect.poll(async () => (await applied()).length, { timeout: 30_000 }).toBe(1);
    expect((await applied())[0]?.scenarios).toContain('flash-crash, edited two seconds before the crash');

    // Saved: a reload offers nothing.
    await saveAs();
    await expect.poll(async () => (await state()).project?.dirty).toBe(false);
    await page.reload();
    await page.waitForSelector('body[data-ready="yes"]', { state: 'attached' });
    await page.waitForTimeout(1_500);
    expect((await state()).restore).toBeNull();
  });

  async function discardOffers(): Promise<void> {
    for (let k = 0; k < 5 && (await state()).restore !== null; k++) {
      await page.getByTestId('restore-discard').click();
      await page.waitForTimeout(300);
    }
    expect((await state()).restore).toBeNull();
  }
  const edit = (name: string): Promise<void> => page.evaluate((n) => (window as unknown as { harness: { edit(name: string): void } }).harness.edit(n), name);

  it('keeps the first edit after opening a saved project when the tab crashes 200 ms after it: the file is the base of the edits', async () => {
    await discardOffers();
    await page.evaluate(() => (window as unknown as { harness: { loadDemo(): Promise<void> } }).harness.loadDemo());
    const file = await saveAs();
    await expect.poll(async () => (await state()).project?.dirty).toBe(false);
    const before = (await applied()).length;
    const chooser = page.waitForEvent('filechooser');
    const t0 = Date.now();
    await act('open');
    await (await chooser).setFiles(file);
    await expect.poll(async () => (await applied()).length, { timeout: 30_000 }).toBe(before + 1);
    const shown = Date.now() - t0;
    // The first edit as soon as the project shows, and the tab crashes 200 ms later (no pagehide, no debounced write).
    await edit('flash-crash, first edit after opening');
    await page.waitForTimeout(200);
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => undefined);
    await page.waitForEvent('crash', { timeout: 10_000 });
    page = await openPage();
    await expect.poll(async () => (await state()).restore, { timeout: 10_000 }).toMatchObject({ reason: 'crash', name: expect.stringMatching(/Untitled\.firebreak$/) });
    await page.getByTestId('restore-accept').click();
    await expect.poll(async () => (await applied()).length, { timeout: 30_000 }).toBe(1);
    expect((await applied())[0]).toMatchObject({
      scenarios: expect.arrayContaining(['flash-crash, first edit after opening']),
      viewState: { view: 'scenario', edited: 'flash-crash, first edit after opening' },
      // The file's own results come back with it (the engine's autosave leaves them out).
      summary: expect.objectContaining({ total_liquidated_usd: expect.any(Number) }),
    });
    expect((await state()).project).toMatchObject({ dirty: true });
    console.info(`[e2e] open → shown in ${shown} ms; first edit kept by a crash 200 ms after it`);
  });

  it('tells the user at once when the browser refuses to store the autosave, and what to do', async () => {
    // The page left by the test before has the restored work open, unsaved.
    await page.evaluate(() => {
      const refuse = (): never => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (this: Storage, k: string, v: string) {
        if (this === window.localStorage) refuse();
        setItem.call(this, k, v);
      };
      IDBObjectStore.prototype.put = refuse;
    });
    await edit('flash-crash, edited with the storage full');
    const alert = page.getByTestId('autosave-problem');
    await alert.waitFor({ timeout: 10_000 });
    const text = await alert.innerText();
    expect(text).toMatch(/^Autosave failed: The browser (could not store the data|refused to store the latest changes).*save now \(Ctrl\+S\)/s);
    expect(text).not.toMatch(/Error|at \w+ \(|\.ts:/);
    await page.screenshot({ path: join(screenshots, 'autosave-failed.png') });
    // Save now: the work is in a file, and the warning goes.
    const download = page.waitForEvent('download');
    await page.getByTestId('autosave-problem-save').click();
    await download;
    await expect.poll(async () => (await state()).autosaveProblem).toBeNull();
    expect(await alert.count()).toBe(0);
  });

  it('says on the next load which edits the last page could not keep (localStorage full as it went)', async () => {
    await page.reload();
    await page.waitForSelector('body[data-ready="yes"]', { state: 'attached' });
    await page.waitForTimeout(500);
    await discardOffers();
    await page.evaluate(() => (window as unknown as { harness: { loadDemo(): Promise<void> } }).harness.loadDemo());
    await expect.poll(async () => (await state()).lastAutosave, { timeout: 5_000 }).not.toBeNull();
    // localStorage full for the edits (a few bytes still fit), and IndexedDB does not keep them either.
    await page.evaluate(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (this: Storage, k: string, v: string) {
        if (this === window.localStorage && k.startsWith('firebreak.edits.')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        setItem.call(this, k, v);
      };
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        if (typeof key === 'string' && key.endsWith('.edits')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.call(this, value, key);
      };
    });
    await edit('flash-crash, lost as the page went');
    await page.reload();
    await page.waitForSelector('body[data-ready="yes"]', { state: 'attached' });
    await expect.poll(async () => (await state()).restore, { timeout: 10_000 }).toMatchObject({ reason: 'unsaved', dropped: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const banner = page.getByTestId('restore-banner');
    expect(await banner.innerText()).toMatch(/Changes made at .+ could not be kept \(the storage was full or refused them\): they are not in this work\./);
    await page.screenshot({ path: join(screenshots, 'restore-dropped.png') });
    await discardOffers();
  });

  it('sent no request beyond 127.0.0.1 and logged no error', () => {
    expect(escaped).toEqual([]);
    expect(problems.filter((p) => !p.includes('Page crashed'))).toEqual([]);
  });
});
