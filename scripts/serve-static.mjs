#!/usr/bin/env node
// A tiny static server for the built renderer, for browsers without Electron and for tests.
// It binds to 127.0.0.1 only and serves only files under its root.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Mirrors main/csp.ts (test/e2e checks they are equal).
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

const HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // With COOP, cross-origin isolation: shared memory for the engine's helper threads, as in the app.
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cache-Control': 'no-cache',
};

export function contentTypeOf(path) {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function inside(dir, target) {
  const rel = relative(dir, target);
  return rel !== '' && !isAbsolute(rel) && rel.split(sep)[0] !== '..';
}

/** The file under `root` a request path names, or null (outside the root, malformed, missing, or a folder). */
export async function resolveRequestPath(root, urlPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(urlPath, 'http://127.0.0.1').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const target = resolve(root, `.${pathname}`);
  if (!inside(root, target)) return null;
  try {
    // Symbolic links must not lead out of the root either.
    const real = await realpath(target);
    if (!inside(await realpath(root), real)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

function reply(res, status, text) {
  res.writeHead(status, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** Serves `root` on http://127.0.0.1:`port` (0 picks a free port). Resolves once listening. */
export function serveStatic({ root, port = 0, log = () => {} }) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'Method not allowed');
    void resolveRequestPath(base, req.url ?? '/').then((file) => {
      log(`${req.method} ${req.url} ${file === null ? 404 : 200}`);
      if (file === null) return reply(res, 404, 'Not found');
      res.writeHead(200, { ...HEADERS, 'Content-Type': contentTypeOf(file) });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : port}/`;
      const close = () =>
        new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
      resolvePromise({ url, server, close });
    });
  });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'renderer');
  const port = Number(process.argv[2] ?? 0);
  serveStatic({ root, port }).then(
    ({ url }) => console.log(`firebreak: serving ${relative(process.cwd(), root) || '.'} at ${url}`),
    (error) => {
      console.error(`firebreak: could not serve: ${error.message}`);
      process.exit(1);
    },
  );
}
