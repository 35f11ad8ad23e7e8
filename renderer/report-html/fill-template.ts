import { reportTitle, type ReportDocument } from '../report/report-doc';

/** Where the report's title goes in the viewer template (inside <title>). */
export const TITLE_MARK = '<!--FIREBREAK-REPORT-TITLE-->';
/** Where the report's JSON goes (inside <script type="application/json" id="firebreak-report-data">). */
export const DATA_MARK = '<!--FIREBREAK-REPORT-DATA-->';
export const DATA_ELEMENT_ID = 'firebreak-report-data';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that can sit inside a <script> element whatever the ids in it say: `<`, `>` and `&` (so no
 * `</script>` or `<!--` can appear) and the two JavaScript line separators become \u escapes.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The single-file HTML report: the viewer template with the report's title and data filled in. */
export function fillReportTemplate(template: string, doc: ReportDocument): string {
  for (const mark of [TITLE_MARK, DATA_MARK]) {
    if (template.split(mark).length !== 2) throw new Error(`the report template must hold ${mark} exactly once`);
  }
  // Replacer functions: a `$&` in a scenario name must stay text.
  return template.replace(TITLE_MARK, () => escapeHtml(reportTitle(doc))).replace(DATA_MARK, () => scriptSafeJson(doc));
}
