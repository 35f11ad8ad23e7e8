import { describe, expect, it, vi } from 'vitest';

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(),
  on: vi.fn(),
  send: vi.fn(),
  removeListener: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
  ipcRenderer: { invoke: bridge.invoke, on: bridge.on, send: bridge.send, removeListener: bridge.removeListener },
}));

import type { HostApi } from './host-api';
import { HOST_EVENT_CHANNEL, INVOKE_CHANNELS, LISTENING_CHANNEL } from './ipc-channels';

await import('./preload');
const host = bridge.exposed.get('host') as HostApi;

describe('preload', () => {
  it('exposes only `host`, with only the HostApi calls, all functions', () => {
    expect([...bridge.exposed.keys()]).toEqual(['host']);
    expect(Object.keys(host).sort()).toEqual([...Object.keys(INVOKE_CHANNELS), 'onHostEvent', 'onMenuCommand'].sort());
    for (const value of Object.values(host)) expect(typeof value).toBe('function');
  });

  it('forwards each call to its channel with its one argument', async () => {
    bridge.invoke.mockResolvedValue({ ok: true, value: null });
    const bytes = new Uint8Array([1]);
    const handle = '0b8f6c1e-2f4a-4c55-9f0e-0a1b2c3d4e5f';
    const calls: [keyof typeof INVOKE_CHANNELS, () => Promise<unknown>, unknown][] = [
      ['openFiles', () => host.openFiles({ multiple: true }), { multiple: true }],
      ['saveFile', () => host.saveFile({ suggestedName: 'a.csv', bytes }), { suggestedName: 'a.csv', bytes }],
      ['printReport', () => host.printReport({ suggestedName: 'r.pdf' }), { suggestedName: 'r.pdf' }],
      ['readDemo', () => host.readDemo(), undefined],
      ['appInfo', () => host.appInfo(), undefined],
      ['openProject', () => host.openProject(), undefined],
      ['saveProject', () => host.saveProject({ handle, bytes }), { handle, bytes }],
      ['saveProjectAs', () => host.saveProjectAs({ suggestedName: 'q4', bytes }), { suggestedName: 'q4', bytes }],
      ['recentProjects', () => host.recentProjects(), undefined],
      ['openRecent', () => host.openRecent('aaaaaaaaaaaaaaaa'), 'aaaaaaaaaaaaaaaa'],
      ['clearRecent', () => host.clearRecent(), undefined],
      ['setProjectState', () => host.setProjectState({ title: 'q4', dirty: true, readOnly: false }), { title: 'q4', dirty: true, readOnly: false }],
      ['writeAutosave', () => host.writeAutosave({ bytes, name: 'q4', handle: null, encrypted: false }), { bytes, name: 'q4', handle: null, encrypted: false }],
      ['writeAutosaveEdits', () => host.writeAutosaveEdits({ base: 1, seq: 2, scenarios: [], viewState: null }), { base: 1, seq: 2, scenarios: [], viewState: null }],
      ['restoreOffer', () => host.restoreOffer(), undefined],
      ['readAutosave', () => host.readAutosave('s1764662400000-42'), 's1764662400000-42'],
      ['discardAutosave', () => host.discardAutosave('s1764662400000-42'), 's1764662400000-42'],
      ['clearAutosave', () => host.clearAutosave(), undefined],
      ['confirmUnsaved', () => host.confirmUnsaved({ name: 'q4' }), { name: 'q4' }],
      ['respondToClose', () => host.respondToClose({ proceed: true }), { proceed: true }],
    ];
    expect(calls.map(([m]) => m).sort()).toEqual(Object.keys(INVOKE_CHANNELS).sort());
    for (const [method, run, arg] of calls) {
      await run();
      expect(bridge.invoke).toHaveBeenLastCalledWith(INVOKE_CHANNELS[method], arg);
    }
  });

  it('turns a failed invoke into an error value', async () => {
    bridge.invoke.mockRejectedValueOnce(new Error('No handler registered'));
    expect(await host.appInfo()).toEqual({ ok: false, error: { kind: 'unavailable', message: 'The desktop host did not answer.' } });
  });

  it('passes on well-formed host events only, without the IPC event, says it listens, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = host.onHostEvent(listener);
    expect(bridge.send).toHaveBeenCalledWith(LISTENING_CHANNEL);
    const [channel, forward] = bridge.on.mock.calls.at(-1) as [string, (event: unknown, data: unknown) => void];
    expect(channel).toBe(HOST_EVENT_CHANNEL);
    const file = { handle: null, name: 'q4.firebreak', location: null, bytes: new Uint8Array(1), readOnly: false };
    forward({ sender: 'ipc event' }, { type: 'menu', command: 'save' });
    forward({}, { type: 'open-project', file });
    forward({}, { type: 'close-requested' });
    forward({}, { type: 'menu', command: 'rm -rf' });
    forward({}, { type: 'open-project', file: { ...file, bytes: 'AAEC' } });
    forward({}, 'save');
    expect(listener.mock.calls).toEqual([[{ type: 'menu', command: 'save' }], [{ type: 'open-project', file }], [{ type: 'close-requested' }]]);
    unsubscribe();
    expect(bridge.removeListener).toHaveBeenCalledWith(HOST_EVENT_CHANNEL, forward);
  });

  it('still offers menu commands alone through onMenuCommand', () => {
    const listener = vi.fn();
    host.onMenuCommand(listener);
    const [, forward] = bridge.on.mock.calls.at(-1) as [string, (event: unknown, data: unknown) => void];
    forward({}, { type: 'menu', command: 'open' });
    forward({}, { type: 'close-requested' });
    expect(listener.mock.calls).toEqual([['open']]);
  });
});
