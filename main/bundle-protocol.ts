import { readFile } from 'node:fs/promises';
import { SECURITY_HEADERS } from './csp';
import { contentTypeOf } from './mime';
import { resolveBundlePath } from './url-policy';

const text = (status: number, body: string): Response =>
  new Response(body, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/** Answers one `app://firebreak/…` request from the files of the renderer bundle, and nothing else. */
export async function serveBundleRequest(request: { url: string; method: string }, bundleDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
  const filePath = resolveBundlePath(request.url, bundleDir);
  if (filePath === null) return text(403, 'Forbidden');
  let body: Buffer;
  try {
    body = await readFile(filePath);
  } catch {
    return text(404, 'Not found');
  }
  const headers = { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(filePath), 'Cache-Control': 'no-cache' };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}
