/** The viewer template, loaded on first use (a separate chunk of the app's own bundle: nothing remote). */
export async function loadReportTemplate(): Promise<string> {
  const module = await import('virtual:firebreak-report-viewer');
  return module.default;
}
