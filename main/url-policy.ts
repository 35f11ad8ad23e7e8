import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_HOST, APP_SCHEME, parseUrl } from './app-origin';

export type BlockReason = 'remote' | 'file-outside-bundle' | 'foreign-app-host' | 'unknown-scheme' | 'malformed';

export type RequestVerdict = { allow: true } | { allow: false; reason: BlockReason };

export interface RequestPolicy {
  /** Absolute path of dist/renderer: the only files the app may load. */
  bundleDir: string;
  /** DevTools pages are allowed in development only. */
  allowDevtools: boolean;
}

const REMOTE_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);
const ALLOW: RequestVerdict = { allow: true };
const block = (reason: BlockReason): RequestVerdict => ({ allow: false, reason });

/** Decides every request the session sees: the app's own files and in-memory data only. */
export function classifyRequest(url: string, policy: RequestPolicy): RequestVerdict {
  const parsed = parseUrl(url);
  if (parsed === null) return block('malformed');
  const scheme = parsed.protocol;
  if (scheme === `${APP_SCHEME}:`) return parsed.host === APP_HOST ? ALLOW : block('foreign-app-host');
  if (scheme === 'data:' || scheme === 'blob:') return ALLOW;
  if (REMOTE_SCHEMES.has(scheme)) return block('remote');
  if (scheme === 'file:') {
    const filePath = filePathOf(parsed);
    if (filePath === null) return block('malformed');
    return isInside(policy.bundleDir, filePath) ? ALLOW : block('file-outside-bundle');
  }
  if (scheme === 'devtools:' && policy.allowDevtools) return ALLOW;
  return block('unknown-scheme');
}

/**
 * Maps `app://firebreak/<path>` to a file under `bundleDir`, or null when the URL is foreign,
 * malformed, or would escape the bundle (`..`, encoded separators, NUL bytes).
 */
export function resolveBundlePath(url: string, bundleDir: string): string | null {
  const parsed = parseUrl(url);
  if (parsed === null || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  const target = resolve(bundleDir, `.${pathname}`);
  return isInside(bundleDir, target) ? target : null;
}

/** True when `target` is `dir` itself's descendant (not `dir`, not outside it). */
export function isInside(dir: string, target: string): boolean {
  const rel = relative(resolve(dir), resolve(target));
  return rel !== '' && !isAbsolute(rel) && rel.split(sep)[0] !== '..';
}

function filePathOf(url: URL): string | null {
  try {
    return fileURLToPath(url);
  } catch {
    return null;
  }
}
