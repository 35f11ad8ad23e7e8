import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostApi, HostEvent, ProjectState } from '../../main/host-api';
import type { EngineClient } from '../engine-client';
import type { ContentChange, ProjectBridge, ProjectContent } from './bridge';
import { startProjectShell } from './project-shell';
import { createProjectStore } from './project-store';

function setup() {
  let emit: (e: HostEvent) => void = () => undefined;
  let change: (c: ContentChange) => void = () => undefined;
  const states: ProjectState[] = [];
  const unsubscribed = { host: false, bridge: false };
  const saves: unknown[] = [];
  const host = {
    onHostEvent: (l: (e: HostEvent) => void) => {
      emit = l;
      return () => void (unsubscribed.host = true);
    },
    setProjectState: vi.fn(async (s: ProjectState) => (states.push(s), { ok: true, value: null })),
    restoreOffer: vi.fn(async () => ({ ok: true, value: null })),
    recentProjects: vi.fn(async () => ({ ok: true, value: [] })),
    writeAutosave: vi.fn(async () => ({ ok: true, value: { name: 'Untitled', savedAt: 'now', encrypted: false, bytes: 1 } })),
    writeAutosaveEdits: vi.fn(() => Promise.resolve({ ok: true, value: { savedAt: 'now', sync: true } })),
  } as unknown as HostApi;
  const content: ProjectContent = { scenarios: [], run: null, viewState: null };
  const engine = {
    request: vi.fn(async (method: string, args: unknown) => (saves.push({ method, args }), { ok: true, value: { bytes: new Uint8Array([1]), meta: {} } })),
  } as unknown as EngineClient;
  const bridge: ProjectBridge = {
    collect: () => content,
    workspaceKey: () => 'the one workspace',
    apply: () => undefined,
    reset: () => undefined,
    subscribe: (l) => {
      change = l;
      return () => void (unsubscribed.bridge = true);
    },
  };
  const docListeners = new Map<string, () => void>();
  const doc = {
    visibilityState: 'visible',
    activeElement: null as unknown,
    execCommand: vi.fn(),
    addEventListener: (n: string, l: () => void) => docListeners.set(n, l),
    removeEventListener: (n: string) => docListeners.delete(n),
  };
  const winListeners = new Map<string, () => void>();
  const win = {
    document: doc,
    setInterval,
    clearInterval,
    setTimeout,
    clearTimeout,
    addEventListener: (n: string, l: () => void) => winListeners.set(n, l),
    removeEventListener: (n: string) => winListeners.delete(n),
  } as unknown as Window;
  const store = createProjectStore();
  const ui = { command: vi.fn() };
  const shell = startProjectShell({ host, engine, bridge, store, ui, win, autosaveMs: 30_000 });
  return { shell, store, states, emit: (e: HostEvent) => emit(e), change: (c: ContentChange) => change(c), host, engine, ui, doc, docListeners, winListeners, unsubscribed, saves, content };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('startProjectShell', () => {
  it('puts its actions in the store, checks for work to restore and reads the recent list', () => {
    const s = setup();
    expect(s.store.getState().actions).toBe(s.shell.actions);
    expect(s.host.restoreOffer).toHaveBeenCalled();
    expect(s.host.recentProjects).toHaveBeenCalled();
  });

  it('tells the host the title, unsaved and read-only state, once per change', () => {
    const s = setup();
    expect(s.states).toEqual([{ title: null, dirty: false, readOnly: false }]);
    s.change('fresh');
    s.change('edited');
    s.change('edited');
    s.shell.actions.lock();
    expect(s.states).toEqual([
      { title: null, dirty: false, readOnly: false },
      { title: 'Untitled', dirty: false, readOnly: false },
      { title: 'Untitled', dirty: true, readOnly: false },
      { title: 'Untitled', dirty: true, readOnly: true },
    ]);
  });

  it('autosaves the first edit at once, those that follow a second after the last (at most 5 s while edits keep coming), every 30 s and when the window is hidden', async () => {
    const s = setup();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(s.host.writeAutosave).not.toHaveBeenCalled();
    s.change('edited');
    // At once: a crash a moment after the first edit keeps it.
    await vi.advanceTimersByTimeAsync(0);
    expect(s.host.writeAutosave).toHaveBeenCalledTimes(1);
    // Edits every half second: written at least every 5 s, and only the edits (the workspace stays).
    for (let k = 0; k < 10; k++) {
      s.content.viewState = { k };
      s.change('edited');
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(s.host.writeAutosaveEdits).toHaveBeenCalledTimes(1);
    expect(s.host.writeAutosaveEdits).toHaveBeenLastCalledWith(expect.objectContaining({ viewState: { k: 9 } }));
    expect(s.host.writeAutosave).toHaveBeenCalledTimes(1);
    // After a quiet spell, the next edit is written at once again.
    await vi.advanceTimersByTimeAsync(2_000);
    s.content.viewState = { after: 'a pause' };
    s.change('edited');
    await vi.advanceTimersByTimeAsync(0);
    expect(s.host.writeAutosaveEdits).toHaveBeenCalledTimes(2);
    s.content.viewState = { hidden: true };
    s.doc.visibilityState = 'hidden';
    s.docListeners.get('visibilitychange')?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.host.writeAutosaveEdits).toHaveBeenCalledTimes(3);
    // Nothing changed since: the 30 s timer writes nothing again.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(s.host.writeAutosaveEdits).toHaveBeenCalledTimes(3);
    expect(s.host.writeAutosave).toHaveBeenCalledTimes(1);
  });

  it('hands an edit not yet autosaved to the host synchronously as the page hides', async () => {
    const s = setup();
    s.change('edited');
    await vi.advanceTimersByTimeAsync(0);
    expect(s.host.writeAutosave).toHaveBeenCalledTimes(1);
    s.content.scenarios = [{ name: 'typed just now', scenario: {} }];
    s.change('edited');
    s.winListeners.get('pagehide')?.();
    expect(s.host.writeAutosaveEdits).toHaveBeenCalledTimes(1);
    expect(s.host.writeAutosaveEdits).toHaveBeenCalledWith(expect.objectContaining({ scenarios: [{ name: 'typed just now', scenario: {} }] }));
    // The debounced write it replaced does not follow.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(s.host.writeAutosaveEdits).toHaveBeenCalledTimes(1);
  });

  it('writes the first edit after a save at once, even a moment after the edits before it', async () => {
    const s = setup();
    s.change('edited');
    await vi.advanceTimersByTimeAsync(0);
    expect(s.host.writeAutosave).toHaveBeenCalledTimes(1);
    // Saved (clean again) within the second; the next edit does not wait for the debounce.
    s.store.setState({ project: { ...(s.store.getState().project as NonNullable<ReturnType<typeof s.store.getState>['project']>), dirty: false } });
    s.content.scenarios = [{ name: 'first edit after the save', scenario: {} }];
    await vi.advanceTimersByTimeAsync(100);
    s.change('edited');
    await vi.advanceTimersByTimeAsync(0);
    expect(s.host.writeAutosaveEdits).toHaveBeenCalledWith(expect.objectContaining({ scenarios: [{ name: 'first edit after the save', scenario: {} }] }));
  });

  it('routes menu commands; undo and redo go to a focused text field first', async () => {
    const s = setup();
    s.emit({ type: 'menu', command: 'presentation' });
    s.emit({ type: 'menu', command: 'undo' });
    await vi.advanceTimersByTimeAsync(0);
    expect(s.ui.command.mock.calls).toEqual([['presentation'], ['undo']]);
    s.doc.activeElement = { tagName: 'INPUT' };
    s.emit({ type: 'menu', command: 'redo' });
    await vi.advanceTimersByTimeAsync(0);
    expect(s.doc.execCommand).toHaveBeenCalledWith('redo');
    expect(s.ui.command).toHaveBeenCalledTimes(2);
  });

  it('stops everything it started', async () => {
    const s = setup();
    s.shell.stop();
    expect(s.unsubscribed).toEqual({ host: true, bridge: true });
    expect(s.store.getState().actions).toBeNull();
    expect(s.docListeners.size).toBe(0);
    expect(s.winListeners.size).toBe(0);
    s.shell.actions.contentChanged('edited');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.host.writeAutosave).not.toHaveBeenCalled();
  });
});
