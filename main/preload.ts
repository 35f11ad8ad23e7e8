import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { HostApi, HostResult } from './host-api';
import { INVOKE_CHANNELS, isMenuCommand, MENU_COMMAND_CHANNEL, type InvokeMethod } from './ipc-channels';

async function invoke<M extends InvokeMethod>(method: M, arg: unknown): Promise<Awaited<ReturnType<HostApi[M]>>> {
  try {
    return (await ipcRenderer.invoke(INVOKE_CHANNELS[method], arg)) as Awaited<ReturnType<HostApi[M]>>;
  } catch {
    const failed: HostResult<never> = { ok: false, error: { kind: 'unavailable', message: 'The desktop host did not answer.' } };
    return failed as Awaited<ReturnType<HostApi[M]>>;
  }
}

const host = {
  openFiles: (options) => invoke('openFiles', options),
  saveFile: (request) => invoke('saveFile', request),
  readDemo: () => invoke('readDemo', undefined),
  appInfo: () => invoke('appInfo', undefined),
  onMenuCommand(listener) {
    const forward = (_event: IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, forward);
    };
  },
} satisfies HostApi;

contextBridge.exposeInMainWorld('host', host);
