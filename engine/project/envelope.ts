import { err, ok, type Result } from '../util/result';
import { problem, type ProjectProblem } from './problems';

/*
 * The passphrase envelope around a project zip:
 *   0  8  magic "\x89FBKENC\n"     8 2 envelope version (1)     10 1 kdf (1)     11 1 cipher (1)
 *  12  4  PBKDF2 iterations       16 16 salt                   32 12 AES-GCM IV
 *  44 16  key check               60 4  header check (SHA-256 of bytes 0–59, first 4 bytes)
 *  64 …   AES-256-GCM ciphertext with its 16-byte tag; the 64 header bytes are its additional data.
 * PBKDF2-HMAC-SHA256 turns the passphrase into a master secret; HKDF-SHA256 splits it into the
 * AES key and the key check. A check that does not match means a wrong passphrase; a header
 * check that does not match, or a tag that fails with the right key, means a damaged file.
 */

const MAGIC = [0x89, 0x46, 0x42, 0x4b, 0x45, 0x4e, 0x43, 0x0a];
const ENVELOPE_VERSION = 1;
const KDF_PBKDF2_HKDF = 1;
const CIPHER_AES_256_GCM = 1;
const HEADER_BYTES = 64;
const TAG_BYTES = 16;

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; files asking for fewer are refused. */
export const PBKDF2_ITERATIONS = 600_000;
const MAX_ITERATIONS = 10_000_000;
export const MIN_PASSPHRASE_LENGTH = 8;
const MAX_PASSPHRASE_LENGTH = 1024;

const KEY_INFO = 'firebreak project v1: aes-256-gcm key';
const CHECK_INFO = 'firebreak project v1: key check';

/** True when bytes start like an encrypted project (decryption says whether the rest is sound). */
export function isEncrypted(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/** Encrypts a project zip under a passphrase; salt and IV are fresh random bytes each time. */
export async function encryptProject(zip: Uint8Array, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<Result<Uint8Array, ProjectProblem>> {
  const phrase = passphrase.normalize('NFC');
  if ([...phrase].length < MIN_PASSPHRASE_LENGTH) {
    return err(problem('weak-passphrase', `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`));
  }
  if (phrase.length > MAX_PASSPHRASE_LENGTH) return err(problem('weak-passphrase', `A passphrase may have at most ${MAX_PASSPHRASE_LENGTH} characters.`));
  if (iterations < PBKDF2_ITERATIONS || iterations > MAX_ITERATIONS) return err(problem('invalid-input', `PBKDF2 iterations must be from ${PBKDF2_ITERATIONS} to ${MAX_ITERATIONS}.`));
  const header = new Uint8Array(HEADER_BYTES);
  const view = new DataView(header.buffer);
  header.set(MAGIC, 0);
  view.setUint16(8, ENVELOPE_VERSION, true);
  header[10] = KDF_PBKDF2_HKDF;
  header[11] = CIPHER_AES_256_GCM;
  view.setUint32(12, iterations, true);
  // Salts and IVs are not simulation randomness: they must be unpredictable, never seeded.
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  header.set(salt, 16);
  header.set(iv, 32);
  const keys = await deriveKeys(phrase, salt, iterations);
  header.set(keys.check, 44);
  header.set(await headerCheck(header), 60);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: header, tagLength: 128 }, keys.key, asBufferView(zip)),
  );
  const out = new Uint8Array(HEADER_BYTES + sealed.length);
  out.set(header, 0);
  out.set(sealed, HEADER_BYTES);
  return ok(out);
}

/** The zip inside an encrypted project, or why it cannot be had: a wrong passphrase is never called damage. */
export async function decryptProject(bytes: Uint8Array, passphrase: string | undefined): Promise<Result<Uint8Array, ProjectProblem>> {
  if (bytes.length < HEADER_BYTES) return err(problem('truncated', 'The encrypted project is cut short: its header is incomplete.'));
  const header = bytes.slice(0, HEADER_BYTES);
  const view = new DataView(header.buffer);
  const check = await headerCheck(header);
  if (!check.every((b, i) => header[60 + i] === b)) return err(problem('damaged', 'The encrypted project is damaged: its header does not match its checksum.'));
  const version = view.getUint16(8, true);
  if (version !== ENVELOPE_VERSION || header[10] !== KDF_PBKDF2_HKDF || header[11] !== CIPHER_AES_256_GCM) {
    return err(problem('newer-format', `The project is encrypted with envelope version ${version}, which this version of Firebreak cannot read; update Firebreak to open it.`));
  }
  const iterations = view.getUint32(12, true);
  if (iterations < PBKDF2_ITERATIONS || iterations > MAX_ITERATIONS) {
    return err(problem('damaged', `The encrypted project asks for ${iterations} key-derivation iterations; only ${PBKDF2_ITERATIONS} to ${MAX_ITERATIONS} are accepted.`));
  }
  if (passphrase === undefined || passphrase === '') return err(problem('passphrase-required', 'The project is encrypted: enter its passphrase.'));
  if (bytes.length < HEADER_BYTES + TAG_BYTES) return err(problem('truncated', 'The encrypted project is cut short: its contents are missing.'));
  const keys = await deriveKeys(passphrase.normalize('NFC'), header.slice(16, 32), iterations);
  let diff = 0;
  for (let i = 0; i < 16; i++) diff |= (keys.check[i] as number) ^ (header[44 + i] as number);
  if (diff !== 0) return err(problem('wrong-passphrase', 'The passphrase is wrong.'));
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: header.slice(32, 44), additionalData: header, tagLength: 128 },
      keys.key,
      asBufferView(bytes.subarray(HEADER_BYTES)),
    );
    return ok(new Uint8Array(plain));
  } catch {
    return err(problem('damaged', 'The encrypted project is damaged or cut short: its contents fail authentication (the passphrase is right).'));
  }
}

// The key type is inferred: DOM, Node and the engine's own declarations each name it differently.
async function deriveKeys(phrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const enc = new TextEncoder();
  const password = await crypto.subtle.importKey('raw', asBufferView(enc.encode(phrase)), 'PBKDF2', false, ['deriveBits']);
  const master = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, password, 256);
  const hkdf = await crypto.subtle.importKey('raw', master, 'HKDF', false, ['deriveBits', 'deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: asBufferView(enc.encode(KEY_INFO)) },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  const check = new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: asBufferView(enc.encode(CHECK_INFO)) }, hkdf, 128));
  return { key, check };
}

async function headerCheck(header: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', header.subarray(0, 60))).subarray(0, 4);
}

/** WebCrypto wants views over a plain ArrayBuffer; a view over a SharedArrayBuffer is copied. */
function asBufferView(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
