/** An episode's provenance (assets/library/<id>/sources.json): every number's document and date. */
export interface SourceDocument {
  key: string;
  title: string;
  outlet: string;
  date: string;
  url: string;
}

export interface SourcedValue {
  file: string;
  row: string;
  column: string;
  value: string;
  basis: string;
  sources: string[];
  note: string;
}

export interface Provenance {
  title: string;
  period: string;
  label: string;
  stepUnit: string;
  timeline: { step: number; date: string; text: string }[];
  documents: SourceDocument[];
  values: SourcedValue[];
  limits: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** sources.json checked field by field; anything missing reads as empty rather than failing the episode. */
export function parseProvenance(raw: unknown): Provenance | null {
  if (!isRecord(raw)) return null;
  const timeline = (Array.isArray(raw.timeline) ? raw.timeline : []).filter(isRecord).map((t) => ({ step: typeof t.step === 'number' ? t.step : 0, date: text(t.date), text: text(t.text) }));
  const documents = Object.entries(isRecord(raw.documents) ? raw.documents : {}).map(([key, d]) => {
    const r = isRecord(d) ? d : {};
    return { key, title: text(r.title), outlet: text(r.outlet), date: text(r.date), url: text(r.url) };
  });
  const values = (Array.isArray(raw.values) ? raw.values : []).filter(isRecord).map((v) => ({
    file: text(v.file),
    row: text(v.row),
    column: text(v.column),
    value: text(v.value),
    basis: text(v.basis),
    sources: Array.isArray(v.sources) ? v.sources.map(text) : [],
    note: text(v.note),
  }));
  const limits = (Array.isArray(raw.limits) ? raw.limits : []).map(text).filter((l) => l !== '');
  return { title: text(raw.title), period: text(raw.period), label: text(raw.label), stepUnit: text(raw.step_unit), timeline, documents, values, limits };
}
