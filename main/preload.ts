import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { HostApi, HostEvent, HostResult } from './host-api';
import { HOST_EVENT_CHANNEL, INVOKE_CHANNELS, isHostEvent, LISTENING_CHANNEL, type InvokeMethod } from './ipc-channels';

// The renderer's whole view of the OS: the HostApi calls, each one IPC invoke with one argument,
// and one event stream. No ipcRenderer, no Node, no Electron object crosses the bridge.

async function invoke<M extends InvokeMethod>(method: M, arg: unknown): Promise<Awaited<ReturnType<HostApi[M]>>> {
  try {
    return (await ipcRenderer.invoke(INVOKE_CHANNELS[method], arg)) as Awaited<ReturnType<HostApi[M]>>;
  } catch {
    const failed: HostResult<never> = { ok: false, error: { kind: 'unavailable', message: 'The desktop host did not answer.' } };
    return failed as Awaited<ReturnType<HostApi[M]>>;
  }
}

function subscribe(listener: (event: HostEvent) => void): () => void {
  const forward = (_event: IpcRendererEvent, data: unknown): void => {
    if (isHostEvent(data)) listener(data);
  };
  ipcRenderer.on(HOST_EVENT_CHANNEL, forward);
  ipcRenderer.send(LISTENING_CHANNEL);
  return () => {
    ipcRenderer.removeListener(HOST_EVENT_CHANNEL, forward);
  };
}

const host = {
  openFiles: (options) => invoke('openFiles', options),
  saveFile: (request) => invoke('saveFile', request),
  printReport: (request) => invoke('printReport', request),
  readDemo: () => invoke('readDemo', undefined),
  appInfo: () => invoke('appInfo', undefined),
  openProject: () => invoke('openProject', undefined),
  saveProject: (request) => invoke('saveProject', request),
  saveProjectAs: (request) => invoke('saveProjectAs', request),
  recentProjects: () => invoke('recentProjects', undefined),
  openRecent: (id) => invoke('openRecent', id),
  clearRecent: () => invoke('clearRecent', undefined),
  setProjectState: (state) => invoke('setProjectState', state),
  writeAutosave: (request) => invoke('writeAutosave', request),
  writeAutosaveEdits: (edits) => invoke('writeAutosaveEdits', edits),
  restoreOffer: () => invoke('restoreOffer', undefined),
  readAutosave: (id) => invoke('readAutosave', id),
  discardAutosave: (id) => invoke('discardAutosave', id),
  clearAutosave: () => invoke('clearAutosave', undefined),
  confirmUnsaved: (request) => invoke('confirmUnsaved', request),
  respondToClose: (request) => invoke('respondToClose', request),
  onHostEvent: subscribe,
  onMenuCommand: (listener) =>
    subscribe((event) => {
      if (event.type === 'menu') listener(event.command);
    }),
} satisfies HostApi;

contextBridge.exposeInMainWorld('host', host);
