/** Where a command writes: stdout for its result, stderr for messages. Tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INVALID = 2;
export type ExitCode = typeof EXIT_OK | typeof EXIT_INTERNAL | typeof EXIT_INVALID;

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};
