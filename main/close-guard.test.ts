import { describe, expect, it, vi } from 'vitest';
import { createCloseGuard } from './close-guard';

function setup() {
  const send = vi.fn();
  const close = vi.fn();
  const guard = createCloseGuard({ send, close });
  const attempt = () => {
    const event = { preventDefault: vi.fn() };
    guard.onClose(event);
    return event.preventDefault.mock.calls.length > 0 ? 'kept open' : 'closes';
  };
  return { guard, send, close, attempt };
}

describe('the close guard', () => {
  it('lets a window without unsaved work close', () => {
    const { attempt, send } = setup();
    expect(attempt()).toBe('closes');
    expect(send).not.toHaveBeenCalled();
  });

  it('keeps a window with unsaved work open and asks the renderer, then closes when told to', () => {
    const { guard, attempt, send, close } = setup();
    guard.setDirty(true);
    expect(attempt()).toBe('kept open');
    expect(send).toHaveBeenCalledWith({ type: 'close-requested' });
    guard.respond(true);
    expect(close).toHaveBeenCalledTimes(1);
    expect(attempt()).toBe('closes');
  });

  it('stays open when the user cancels, and asks again next time', () => {
    const { guard, attempt, send, close } = setup();
    guard.setDirty(true);
    attempt();
    guard.respond(false);
    expect(close).not.toHaveBeenCalled();
    expect(attempt()).toBe('kept open');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('does not trap the user behind a renderer that never answers: a second close goes through', () => {
    const { guard, attempt, close } = setup();
    guard.setDirty(true);
    attempt();
    expect(attempt()).toBe('kept open');
    expect(close).toHaveBeenCalledTimes(1);
    expect(attempt()).toBe('closes');
  });

  it('ignores an answer nobody asked for', () => {
    const { guard, close } = setup();
    guard.setDirty(true);
    guard.respond(true);
    expect(close).not.toHaveBeenCalled();
  });
});
