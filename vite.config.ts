import react from '@vitejs/plugin-react';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  root: join(root, 'renderer'),
  base: './',
  publicDir: false,
  plugins: [react(), bundleDemo()],
  define: { __FIREBREAK_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  build: {
    outDir: join(root, 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4096,
    modulePreload: { polyfill: false },
  },
});
