#!/usr/bin/env node
// Writes assets/library/ (every episode's workspace, scenarios, sources.json and README, and
// index.json) from the definitions in scripts/library/episodes/. `--check` writes nothing and
// exits 1 when a committed file differs from what the definitions produce.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from './run-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const { libraryFiles } = await importTs('scripts/library/files.ts');
let stale = 0;
for (const [rel, content] of Object.entries(libraryFiles())) {
  const path = join(root, 'assets', 'library', rel);
  const same = existsSync(path) && readFileSync(path, 'utf8') === content;
  if (same) continue;
  if (check) {
    console.log(`differs: assets/library/${rel}`);
    stale++;
    continue;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  console.log(`wrote assets/library/${rel}`);
}
if (check && stale > 0) process.exit(1);
