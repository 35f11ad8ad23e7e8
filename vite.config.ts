import react from '@vitejs/plugin-react';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { reportViewerPlugin } from './scripts/report-viewer.mjs';

const root = import.meta.dirname;
const demoDir = join(root, 'assets', 'demo');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

function filesIn(dir: string, extension: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.toLowerCase().endsWith(extension)).sort() : [];
}

/** Ships the demo workspace and scenarios inside the bundle (dist/renderer/demo/), with a list the web host reads. */
function bundleDemo(): Plugin {
  return {
    name: 'firebreak-bundle-demo',
    apply: 'build',
    generateBundle() {
      const workspace = filesIn(join(demoDir, 'workspace'), '.csv');
      const scenarios = filesIn(join(demoDir, 'scenarios'), '.json');
      for (const name of workspace) this.emitFile({ type: 'asset', fileName: `demo/workspace/${name}`, source: readFileSync(join(demoDir, 'workspace', name)) });
      for (const name of scenarios) this.emitFile({ type: 'asset', fileName: `demo/scenarios/${name}`, source: readFileSync(join(demoDir, 'scenarios', name)) });
      this.emitFile({ type: 'asset', fileName: 'demo/manifest.json', source: `${JSON.stringify({ workspace, scenarios }, null, 2)}\n` });
    },
  };
}

interface LibraryIndex {
  label: string;
  episodes: { id: string; title: string; period: string; summary: string }[];
}

/**
 * Ships the scenario library (assets/library), the workshop dataset (assets/workshop) and the user
 * guide (docs/) inside the bundle, with `bundled.json` listing them: the app opens them offline.
 */
function bundleLibrary(): Plugin {
  return {
    name: 'firebreak-bundle-library',
    apply: 'build',
    generateBundle() {
      const sets: Record<string, unknown>[] = [];
      const emitSet = (dir: string, base: string): { workspace: string[]; scenarios: string[] } => {
        const workspace = filesIn(join(dir, 'workspace'), '.csv');
        const scenarios = filesIn(join(dir, 'scenarios'), '.json');
        for (const name of workspace) this.emitFile({ type: 'asset', fileName: `${base}workspace/${name}`, source: readFileSync(join(dir, 'workspace', name)) });
        for (const name of scenarios) this.emitFile({ type: 'asset', fileName: `${base}scenarios/${name}`, source: readFileSync(join(dir, 'scenarios', name)) });
        return { workspace, scenarios };
      };
      const workshopDir = join(root, 'assets', 'workshop');
      if (existsSync(workshopDir)) {
        sets.push({
          id: 'workshop',
          kind: 'workshop',
          title: 'Northwind Treasury (workshop)',
          summary: 'A fictional corporate treasury: self-custody and two exchanges, a crypto lender, leverage on two lending protocols and a perp venue, stablecoins, and thousands of background positions. Scenarios for the classic stress list.',
          base: 'workshop/',
          ...emitSet(workshopDir, 'workshop/'),
        });
      }
      const libraryDir = join(root, 'assets', 'library');
      const indexFile = join(libraryDir, 'index.json');
      if (existsSync(indexFile)) {
        const index = JSON.parse(readFileSync(indexFile, 'utf8')) as LibraryIndex;
        for (const e of index.episodes) {
          const dir = join(libraryDir, e.id);
          const base = `library/${e.id}/`;
          this.emitFile({ type: 'asset', fileName: `${base}sources.json`, source: readFileSync(join(dir, 'sources.json')) });
          sets.push({ id: `library/${e.id}`, kind: 'episode', title: e.title, period: e.period, summary: e.summary, label: index.label, base, sources: 'sources.json', ...emitSet(dir, base) });
        }
      }
      const docsDir = join(root, 'docs');
      const docs = filesIn(docsDir, '.md');
      for (const name of docs) this.emitFile({ type: 'asset', fileName: `docs/${name}`, source: readFileSync(join(docsDir, name)) });
      for (const name of filesIn(join(docsDir, 'images'), '.png')) this.emitFile({ type: 'asset', fileName: `docs/images/${name}`, source: readFileSync(join(docsDir, 'images', name)) });
      this.emitFile({ type: 'asset', fileName: 'bundled.json', source: `${JSON.stringify({ sets, docs }, null, 2)}\n` });
    },
  };
}

export default defineConfig({
  root: join(root, 'renderer'),
  base: './',
  publicDir: false,
  plugins: [react(), bundleDemo(), bundleLibrary(), reportViewerPlugin(root, pkg.version)],
  define: { __FIREBREAK_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  build: {
    outDir: join(root, 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4096,
    modulePreload: { polyfill: false },
    // The timing notes are for plugin authors; on a busy 2-core machine they only alarm whoever runs npm install.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
