import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { HostResult, ProjectFile } from './host-api';
import { createFileOpener, projectPathsFromArgv } from './file-open';

describe('projectPathsFromArgv', () => {
  const cwd = resolve('/home/analyst');
  it.each([
    ['a double-clicked file (packaged)', ['/opt/Firebreak/firebreak', '/home/analyst/Q4.firebreak'], true, [resolve('/home/analyst/Q4.firebreak')]],
    ['a relative path from a shell', ['/opt/Firebreak/firebreak', 'stress/Q4.FIREBREAK'], true, [resolve(cwd, 'stress/Q4.FIREBREAK')]],
    ['Chromium switches in a second instance', ['/opt/Firebreak/firebreak', '--allow-file-access-from-files', '--original-process-start-time=1', 'a.firebreak'], true, [resolve(cwd, 'a.firebreak')]],
    ['development: electron <app> <file>', ['/usr/bin/electron', '.', 'a.firebreak'], false, [resolve(cwd, 'a.firebreak')]],
    ['the app folder alone', ['/usr/bin/electron', '/work/app.firebreak'], false, []],
    ['other files', ['/opt/Firebreak/firebreak', 'positions.csv', 'evil.firebreak.exe', '--x.firebreak'], true, []],
    ['nothing', ['/opt/Firebreak/firebreak'], true, []],
  ])('%s', (_label, argv, isPackaged, expected) => {
    expect(projectPathsFromArgv(argv, { isPackaged, cwd })).toEqual(expected);
  });
});

describe('createFileOpener', () => {
  const file = (name: string): ProjectFile => ({ handle: null, name, location: null, bytes: new Uint8Array(0), readOnly: false });

  it('holds files until the renderer listens, then sends them in order; errors go to a dialog', async () => {
    const send = vi.fn();
    const showError = vi.fn();
    let slow: () => void = () => undefined;
    const read = vi.fn(async (path: string): Promise<HostResult<ProjectFile>> => {
      if (path === 'first') await new Promise<void>((r) => (slow = r));
      if (path === 'missing') return { ok: false, error: { kind: 'io', message: 'Could not open "missing": it does not exist.' } };
      return { ok: true, value: file(path) };
    });
    const opener = createFileOpener({ read, send, showError });
    opener.open('first');
    opener.open('second');
    expect(read).not.toHaveBeenCalled();
    opener.listening();
    opener.open('missing');
    await vi.waitFor(() => expect(read).toHaveBeenCalledWith('first'));
    slow();
    await vi.waitFor(() => expect(showError).toHaveBeenCalledWith('Could not open "missing": it does not exist.'));
    expect(send.mock.calls.map(([e]) => (e as { file: ProjectFile }).file.name)).toEqual(['first', 'second']);
    opener.unready();
    opener.open('later');
    await new Promise((r) => setTimeout(r, 10));
    expect(read).not.toHaveBeenCalledWith('later');
  });
});
