#!/usr/bin/env node
// `npm start`: build if dist is missing or stale, then run Electron on the project. Without an
// Electron binary (offline machines cannot download it), serve the app to a browser on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './serve-static.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function build() {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * The Electron binary, or a reason it is unavailable. `require('electron')` alone would try to
 * download a missing binary, so look for it first.
 */
function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH === undefined) {
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return { reason: 'its binary was never downloaded (node_modules/electron/dist is missing)' };
    if (!existsSync(join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim()))) return { reason: 'its binary is missing from node_modules/electron/dist' };
  }
  const binary = require('electron');
  return typeof binary === 'string' && existsSync(binary) ? { binary } : { reason: `no executable at ${String(binary)}` };
}

async function serveInBrowser() {
  const dir = join(root, 'dist', 'renderer');
  const wanted = Number(process.env.FIREBREAK_PORT ?? 5178);
  const served = await serveStatic({ root: dir, port: wanted }).catch(() => serveStatic({ root: dir, port: 0 }));
  console.log(`firebreak: open ${served.url} in Chromium or Firefox (the demo loads on start; Ctrl+C to stop).`);
  const stop = () => void served.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

build();
const electron = electronBinary();
if ('binary' in electron) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron.binary, [root], { cwd: root, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
  child.on('error', (error) => {
    console.log(`firebreak: Electron could not start (${error.message}); serving the app to a browser instead.`);
    void serveInBrowser();
  });
} else {
  console.log(`firebreak: Electron is unavailable: ${electron.reason}; serving the app to a browser instead.`);
  await serveInBrowser();
}
