/**
 * The one Content-Security-Policy of the app. No 'unsafe-eval'; workers only from the bundle or
 * blobs. 'wasm-unsafe-eval' lets the engine compile WebAssembly (the Parquet decoder, the CSV
 * scanner), whose bytes come from the bundle like every script: it allows no eval of text.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers sent with every file of the bundle. COOP + COEP make the window cross-origin isolated
 * (everything it loads is its own), which gives its workers shared memory: the engine worker
 * hands each step's journal to its loss-graph helper without a copy.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
