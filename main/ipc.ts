import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { Dialogs } from './dialogs';
import { readChosenFiles, readDemoBundle, writeFileAtomic } from './files';
import type { AppInfo, HostApi, HostResult } from './host-api';
import { INVOKE_CHANNELS, LISTENING_CHANNEL, type InvokeMethod } from './ipc-channels';
import { createProjectHandlers, type ProjectIpcDeps } from './ipc-project';
import { printReport, type PdfPrinter } from './report-pdf';
import { isTrustedSender } from './sender';
import { parseNoArgs, parseOpenFilesOptions, parseSaveFileRequest } from './validators';

export interface IpcDeps extends ProjectIpcDeps {
  dialogs: Dialogs;
  /** Absolute path of dist/renderer/demo. */
  demoDir: string;
  appInfo(): AppInfo;
}

/** What a handler may know of a call besides its argument: the asking page (to print it). */
export interface InvokeContext {
  sender?: PdfPrinter;
}

/** A handler receives its single argument as `unknown` and must narrow it itself. */
export type HandlerTable = { [M in InvokeMethod]: (arg: unknown, context: InvokeContext) => ReturnType<HostApi[M]> };

export function createHandlers(deps: IpcDeps) {
  return {
    async openFiles(arg) {
      const options = parseOpenFilesOptions(arg);
      if (!options.ok) return options;
      const paths = await deps.dialogs.chooseFilesToOpen(options.value);
      return readChosenFiles(paths);
    },
    async saveFile(arg) {
      const request = parseSaveFileRequest(arg);
      if (!request.ok) return request;
      const path = await deps.dialogs.chooseSavePath(request.value.suggestedName, request.value.filters);
      if (path === null) return { ok: true, value: { saved: false, path: null } };
      const written = await writeFileAtomic(path, request.value.bytes);
      return written.ok ? { ok: true, value: { saved: true, path } } : written;
    },
    printReport: (arg, context) => printReport(arg, context.sender, deps.dialogs),
    async readDemo(arg) {
      const none = parseNoArgs(arg);
      if (!none.ok) return none;
      return readDemoBundle(deps.demoDir);
    },
    async appInfo(arg) {
      const none = parseNoArgs(arg);
      if (!none.ok) return none;
      return { ok: true, value: deps.appInfo() };
    },
    ...createProjectHandlers(deps),
  } satisfies HandlerTable;
}

const FORBIDDEN: HostResult<never> = { ok: false, error: { kind: 'forbidden', message: 'This window may not use the host.' } };

/**
 * Wraps a handler so it answers only trusted senders, takes at most one argument, and turns
 * any exception into an error value (the main process never crashes on a bad message).
 */
export function guard(
  handler: (arg: unknown, context: InvokeContext) => Promise<HostResult<unknown>>,
): (event: Pick<IpcMainInvokeEvent, 'senderFrame'> & InvokeContext, ...args: unknown[]) => Promise<HostResult<unknown>> {
  return async (event, ...args) => {
    if (!isTrustedSender(event.senderFrame)) return FORBIDDEN;
    if (args.length > 1) return { ok: false, error: { kind: 'invalid-argument', message: 'Host calls take one argument.' } };
    try {
      return await handler(args[0], { sender: event.sender });
    } catch (error) {
      console.error('[ipc] handler failed:', error);
      return { ok: false, error: { kind: 'io', message: 'The host could not complete the request.' } };
    }
  };
}

/**
 * The one registry of IPC handlers, plus the one message main listens to: the renderer saying
 * it listens for host events (checked like every call).
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'on'>, deps: IpcDeps, onListening: () => void = () => undefined): void {
  const handlers: HandlerTable = createHandlers(deps);
  for (const method of Object.keys(INVOKE_CHANNELS) as InvokeMethod[]) {
    ipcMain.handle(INVOKE_CHANNELS[method], guard(handlers[method]));
  }
  ipcMain.on(LISTENING_CHANNEL, (event: Pick<IpcMainEvent, 'senderFrame'>) => {
    if (isTrustedSender(event.senderFrame)) onListening();
  });
}
