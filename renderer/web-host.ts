/**
 * HostApi in a plain browser: a file input to open, a download link to save, the demo fetched
 * from the app's own origin, and (web-host-project.ts) projects with IndexedDB for the autosave
 * and recent files. Used in Chromium tests and where Electron is not available.
 */
import { APP_VERSION } from './build-info';
import { createWebProjectHost, download } from './web-host-project';
import { indexedDbStore, memoryStore, type WebStore } from './web-store';
import type { AppInfo, DemoBundle, HostApi, HostError, HostFile, HostResult, OpenFilesOptions, SaveFileRequest } from '../main/host-api';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const fail = (kind: HostError['kind'], message: string): HostResult<never> => ({ ok: false, error: { kind, message } });

function acceptOf(options: OpenFilesOptions): string {
  const exts = (options.filters ?? []).flatMap((f) => f.extensions).filter((e) => e !== '*');
  return exts.map((e) => `.${e}`).join(',');
}

async function readPicked(list: FileList | null): Promise<HostResult<HostFile[]>> {
  const files: HostFile[] = [];
  for (const file of Array.from(list ?? [])) {
    try {
      files.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    } catch {
      return fail('io', `Could not read "${file.name}".`);
    }
  }
  return { ok: true, value: files };
}

function openFiles(doc: Document, options: OpenFilesOptions = {}): Promise<HostResult<HostFile[]>> {
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.multiple = options.multiple !== false;
    input.accept = acceptOf(options);
    input.style.display = 'none';
    const done = (result: Promise<HostResult<HostFile[]>>): void => {
      input.remove();
      void result.then(resolve);
    };
    input.addEventListener('change', () => done(readPicked(input.files)), { once: true });
    input.addEventListener('cancel', () => done(Promise.resolve({ ok: true, value: [] })), { once: true });
    doc.body.append(input);
    input.click();
  });
}

function saveFile(win: Window, request: SaveFileRequest): Promise<HostResult<{ saved: boolean; path: string | null }>> {
  download(win, request.suggestedName, request.bytes);
  return Promise.resolve({ ok: true, value: { saved: true, path: null } });
}

function namesIn(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const names = value.filter((v): v is string => typeof v === 'string' && SAFE_NAME.test(v));
  return names.length === value.length ? names : null;
}

async function fetchBytes(win: Window, url: URL): Promise<Uint8Array | null> {
  try {
    const response = await win.fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

async function readDemo(win: Window): Promise<HostResult<DemoBundle>> {
  const base = new URL('demo/', win.document.baseURI);
  const manifestBytes = await fetchBytes(win, new URL('manifest.json', base));
  if (manifestBytes === null) return fail('not-found', 'The demo is missing from this build.');
  let manifest: unknown;
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch {
    return fail('io', 'The demo list of this build is damaged.');
  }
  const record = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>) : {};
  const workspaceNames = namesIn(record.workspace);
  const scenarioNames = namesIn(record.scenarios);
  if (workspaceNames === null || scenarioNames === null) return fail('io', 'The demo list of this build is damaged.');
  if (workspaceNames.length === 0) return fail('not-found', 'The demo workspace is missing from this build.');
  const load = async (folder: string, names: string[]): Promise<HostFile[] | string> => {
    const files: HostFile[] = [];
    for (const name of names) {
      const bytes = await fetchBytes(win, new URL(`${folder}/${name}`, base));
      if (bytes === null) return name;
      files.push({ name, bytes });
    }
    return files;
  };
  const workspace = await load('workspace', workspaceNames);
  if (typeof workspace === 'string') return fail('not-found', `The demo file "${workspace}" could not be loaded.`);
  const scenarios = await load('scenarios', scenarioNames);
  if (typeof scenarios === 'string') return fail('not-found', `The demo scenario "${scenarios}" could not be loaded.`);
  return { ok: true, value: { workspace, scenarios } };
}

function appInfo(win: Window): AppInfo {
  const chrome = /Chrom(?:e|ium)\/([\d.]+)/.exec(win.navigator.userAgent)?.[1];
  return {
    name: 'Firebreak',
    version: APP_VERSION,
    host: 'web',
    platform: win.navigator.platform,
    packaged: false,
    versions: chrome === undefined ? {} : { chrome },
    blockedRequests: 0,
  };
}

/** Where the web host keeps the autosave and recent projects: IndexedDB when the browser has it. */
function defaultStore(win: Window): WebStore {
  try {
    return win.indexedDB ? indexedDbStore(win.indexedDB) : memoryStore();
  } catch {
    return memoryStore();
  }
}

export function createWebHost(win: Window, store: WebStore = defaultStore(win)): HostApi {
  const project = createWebProjectHost(win, store);
  return {
    openFiles: (options) => openFiles(win.document, options),
    saveFile: (request) => saveFile(win, request),
    // The browser's own print dialog saves the PDF (or prints); the page's print CSS lays it out.
    printReport: () => {
      win.print();
      return Promise.resolve({ ok: true, value: { saved: false, path: null } });
    },
    readDemo: () => readDemo(win),
    appInfo: () => Promise.resolve({ ok: true, value: appInfo(win) }),
    ...project,
    onMenuCommand: (listener) =>
      project.onHostEvent((event) => {
        if (event.type === 'menu') listener(event.command);
      }),
  };
}
