import { describe, expect, it, vi } from 'vitest';

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(),
  on: vi.fn(),
  removeListener: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
  ipcRenderer: { invoke: bridge.invoke, on: bridge.on, removeListener: bridge.removeListener },
}));

import type { HostApi } from './host-api';
import { INVOKE_CHANNELS, MENU_COMMAND_CHANNEL } from './ipc-channels';

await import('./preload');
const host = bridge.exposed.get('host') as HostApi;

describe('preload', () => {
  it('exposes only `host`, with only the HostApi calls', () => {
    expect([...bridge.exposed.keys()]).toEqual(['host']);
    expect(Object.keys(host).sort()).toEqual(['appInfo', 'onMenuCommand', 'openFiles', 'readDemo', 'saveFile']);
    for (const value of Object.values(host)) expect(typeof value).toBe('function');
  });

  it('forwards each call to its channel', async () => {
    bridge.invoke.mockResolvedValue({ ok: true, value: [] });
    await host.openFiles({ multiple: true });
    expect(bridge.invoke).toHaveBeenLastCalledWith(INVOKE_CHANNELS.openFiles, { multiple: true });
    const bytes = new Uint8Array([1]);
    await host.saveFile({ suggestedName: 'a.firebreak', bytes });
    expect(bridge.invoke).toHaveBeenLastCalledWith(INVOKE_CHANNELS.saveFile, { suggestedName: 'a.firebreak', bytes });
    await host.readDemo();
    expect(bridge.invoke).toHaveBeenLastCalledWith(INVOKE_CHANNELS.readDemo, undefined);
    await host.appInfo();
    expect(bridge.invoke).toHaveBeenLastCalledWith(INVOKE_CHANNELS.appInfo, undefined);
  });

  it('turns a failed invoke into an error value', async () => {
    bridge.invoke.mockRejectedValueOnce(new Error('No handler registered'));
    expect(await host.appInfo()).toEqual({ ok: false, error: { kind: 'unavailable', message: 'The desktop host did not answer.' } });
  });

  it('passes on known menu commands only, without the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = host.onMenuCommand(listener);
    const [channel, forward] = bridge.on.mock.calls[0] as [string, (event: unknown, command: unknown) => void];
    expect(channel).toBe(MENU_COMMAND_CHANNEL);
    forward({ sender: 'ipc event' }, 'open-files');
    forward({}, 'rm -rf');
    forward({}, { command: 'open-files' });
    expect(listener.mock.calls).toEqual([['open-files']]);
    unsubscribe();
    expect(bridge.removeListener).toHaveBeenCalledWith(MENU_COMMAND_CHANNEL, forward);
  });
});
