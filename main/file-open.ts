import { isAbsolute, resolve } from 'node:path';
import type { HostEvent, HostResult, ProjectFile } from './host-api';

/**
 * The `.firebreak` files on a command line (file association on Windows and Linux, or a second
 * launch). Flags are skipped, and in development (`electron <app-dir> …`) so is the app folder.
 */
export function projectPathsFromArgv(argv: readonly string[], options: { isPackaged: boolean; cwd: string }): string[] {
  const args = argv.slice(options.isPackaged ? 1 : 2);
  return args.filter((a) => !a.startsWith('-') && /\.firebreak$/i.test(a)).map((a) => (isAbsolute(a) ? a : resolve(options.cwd, a)));
}

export interface FileOpener {
  /** Opens a project in the renderer now, or as soon as it listens. */
  open(path: string): void;
  /** The renderer attached its listener: send what waited. */
  listening(): void;
  /** The window is gone: hold files again until a new one listens. */
  unready(): void;
}

/**
 * Files to open arrive before the window exists (a double-clicked file starts the app; macOS
 * sends `open-file` before `ready`). They wait until the renderer listens, then go to it in order.
 */
export function createFileOpener(deps: {
  read(path: string): Promise<HostResult<ProjectFile>>;
  send(event: HostEvent): void;
  showError(message: string): void;
}): FileOpener {
  const waiting: string[] = [];
  let ready = false;
  let chain: Promise<void> = Promise.resolve();
  // One after another, so files reach the renderer in the order they were asked for.
  const deliver = (path: string): void => {
    chain = chain.then(async () => {
      const file = await deps.read(path);
      if (file.ok) deps.send({ type: 'open-project', file: file.value });
      else deps.showError(file.error.message);
    });
  };
  return {
    open(path) {
      if (ready) deliver(path);
      else waiting.push(path);
    },
    listening() {
      ready = true;
      for (const path of waiting.splice(0)) deliver(path);
    },
    unready() {
      ready = false;
    },
  };
}
