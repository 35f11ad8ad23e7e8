import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { readPassphrase, type PassphraseSource } from './cli-project-passphrase';

/** A terminal whose keys are typed as soon as it listens. */
function terminal(keys: string[]): PassphraseSource & { prompts: string[] } {
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    setRawMode: () => stdin,
    setEncoding: () => stdin,
    pause: () => stdin,
    resume: () => {
      const next = keys.shift();
      if (next !== undefined) queueMicrotask(() => stdin.emit('data', next));
      return stdin;
    },
  });
  const prompts: string[] = [];
  return { env: {}, stdin: stdin as unknown as NodeJS.ReadStream, prompt: (t) => void prompts.push(t), prompts };
}

describe('the passphrase prompt', () => {
  it('reads a typed passphrase, twice to encrypt', async () => {
    expect(await readPassphrase('decrypt', terminal(['treasury desk 7\r']))).toEqual({ ok: true, value: 'treasury desk 7' });
    expect(await readPassphrase('encrypt', terminal(['treasury desk 7\r', 'treasury desk 7\r']))).toEqual({ ok: true, value: 'treasury desk 7' });
    expect(await readPassphrase('encrypt', terminal(['treasury desk 7\r', 'treasury desk 8\r']))).toEqual({ ok: false, error: 'the two passphrases differ; nothing was written' });
  });

  it('says Ctrl+C cancelled, and Ctrl+D gave nothing', async () => {
    const cancelled = { ok: false, error: 'cancelled at the passphrase prompt; nothing was read or written' };
    expect(await readPassphrase('decrypt', terminal(['trea\u0003']))).toEqual(cancelled);
    expect(await readPassphrase('encrypt', terminal(['treasury desk 7\r', '\u0003']))).toEqual(cancelled);
    expect(await readPassphrase('decrypt', terminal(['\u0004']))).toEqual({ ok: false, error: 'no passphrase given: set FIREBREAK_PASSPHRASE or run in a terminal to be asked' });
  });
});
