#!/usr/bin/env node
// The firebreak command: runs the built CLI (dist/node/cli.mjs, made by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/node/cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('firebreak: the command line is not built yet; run npm run build\n');
  process.exit(1);
}
const { runAsProcess } = await import(cli.href);
await runAsProcess(process.argv.slice(2));
