/** Where a command writes: stdout for its result, stderr for messages. Tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INVALID = 2;
/** A project's scenario ran to its end, and its results differ from those saved in the project. */
export const EXIT_DIFFERS = 3;
export type ExitCode = typeof EXIT_OK | typeof EXIT_INTERNAL | typeof EXIT_INVALID | typeof EXIT_DIFFERS;

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/**
 * When whoever reads the output goes away (`firebreak validate … | head -1`), the next write fails
 * with EPIPE: that ends the command quietly, as the reader wanted, instead of as an uncaught error.
 */
export function endQuietlyWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') process.stderr.write(`firebreak: cannot write the output: ${e.message}\n`);
      process.exit(e.code === 'EPIPE' ? EXIT_OK : EXIT_INTERNAL);
    });
  }
}
