import { SCHEMA, TABLE_NAMES, type TableName } from '../../engine/workspace/schema';
import type { Cell, EpisodeDef, EventDef, Row, ScenarioDef } from './episode';
import { isSourced, type Sourced } from './sourced';

/** The label every library episode carries, in its files and in the app. */
export const LIBRARY_LABEL = 'approximate, from public reports';

/** One number of sources.json: where it sits, its value, and where it comes from. */
export interface SourceEntry {
  file: string;
  row: string;
  column: string;
  value: number;
  basis: Sourced['basis'];
  sources: string[];
  note: string;
}

/**
 * The key that names a row in sources.json: the id for tables that have one, else the columns
 * that make a row unique (`owner/asset`, `debtor>creditor/asset`, `venue/asset`, `asset/backer`).
 */
export function rowKey(table: TableName, row: Readonly<Record<string, unknown>>): string {
  const s = (k: string): string => String(row[k] ?? '');
  switch (table) {
    case 'holdings':
      return `${s('owner')}/${s('asset')}`;
    case 'obligations':
      return `${s('debtor')}>${s('creditor')}/${row.asset === undefined || row.asset === '' ? 'USD' : s('asset')}`;
    case 'feeds':
      return `${s('venue')}/${s('asset')}`;
    case 'backing':
      return `${s('asset')}/${s('backer')}`;
    default:
      return s('id');
  }
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function plain(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  return isSourced(cell) ? String(cell.value) : cell;
}

/** A table as CSV: columns in schema order, only those some row sets; LF line ends. */
export function tableCsv(table: TableName, rows: readonly Row[]): string {
  const cols = SCHEMA[table].columns.map((c) => c.name).filter((c) => rows.some((r) => r[c] !== undefined));
  const lines = [cols.join(',')];
  for (const r of rows) lines.push(cols.map((c) => csvField(plain(r[c]))).join(','));
  return `${lines.join('\n')}\n`;
}

const EVENT_NUMBERS = ['change', 'factor', 'price', 'amount_usd', 'fraction'] as const;

function scenarioJson(s: ScenarioDef): unknown {
  const events = s.events.map((e: EventDef) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) if (v !== undefined) out[k] = isSourced(v) ? v.value : v;
    return out;
  });
  const doc: Record<string, unknown> = { name: s.name, description: s.description, steps: s.steps, events };
  if (s.options) doc.options = s.options;
  doc.notes = s.notes;
  return doc;
}

/** Every sourced number of an episode, in file order; throws on a bare number (a bug in the definition). */
export function sourceEntries(ep: EpisodeDef): SourceEntry[] {
  const out: SourceEntry[] = [];
  const push = (file: string, row: string, column: string, v: Sourced): void => {
    out.push({ file, row, column, value: v.value, basis: v.basis, sources: [...v.sources], note: v.note });
  };
  for (const table of TABLE_NAMES) {
    const rows = ep.tables[table];
    if (!rows) continue;
    const numeric = new Set(SCHEMA[table].columns.filter((c) => c.type.kind === 'number').map((c) => c.name));
    for (const r of rows) {
      for (const [column, cell] of Object.entries(r)) {
        if (isSourced(cell)) push(`workspace/${table}.csv`, rowKey(table, flat(r)), column, cell);
        else if (numeric.has(column)) throw new Error(`${ep.id}: ${table} ${rowKey(table, flat(r))}.${column} is a number without a source`);
      }
    }
  }
  for (const s of ep.scenarios) {
    s.events.forEach((e, i) => {
      for (const k of EVENT_NUMBERS) {
        const v = (e as Record<string, unknown>)[k];
        if (v === undefined) continue;
        if (!isSourced(v)) throw new Error(`${ep.id}: ${s.file} events[${i}].${k} is a number without a source`);
        push(`scenarios/${s.file}`, `events[${i}]`, k, v);
      }
    });
  }
  return out;
}

function flat(r: Row): Record<string, string | number> {
  const o: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(r)) o[k] = isSourced(v) ? v.value : v;
  return o;
}

/** sources.json: what the app shows beside an episode's numbers. */
export function sourcesJson(ep: EpisodeDef): unknown {
  return {
    episode: ep.id,
    title: ep.title,
    period: ep.period,
    label: LIBRARY_LABEL,
    step_unit: ep.stepUnit,
    timeline: ep.timeline,
    documents: ep.documents,
    values: sourceEntries(ep),
    limits: ep.limits,
  };
}

/** Every file of an episode folder, by path relative to it. */
export function episodeFiles(ep: EpisodeDef): Record<string, string> {
  const files: Record<string, string> = {};
  for (const table of TABLE_NAMES) {
    const rows = ep.tables[table];
    if (rows) files[`workspace/${table}.csv`] = tableCsv(table, rows);
  }
  for (const s of ep.scenarios) files[`scenarios/${s.file}`] = `${JSON.stringify(scenarioJson(s), null, 2)}\n`;
  files['sources.json'] = `${JSON.stringify(sourcesJson(ep), null, 2)}\n`;
  files['README.md'] = episodeReadme(ep);
  return files;
}

function money(v: number): string {
  return Math.abs(v) >= 1000 ? v.toLocaleString('en-US', { maximumFractionDigits: 4 }) : String(v);
}

function episodeReadme(ep: EpisodeDef): string {
  const L: string[] = [];
  L.push(`# ${ep.title} (${ep.period})`, '');
  L.push(`*${capital(LIBRARY_LABEL)}.* Every number below is stored with its source in [sources.json](sources.json).`, '');
  L.push(ep.summary, '');
  L.push('## Scenarios', '');
  for (const s of ep.scenarios) {
    L.push(`### [${s.name}](scenarios/${s.file})`, '', s.description, '');
    for (const n of s.notes) L.push(`- **Step ${n.step}.** ${n.text}`);
    L.push('');
  }
  L.push('## What a run shows', '');
  for (const o of ep.outcome) L.push(`- ${o}`);
  L.push('', '## Timeline', '', `One step stands for ${ep.stepUnit}.`, '', '| step | date | what happened |', '|---|---|---|');
  for (const t of ep.timeline) L.push(`| ${t.step} | ${t.date} | ${t.text} |`);
  L.push('', '## What the model cannot express', '');
  for (const l of ep.limits) L.push(`- ${l}`);
  L.push('', '## Where the numbers come from', '', '| file | row | column | value | basis | source | note |', '|---|---|---|---|---|---|---|');
  for (const e of sourceEntries(ep)) {
    L.push(`| ${e.file} | ${e.row} | ${e.column} | ${money(e.value)} | ${e.basis} | ${e.sources.join(', ') || '—'} | ${e.note.replace(/\|/g, '/')} |`);
  }
  L.push('', '## Documents', '');
  for (const [id, d] of Object.entries(ep.documents)) L.push(`- \`${id}\`: ${d.outlet}, ${d.date}, "${d.title}", <${d.url}>`);
  L.push('');
  return L.join('\n');
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** assets/library/index.json: the episodes, in the order the app lists them. */
export function libraryIndex(eps: readonly EpisodeDef[]): unknown {
  return {
    label: LIBRARY_LABEL,
    episodes: eps.map((ep) => ({
      id: ep.id,
      title: ep.title,
      period: ep.period,
      summary: ep.summary,
      workspace: `${ep.id}/workspace`,
      sources: `${ep.id}/sources.json`,
      readme: `${ep.id}/README.md`,
      scenarios: ep.scenarios.map((s) => ({ file: `${ep.id}/scenarios/${s.file}`, name: s.name })),
    })),
  };
}

/** assets/library/README.md: what the library is, how its numbers are sourced, and its episodes. */
export function libraryReadme(eps: readonly EpisodeDef[]): string {
  const L: string[] = ['# Scenario library', ''];
  L.push(
    `Real episodes rebuilt from public figures, each labelled *${LIBRARY_LABEL}*: a small workspace (6–20 nodes) that reproduces the known shape of the event, scenarios with a description and a step-by-step storyboard, a \`sources.json\` that stores the source of every number (document, outlet, date, address; or the assumption or calibration behind it), and a README with what a run shows and what the model could not express.`,
    '',
    'Generated by `node scripts/gen-library.mjs` from the definitions in `scripts/library/episodes/`; do not edit the files by hand. `index.json` lists the episodes for the app. The user guide describes the library in `docs/library.md`.',
    '',
    '| episode | period | scenarios |',
    '|---|---|---|',
  );
  for (const ep of eps) L.push(`| [${ep.title}](${ep.id}/README.md) | ${ep.period} | ${ep.scenarios.map((s) => `\`${s.file}\``).join(', ')} |`);
  L.push('', '## sources.json', '');
  L.push(
    '`values` holds one entry per number of the episode: `file` (`workspace/<table>.csv` or `scenarios/<file>.json`), `row` (the id; `owner/asset` for holdings, `debtor>creditor/asset` for obligations, `venue/asset` for feeds, `asset/backer` for backing; `events[<i>]` in a scenario), `column`, `value`, `basis` (`reported`, `derived`, `assumption`, `calibrated` or `model`), `sources` (ids of `documents`) and `note`. `timeline` maps steps to dates; `limits` lists what the model cannot express and how it is approximated.',
    '',
  );
  return L.join('\n');
}
