#!/usr/bin/env node
// Writes the Northwind Treasury workshop dataset (assets/workshop/workspace/*.csv and
// assets/workshop/scenarios/*.json) from scripts/workshop/, deterministically from its seed.
// `--check` writes nothing and exits 1 when a committed file differs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from './run-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const { northwindFiles } = await importTs('scripts/workshop/files.ts');
let stale = 0;
for (const [rel, content] of Object.entries(northwindFiles())) {
  const path = join(root, 'assets', 'workshop', rel);
  if (existsSync(path) && readFileSync(path, 'utf8') === content) continue;
  if (check) {
    console.log(`differs: assets/workshop/${rel}`);
    stale++;
    continue;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  console.log(`wrote assets/workshop/${rel}`);
}
if (check && stale > 0) process.exit(1);
