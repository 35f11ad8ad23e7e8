import { describe, expect, it } from 'vitest';
import { main } from './cli';
import type { CliIo } from './cli-io';

function capture(throwOnOut = false): CliIo & { outText: string; errText: string } {
  const io = {
    outText: '',
    errText: '',
    out(text: string) {
      if (throwOnOut) throw new Error('stdout closed');
      io.outText += text;
    },
    err(text: string) {
      io.errText += text;
    },
  };
  return io;
}

describe('main', () => {
  it('prints help and the version with exit 0', async () => {
    const io = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.outText).toContain('firebreak run <workspace-folder> --scenario <file.json>');
    expect(await main(['--version'], io)).toBe(0);
    expect(io.outText).toMatch(/firebreak \d+\.\d+\.\d+/);
  });

  it('prints a command’s own usage for <command> --help or -h, with exit 0', async () => {
    const io = capture();
    expect(await main(['run', '--help'], io)).toBe(0);
    expect(io.outText).toContain('firebreak run <workspace-folder> --scenario <file.json>');
    expect(io.outText).toContain('firebreak run <file.firebreak>');
    expect(io.outText).toContain('--force');
    expect(io.outText).not.toContain('firebreak sweep');
    expect(io.errText).toBe('');
    const sweep = capture();
    expect(await main(['sweep', '-h'], sweep)).toBe(0);
    expect(sweep.outText).toContain('parameters: event[<i>].<field>');
    expect(sweep.outText).toContain('--workers <N>');
  });

  it('answers bad arguments with exit 2 and the usage on stderr', async () => {
    const io = capture();
    expect(await main(['run'], io)).toBe(2);
    expect(io.outText).toBe('');
    expect(io.errText).toContain('run expects a workspace folder');
    expect(io.errText).toContain('Usage:');
  });

  it('turns a thrown error into exit 1 and one line, without a stack trace', async () => {
    const io = capture(true);
    expect(await main(['--version'], io)).toBe(1);
    expect(io.errText).toBe('firebreak: internal error: stdout closed\n');
  });
});
