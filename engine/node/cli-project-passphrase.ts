import { err, ok, type Result } from '../util/result';
import { MIN_PASSPHRASE_LENGTH } from '../project/envelope';

export const PASSPHRASE_ENV = 'FIREBREAK_PASSPHRASE';

/** Where a passphrase comes from: the environment, else the terminal (no echo), else one line of a pipe. */
export interface PassphraseSource {
  env: Readonly<Record<string, string | undefined>>;
  stdin: NodeJS.ReadStream;
  /** Prompts go to stderr, so stdout stays the command's output. */
  prompt(text: string): void;
}

export function processPassphraseSource(): PassphraseSource {
  return { env: process.env, stdin: process.stdin, prompt: (text) => void process.stderr.write(text) };
}

/**
 * A passphrase, never from the command line (shell history, process lists). Encrypting on a
 * terminal asks twice; a pipe gives its first line.
 */
export async function readPassphrase(purpose: 'encrypt' | 'decrypt', src: PassphraseSource): Promise<Result<string, string>> {
  const fromEnv = src.env[PASSPHRASE_ENV];
  let phrase: string | null;
  if (fromEnv !== undefined && fromEnv !== '') phrase = fromEnv;
  else if (src.stdin.isTTY) {
    phrase = await readHidden(src, purpose === 'encrypt' ? 'New passphrase: ' : 'Passphrase: ');
    if (phrase === CANCELLED) return err(CANCELLED_TEXT);
    if (phrase !== null && purpose === 'encrypt') {
      const again = await readHidden(src, 'Repeat the passphrase: ');
      if (again === CANCELLED) return err(CANCELLED_TEXT);
      if (again !== phrase) return err('the two passphrases differ; nothing was written');
    }
  } else phrase = await readLine(src.stdin);
  if (phrase === null || phrase === '') return err(`no passphrase given: set ${PASSPHRASE_ENV} or run in a terminal to be asked`);
  if (purpose === 'encrypt' && [...phrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    return err(`the passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
  return ok(phrase);
}

/** Ctrl+C at the prompt: the user stopped the command. */
const CANCELLED = '\u0003';
const CANCELLED_TEXT = 'cancelled at the passphrase prompt; nothing was read or written';

/** One line typed on the terminal without echo; null on Ctrl+D (nothing given), CANCELLED on Ctrl+C. */
function readHidden(src: PassphraseSource, question: string): Promise<string | null> {
  const { stdin } = src;
  src.prompt(question);
  return new Promise((resolve) => {
    let text = '';
    const done = (value: string | null): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      src.prompt('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return done(text);
        if (ch === CANCELLED) return done(CANCELLED);
        if (ch === '\u0004') return done(null);
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else if (ch >= ' ') text += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** The first line of a piped stdin (without its line end), or null when there is none. */
async function readLine(stdin: NodeJS.ReadStream): Promise<string | null> {
  let data = '';
  for await (const chunk of stdin) {
    data += String(chunk);
    const nl = data.indexOf('\n');
    if (nl >= 0) return data.slice(0, nl).replace(/\r$/, '');
  }
  return data === '' ? null : data.replace(/\r$/, '');
}
