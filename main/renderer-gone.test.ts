import { describe, expect, it } from 'vitest';
import type { BrowserWindow, RenderProcessGoneDetails } from 'electron';
import { goneText, reloadWhenGone } from './renderer-gone';

type Gone = (event: unknown, details: RenderProcessGoneDetails) => void;

function fakeWindow(destroyed = false) {
  const calls = { reloads: 0, handler: null as Gone | null };
  const window = {
    webContents: { on: (name: string, handler: Gone) => void (name === 'render-process-gone' && (calls.handler = handler)) },
    isDestroyed: () => destroyed,
    reload: () => void calls.reloads++,
  } as unknown as BrowserWindow;
  return { window, calls };
}

const gone = (reason: RenderProcessGoneDetails['reason']): RenderProcessGoneDetails => ({ reason, exitCode: 1 }) as RenderProcessGoneDetails;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('a page whose process is gone', () => {
  it('is told why, forgotten, and reloaded once the message is answered', async () => {
    const { window, calls } = fakeWindow();
    const told: string[] = [];
    let forgotten = 0;
    reloadWhenGone(window, { tell: async (m) => void told.push(m), forget: () => void forgotten++ });
    calls.handler?.({}, gone('oom'));
    await settle();
    expect(told).toEqual([goneText('oom')]);
    expect(told[0]).toContain('ran out of memory');
    expect(forgotten).toBe(1);
    expect(calls.reloads).toBe(1);
    calls.handler?.({}, gone('crashed'));
    await settle();
    expect(told[1]).toContain('stopped unexpectedly');
    expect(calls.reloads).toBe(2);
  });

  it('does nothing on a clean exit, and does not reload a window already closed', async () => {
    const clean = fakeWindow();
    const told: string[] = [];
    reloadWhenGone(clean.window, { tell: async (m) => void told.push(m), forget: () => undefined });
    clean.calls.handler?.({}, gone('clean-exit'));
    await settle();
    expect(told).toEqual([]);
    expect(clean.calls.reloads).toBe(0);
    const closed = fakeWindow(true);
    reloadWhenGone(closed.window, { tell: async () => undefined, forget: () => undefined });
    closed.calls.handler?.({}, gone('killed'));
    await settle();
    expect(closed.calls.reloads).toBe(0);
  });
});
