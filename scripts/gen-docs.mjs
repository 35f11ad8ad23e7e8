#!/usr/bin/env node
// Writes docs/data-formats.md from the schema constants (engine/node/docs-format.ts). `--check`
// writes nothing and exits 1 when the committed page differs from what the constants produce.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from './run-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { dataFormatsDoc } = await importTs('engine/node/docs-format.ts');
const path = join(root, 'docs', 'data-formats.md');
const content = dataFormatsDoc();
const same = existsSync(path) && readFileSync(path, 'utf8') === content;
if (process.argv.includes('--check')) {
  if (!same) {
    console.log('differs: docs/data-formats.md (run node scripts/gen-docs.mjs)');
    process.exit(1);
  }
} else if (!same) {
  writeFileSync(path, content);
  console.log('wrote docs/data-formats.md');
}
