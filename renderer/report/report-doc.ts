import type { ReportData } from '../../engine/report/report-types';

/** A report as saved or shown: the engine's report data and when and by what it was made. */
export interface ReportDocument {
  data: ReportData;
  /** ISO 8601 UTC: when this report was made (the as-of time printed on every page). */
  generatedAt: string;
  /** ISO 8601 UTC: when the run finished, when known. */
  runFinishedAt: string | null;
  appVersion: string;
  /** Where the workspace came from (a folder, a project), for the title block. */
  source: string | null;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Narrows the JSON embedded in an HTML report. It was written by this app, but a file can be
 * edited: what the viewer reads must have the shape it draws, or it says so instead.
 */
export function asReportDocument(value: unknown): ReportDocument | null {
  if (!isObj(value) || !isObj(value.data) || typeof value.generatedAt !== 'string' || typeof value.appVersion !== 'string') return null;
  const d = value.data;
  if (d.format !== 1 || typeof d.runId !== 'string' || !isObj(d.scenario) || !isObj(d.kpis) || !isObj(d.stamp) || !isObj(d.charts) || !isObj(d.network) || !isObj(d.assumptions)) return null;
  if (!Array.isArray(d.defaults) || !Array.isArray(d.losers) || !Array.isArray(d.warnings)) return null;
  const c = d.charts;
  if (!Array.isArray(c.prices) || !isObj(c.liquidations) || !Array.isArray(c.badDebt) || !Array.isArray(c.defaults)) return null;
  const n = d.network;
  if (!Array.isArray(n.vertices) || !Array.isArray(n.edges)) return null;
  return value as unknown as ReportDocument;
}

/** `Stress report — <scenario>`. */
export function reportTitle(doc: ReportDocument): string {
  return `Stress report — ${doc.data.scenario.name}`;
}

/** An ISO time as `2026-11-30 10:05 UTC`. */
export function utcText(iso: string | null): string {
  if (iso === null) return '—';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m === null ? iso : `${m[1]} ${m[2]} UTC`;
}

/** The vertex id of a path as people read it: events by their short label. */
export function vertexLabel(doc: ReportDocument, id: string): string {
  const e = doc.data.assumptions.events.find((x) => x.id === id);
  return e === undefined ? id : e.label;
}
