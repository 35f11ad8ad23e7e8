#!/usr/bin/env node
// Builds what the app and the CLI run from: dist/renderer (Vite), dist/main (esbuild, CommonJS),
// dist/node (esbuild, ESM). `--if-stale` skips the build when dist is newer than every source.
import { build as esbuild } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'dist', '.build-stamp');
const lockDir = join(root, 'dist', '.build-lock');
const LOCK_STALE_MS = 120_000;
const SOURCES = ['main', 'renderer', 'engine', 'bench', 'assets/demo', 'assets/library', 'assets/workshop', 'docs', 'vite.config.ts', 'scripts/build.mjs', 'package.json', 'package-lock.json'];
const SKIP = /(^|\/)(node_modules|out)(\/|$)|\.test\.tsx?$/;

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) {
    const child = join(path, name);
    if (!SKIP.test(relative(root, child))) newest = Math.max(newest, newestMtime(child));
  }
  return newest;
}

/** True when dist is missing or older than a source it is built from. */
export function isStale() {
  if (!existsSync(stampFile) || !existsSync(join(root, 'dist', 'renderer', 'index.html'))) return true;
  const built = statSync(stampFile).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(root, source)) > built);
}

const nodeBanner = "import { createRequire as __firebreakCreateRequire } from 'node:module'; const require = __firebreakCreateRequire(import.meta.url);";

function nodeBundles() {
  const entries = [
    ['engine/node/cli.ts', 'dist/node/cli.mjs'],
    ['engine/node/worker-entry.ts', 'dist/node/worker.mjs'],
    ['engine/node/csv-part-entry.ts', 'dist/node/csv-part.mjs'],
    ['engine/node/loss-thread-entry.ts', 'dist/node/loss-thread.mjs'],
    ['bench/bench.ts', 'dist/node/bench.mjs'],
  ].filter(([entry]) => existsSync(join(root, entry)));
  return entries.map(([entry, outfile]) =>
    esbuild({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      banner: { js: nodeBanner },
      logLevel: 'warning',
    }).then(() => outfile),
  );
}

function mainBundles() {
  const common = { absWorkingDir: root, bundle: true, platform: 'node', format: 'cjs', target: 'node22', external: ['electron'], logLevel: 'warning' };
  return [
    esbuild({ ...common, entryPoints: ['main/index.ts'], outfile: 'dist/main/index.cjs' }).then(() => 'dist/main/index.cjs'),
    // Sandboxed preloads cannot be ES modules.
    esbuild({ ...common, entryPoints: ['main/preload.ts'], outfile: 'dist/main/preload.cjs' }).then(() => 'dist/main/preload.cjs'),
  ];
}

async function rendererBundle() {
  // Vite builds React's and ECharts' development code when NODE_ENV says so, and a test runner
  // (Vitest sets NODE_ENV=test) would leave such a build for `npm start` to serve.
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  return 'dist/renderer';
}

/** One build at a time: parallel test files may each ask for a build of the same dist/. */
async function withLock(work) {
  mkdirSync(dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() - statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs > LOCK_STALE_MS) rmSync(lockDir, { recursive: true, force: true });
      await sleep(100);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

async function main() {
  if (process.argv.includes('--if-stale') && !isStale()) return;
  await withLock(async () => {
    // Another process may have built while this one waited.
    if (process.argv.includes('--if-stale') && !isStale()) return;
    await buildAll();
  });
}

async function buildAll() {
  const started = performance.now();
  const built = await Promise.all([rendererBundle(), ...mainBundles(), ...nodeBundles()]);
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, `${new Date().toISOString()}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`firebreak: built ${built.join(', ')} in ${seconds} s`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(`firebreak: build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
