import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Doyensec's electronegativity over main/, offline (it warns that it cannot fetch Electron's
// release list; the checks themselves run locally). CI command, from the repository root:
//   npx electronegativity -i main -e 45.5.0 -r -o electronegativity.csv
// A deliberately insecure window is checked beside our sources, so the test proves the checker
// ran and still finds what it should.

const here = import.meta.dirname;
const cli = createRequire(import.meta.url).resolve('@doyensec/electronegativity/dist/index.js');
const work = mkdtempSync(join(tmpdir(), 'firebreak-eneg-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Finding {
  check: string;
  severity: string;
  file: string;
  location: string;
}

function findings(csv: string): Finding[] {
  return csv
    .split('\n')
    .slice(1)
    .filter((line) => /^[A-Z_]+,"/.test(line))
    .map((line) => {
      const [check, severity, , file, location] = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
      return { check: check ?? '', severity: severity ?? '', file: file ?? '', location: location ?? '' };
    });
}

describe('electronegativity', () => {
  it('finds nothing of high or medium severity in main/, and still finds an insecure window', () => {
    const input = join(work, 'main');
    mkdirSync(input);
    for (const name of readdirSync(here)) copyFileSync(join(here, name), join(input, name));
    writeFileSync(
      join(input, 'insecure-fixture.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const out = join(work, 'report.csv');
    const run = spawnSync(process.execPath, [cli, '-i', input, '-e', '45.5.0', '-r', '-o', out], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const all = findings(readFileSync(out, 'utf8'));
    const serious = all.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
    const ours = serious.filter((f) => !f.file.includes('insecure-fixture'));
    expect(ours, JSON.stringify(ours, null, 2)).toEqual([]);
    const fixture = serious.filter((f) => f.file.includes('insecure-fixture')).map((f) => f.check);
    expect(fixture).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'AUXCLICK_JS_CHECK']));
  });
});
