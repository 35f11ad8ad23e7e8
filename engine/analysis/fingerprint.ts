import type { SimModel } from '../sim/model';
import { sha256OfParts } from '../util/hash';

/**
 * SHA-256 of the compiled model — every id list and typed array, in canonical order — so that two
 * workers can tell they hold the same workspace. (The workspace hash of the import covers the
 * Arrow IPC bytes, whose dictionary ids depend on what the process built before.)
 */
export async function modelFingerprint(m: SimModel): Promise<string> {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const [key, value] of Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    parts.push(enc.encode(`\n${key}:`));
    if (Array.isArray(value)) parts.push(enc.encode(JSON.stringify(value)));
    else if (ArrayBuffer.isView(value)) parts.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  }
  return sha256OfParts(parts);
}
