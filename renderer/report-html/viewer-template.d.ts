/** The single-file report viewer (renderer/report-html/main.tsx, bundled inline by scripts/report-viewer.mjs) as an HTML template. */
declare module 'virtual:firebreak-report-viewer' {
  const template: string;
  export default template;
}
