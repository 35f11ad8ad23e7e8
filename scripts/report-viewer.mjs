// The single-file HTML report's viewer (renderer/report-html/main.tsx), bundled by esbuild into one
// inline script and stylesheet of an HTML template with its own strict CSP (scripts and styles
// allowed by hash only, images as data: only, nothing else). The app imports the template as
// `virtual:firebreak-report-viewer` (a lazy chunk) and fills in the report's title and data.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const REPORT_VIEWER_MODULE = 'virtual:firebreak-report-viewer';
const RESOLVED = `\0${REPORT_VIEWER_MODULE}`;

const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The CSP of a report: only its own inline script and style (by hash), data: images, no requests. */
export function reportCsp(script, style) {
  return [
    "default-src 'none'",
    `script-src ${hash(script)}`,
    `style-src ${hash(style)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Builds the viewer and returns the HTML template (with the title and data marks) and the files it was built from. */
export async function buildReportTemplate(root, version) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'renderer', 'report-html', 'main.tsx')],
    bundle: true,
    write: false,
    outdir: join(root, 'dist', '.report-viewer'),
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    legalComments: 'none',
    charset: 'utf8',
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"', __FIREBREAK_VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  if (js === '') throw new Error('the report viewer built to nothing');
  // Inline text must not close its element early.
  if (/<\/script/i.test(js) || /<!--/.test(js)) throw new Error('the report viewer script holds </script or <!--');
  if (/<\/style/i.test(css)) throw new Error('the report viewer stylesheet holds </style');
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${reportCsp(js, css)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Firebreak">',
    '<title><!--FIREBREAK-REPORT-TITLE--></title>',
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    '<div id="root"></div>',
    '<script type="application/json" id="firebreak-report-data"><!--FIREBREAK-REPORT-DATA--></script>',
    `<script>${js}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { html, inputs: Object.keys(result.metafile.inputs).map((f) => join(root, f)) };
}

/** Vite plugin: `import('virtual:firebreak-report-viewer')` gives the template as a string (default export). */
export function reportViewerPlugin(root, version) {
  return {
    name: 'firebreak-report-viewer',
    resolveId(id) {
      return id === REPORT_VIEWER_MODULE ? RESOLVED : null;
    },
    async load(id) {
      if (id !== RESOLVED) return null;
      const { html, inputs } = await buildReportTemplate(root, version);
      for (const file of inputs) this.addWatchFile(file);
      return `export default ${JSON.stringify(html)};`;
    },
  };
}
