import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layer rules of DESIGN.md §Boundaries, read from the import lines themselves so that a
// bypass of the lint configuration still fails CI.

const root = resolve(__dirname, '..');

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ file, spec: m[3] as string, typeOnly: Boolean(m[2]) });
  const dyn = /(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = dyn.exec(text); m; m = dyn.exec(text)) out.push({ file, spec: m[1] as string, typeOnly: false });
  const worker = /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g;
  for (let m = worker.exec(text); m; m = worker.exec(text)) out.push({ file, spec: m[1] as string, typeOnly: false });
  return out;
}

/** The top-level folder a relative import lands in, or null for a package. */
function target(imp: Import): string | null {
  if (!imp.spec.startsWith('.')) return null;
  const abs = resolve(dirname(imp.file), imp.spec);
  return relative(root, abs).split(sep).join('/');
}

const rel = (f: string) => relative(root, f).split(sep).join('/');
const isTest = (f: string) => /\.test\.tsx?$/.test(f);

const ENGINE_PACKAGES = ['apache-arrow', 'papaparse', 'fflate', 'parquet-wasm', 'exceljs'];

describe('architecture (DESIGN.md §Boundaries)', () => {
  it('engine/ imports only itself and its data libraries; only engine/node/ touches Node', () => {
    const bad: string[] = [];
    for (const file of sourceFiles(join(root, 'engine'))) {
      if (isTest(file)) continue;
      const inNode = rel(file).startsWith('engine/node/');
      for (const imp of importsOf(file)) {
        const t = target(imp);
        if (t !== null) {
          if (!t.startsWith('engine/')) bad.push(`${rel(file)} → ${imp.spec}`);
          if (!inNode && t.startsWith('engine/node/')) bad.push(`${rel(file)} → ${imp.spec} (platform code)`);
        } else if (imp.spec.startsWith('node:') || ['fs', 'path', 'os', 'worker_threads'].includes(imp.spec)) {
          if (!inNode) bad.push(`${rel(file)} → ${imp.spec}`);
        } else if (!ENGINE_PACKAGES.some((p) => imp.spec === p || imp.spec.startsWith(`${p}/`))) {
          bad.push(`${rel(file)} → ${imp.spec}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('renderer/ reaches the engine only through engine-client.ts, and never Electron or Node', () => {
    const bad: string[] = [];
    for (const file of sourceFiles(join(root, 'renderer'))) {
      if (isTest(file)) continue;
      for (const imp of importsOf(file)) {
        const t = target(imp);
        if (imp.spec === 'electron' || imp.spec.startsWith('node:')) bad.push(`${rel(file)} → ${imp.spec}`);
        if (t === null) continue;
        if (t.startsWith('engine/') && !imp.typeOnly && rel(file) !== 'renderer/engine-client.ts') bad.push(`${rel(file)} → ${imp.spec}`);
        if (t.startsWith('main/') && !(imp.typeOnly && t.startsWith('main/host-api'))) bad.push(`${rel(file)} → ${imp.spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('main/ never imports engine/ or renderer/', () => {
    const bad: string[] = [];
    for (const file of sourceFiles(join(root, 'main'))) {
      for (const imp of importsOf(file)) {
        const t = target(imp);
        if (t !== null && (t.startsWith('engine/') || t.startsWith('renderer/'))) bad.push(`${rel(file)} → ${imp.spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the checker itself sees imports of every form', () => {
    const probe = join(root, 'renderer', 'probe.ts');
    const found = (text: string) => {
      const re = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
      return [...text.matchAll(re)].map((m) => m[3]);
    };
    expect(found("import { a } from '../engine/x';\nimport type { B } from './y';\nexport * from 'z';\nimport 'side-effect';")).toEqual(['../engine/x', './y', 'z', 'side-effect']);
    expect(target({ file: probe, spec: '../engine/sim/run', typeOnly: false })).toBe('engine/sim/run');
  });
  it('code that runs in the browser never uses apache-arrow builders (their null check is compiled by new Function, which the CSP refuses)', () => {
    const bad: string[] = [];
    const builders = /\b(vectorFromArray|makeBuilder|tableFromArrays|tableFromJSON|builderThroughIterable|builderThroughAsyncIterable)\b/;
    for (const dir of ['engine', 'renderer']) {
      for (const file of sourceFiles(join(root, dir))) {
        if (isTest(file) || rel(file).startsWith('engine/node/')) continue;
        if (builders.test(readFileSync(file, 'utf8'))) bad.push(rel(file));
      }
    }
    expect(bad).toEqual([]);
  });
});
