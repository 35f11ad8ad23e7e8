import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMain } from 'electron';
import { AutosaveStore, sessionAutosaveId } from './autosave';
import type { Dialogs } from './dialogs';
import type { AppInfo, HostResult } from './host-api';
import { registerIpc } from './ipc';
import { INVOKE_CHANNELS } from './ipc-channels';
import { FileRegistry } from './project-files';
import { ProjectHost } from './project-host';
import { RecentFiles } from './recent';
import { parsePrintReportRequest, PDF_FILTERS, type PdfOptions, type PdfPrinter } from './report-pdf';

vi.mock('electron', () => ({ dialog: {}, app: {} }));

type Listener = (event: { senderFrame: unknown; sender?: PdfPrinter }, ...args: unknown[]) => Promise<HostResult<unknown>>;

const info: AppInfo = { name: 'Firebreak', version: '0.1.0', host: 'electron', platform: 'linux-x64', packaged: false, versions: {}, blockedRequests: 0 };
const PDF = new TextEncoder().encode('%PDF-1.7\n% a report\n%%EOF\n');
const frame = { url: 'app://firebreak/index.html', parent: null };

let dir = '';
let handler: Listener;
const dialogs: Dialogs = { chooseFilesToOpen: vi.fn(), chooseSavePath: vi.fn(), chooseProjectToOpen: vi.fn(), askUnsaved: vi.fn() };

function printer(result: Promise<Uint8Array> = Promise.resolve(PDF), destroyed = false) {
  const printToPDF = vi.fn((_options: PdfOptions) => result);
  return { printToPDF, isDestroyed: () => destroyed };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-report-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

beforeEach(async () => {
  vi.clearAllMocks();
  const handlers = new Map<string, Listener>();
  const ipcMain: Pick<IpcMain, 'handle' | 'on'> = {
    handle: (channel, listener) => void handlers.set(channel, listener as Listener),
    on: () => ipcMain as IpcMain,
  };
  const data = await mkdtemp(join(dir, 'data-'));
  const projects = new ProjectHost(new FileRegistry(), new RecentFiles(join(data, 'recent.json')), new AutosaveStore(join(data, 'autosave'), sessionAutosaveId(1, new Date())), false, () => undefined);
  registerIpc(ipcMain, { dialogs, demoDir: join(dir, 'demo'), appInfo: () => info, projects, respondToClose: vi.fn() });
  handler = handlers.get(INVOKE_CHANNELS.printReport) as Listener;
});

describe('parsePrintReportRequest', () => {
  it.each([
    [{ suggestedName: 'flash-crash-report.pdf' }, true],
    [{ suggestedName: 'r.PDF', landscape: true }, true],
    [{ suggestedName: 'report.html' }, false],
    [{ suggestedName: '../../etc/report.pdf' }, false],
    [{ suggestedName: 'C:report.pdf' }, false],
    [{ suggestedName: 'r.pdf', landscape: 'yes' }, false],
    [{ suggestedName: 'r.pdf', path: '/tmp/r.pdf' }, false],
    ['r.pdf', false],
    [null, false],
  ])('%o → %s', (value, valid) => {
    expect(parsePrintReportRequest(value).ok).toBe(valid);
  });
});

describe('printReport over IPC', () => {
  it('asks where, prints the asking page to PDF with its CSS page size, and writes the file atomically', async () => {
    const path = join(dir, 'flash-crash-report.pdf');
    vi.mocked(dialogs.chooseSavePath).mockResolvedValue(path);
    const sender = printer();
    expect(await handler({ senderFrame: frame, sender }, { suggestedName: 'flash-crash-report.pdf' })).toEqual({ ok: true, value: { saved: true, path } });
    expect(dialogs.chooseSavePath).toHaveBeenCalledWith('flash-crash-report.pdf', PDF_FILTERS);
    expect(sender.printToPDF).toHaveBeenCalledWith({
      landscape: false,
      printBackground: true,
      preferCSSPageSize: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
      displayHeaderFooter: false,
    });
    expect(new Uint8Array(await readFile(path))).toEqual(PDF);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('prints nothing when the dialog is cancelled', async () => {
    vi.mocked(dialogs.chooseSavePath).mockResolvedValue(null);
    const sender = printer();
    expect(await handler({ senderFrame: frame, sender }, { suggestedName: 'r.pdf' })).toEqual({ ok: true, value: { saved: false, path: null } });
    expect(sender.printToPDF).not.toHaveBeenCalled();
  });

  it('answers a failed print with an error value and writes nothing', async () => {
    const path = join(dir, 'failed.pdf');
    vi.mocked(dialogs.chooseSavePath).mockResolvedValue(path);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await handler({ senderFrame: frame, sender: printer(Promise.reject(new Error('printing failed'))) }, { suggestedName: 'failed.pdf' });
    expect(result).toEqual({ ok: false, error: { kind: 'io', message: 'The report could not be printed to PDF.' } });
    await expect(readFile(path)).rejects.toThrow();
  });

  it('refuses a bad request, a window that is gone, and a page that is not the app', async () => {
    const sender = printer();
    expect(await handler({ senderFrame: frame, sender }, { suggestedName: '/etc/passwd.pdf' })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(await handler({ senderFrame: frame, sender: printer(Promise.resolve(PDF), true) }, { suggestedName: 'r.pdf' })).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    expect(await handler({ senderFrame: frame }, { suggestedName: 'r.pdf' })).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    expect(await handler({ senderFrame: { url: 'https://evil.example/', parent: null }, sender }, { suggestedName: 'r.pdf' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(sender.printToPDF).not.toHaveBeenCalled();
    expect(dialogs.chooseSavePath).not.toHaveBeenCalled();
  });
});
