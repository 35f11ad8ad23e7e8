import type { HostApi, HostResult, SaveFileOutcome } from '../../main/host-api';
import { exportName } from '../export/file-names';
import type { ReportDocument } from '../report/report-doc';
import { fillReportTemplate } from './fill-template';
import { loadReportTemplate } from './load-template';

/** Saves the report as one read-only HTML file (its data and viewer inside; it opens offline). */
export async function saveHtmlReport(host: HostApi, doc: ReportDocument): Promise<HostResult<SaveFileOutcome>> {
  const html = fillReportTemplate(await loadReportTemplate(), doc);
  return host.saveFile({
    suggestedName: exportName(doc.data.scenario.name, doc.data.runId, 'report', 'html'),
    bytes: new TextEncoder().encode(html),
    filters: [{ name: 'HTML report', extensions: ['html'] }],
  });
}
