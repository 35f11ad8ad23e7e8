import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importWorkspace, SCHEMA, TABLE_NAMES, validateScenario } from '../../engine/index';
import { readWorkspaceFolder } from '../../engine/node/read-folder';
import { LIBRARY_LABEL, rowKey } from '../../scripts/library/build';
import { libraryFiles } from '../../scripts/library/files';
import { LIBRARY, openFolder } from './load';

interface IndexEntry {
  id: string;
  workspace: string;
  sources: string;
  scenarios: { file: string; name: string }[];
}

interface SourceValue {
  file: string;
  row: string;
  column: string;
  value: number;
  basis: string;
  sources: string[];
  note: string;
}

interface SourcesDoc {
  label: string;
  documents: Record<string, { title: string; outlet: string; date: string; url: string }>;
  values: SourceValue[];
  timeline: { step: number; date: string; text: string }[];
  limits: string[];
}

const index = JSON.parse(readFileSync(join(LIBRARY, 'index.json'), 'utf8')) as { label: string; episodes: IndexEntry[] };

/** Every number a workspace CSV holds, keyed as sources.json keys it. */
function csvNumbers(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const table of TABLE_NAMES) {
    const path = join(dir, `${table}.csv`);
    if (!existsSync(path)) continue;
    const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
    const cols = (header ?? '').split(',');
    const numeric = new Set(SCHEMA[table].columns.filter((c) => c.type.kind === 'number').map((c) => c.name));
    for (const line of lines) {
      // Library CSVs quote only text; numbers are never quoted, so a plain split is enough for them.
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '')) ?? [];
      const row: Record<string, string> = {};
      cols.forEach((c, i) => (row[c] = (cells[i] ?? '').replace(/^"|"$/g, '')));
      const key = rowKey(table, row);
      for (const c of cols) if (numeric.has(c) && row[c] !== '') out.set(`workspace/${table}.csv|${key}|${c}`, Number(row[c]));
    }
  }
  return out;
}

function eventNumbers(file: string, rel: string): Map<string, number> {
  const out = new Map<string, number>();
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { events: Record<string, unknown>[] };
  doc.events.forEach((e, i) => {
    for (const k of ['change', 'factor', 'price', 'amount_usd', 'fraction']) {
      if (typeof e[k] === 'number') out.set(`${rel}|events[${i}]|${k}`, e[k]);
    }
  });
  return out;
}

describe('the episode library', () => {
  it('is what scripts/library produces (run `node scripts/gen-library.mjs` after editing a definition)', () => {
    const files = libraryFiles();
    for (const [rel, content] of Object.entries(files)) {
      const path = join(LIBRARY, rel);
      expect(existsSync(path), rel).toBe(true);
      expect(readFileSync(path, 'utf8'), rel).toBe(content);
    }
  });

  it('lists five episodes, each labelled approximate, from public reports', () => {
    expect(index.label).toBe(LIBRARY_LABEL);
    expect(index.episodes.map((e) => e.id).sort()).toEqual(
      ['black-thursday-2020', 'ftx-alameda-2022', 'mango-markets-2022', 'svb-usdc-dai-2023', 'terra-3ac-2022'].sort(),
    );
    for (const ep of index.episodes) {
      const readme = readFileSync(join(LIBRARY, ep.id, 'README.md'), 'utf8');
      expect(readme.toLowerCase(), ep.id).toContain(LIBRARY_LABEL);
      for (const s of ep.scenarios) {
        const doc = JSON.parse(readFileSync(join(LIBRARY, s.file), 'utf8')) as { description: string };
        expect(doc.description.toLowerCase(), s.file).toContain(LIBRARY_LABEL);
      }
    }
  });

  for (const ep of index.episodes) {
    describe(ep.id, () => {
      const dir = join(LIBRARY, ep.workspace);

      it('imports without an error or a warning, with 6–20 nodes', async () => {
        const r = importWorkspace(await readWorkspaceFolder(dir));
        if (!r.ok) throw new Error(JSON.stringify(r.error.problems.slice(0, 5)));
        expect(r.value.warnings).toEqual([]);
        const ow = await openFolder(dir);
        expect(ow.info.counts.nodes).toBeGreaterThanOrEqual(6);
        expect(ow.info.counts.nodes).toBeLessThanOrEqual(20);
      });

      it('has valid scenarios, each with a description and a storyboard of at least three notes', async () => {
        const ow = await openFolder(dir);
        const onDisk = readdirSync(join(LIBRARY, ep.id, 'scenarios')).map((f) => `${ep.id}/scenarios/${f}`);
        expect(onDisk.sort()).toEqual(ep.scenarios.map((s) => s.file).sort());
        for (const s of ep.scenarios) {
          const doc: unknown = JSON.parse(readFileSync(join(LIBRARY, s.file), 'utf8'));
          const v = validateScenario(doc, ow.ids);
          if (!v.ok) throw new Error(`${s.file}: ${JSON.stringify(v.error)}`);
          expect(v.value.description.length).toBeGreaterThan(80);
          expect(v.value.notes?.length ?? 0).toBeGreaterThanOrEqual(3);
        }
      });

      it('stores the source of every number, and every source it names exists', () => {
        const src = JSON.parse(readFileSync(join(LIBRARY, ep.sources), 'utf8')) as SourcesDoc;
        expect(src.label).toBe(LIBRARY_LABEL);
        expect(src.limits.length).toBeGreaterThan(0);
        expect(src.timeline.length).toBeGreaterThan(0);
        const numbers = csvNumbers(dir);
        for (const s of ep.scenarios) {
          const rel = s.file.slice(ep.id.length + 1);
          for (const [k, v] of eventNumbers(join(LIBRARY, s.file), rel)) numbers.set(k, v);
        }
        const recorded = new Map(src.values.map((v) => [`${v.file}|${v.row}|${v.column}`, v]));
        for (const [key, value] of numbers) {
          const entry = recorded.get(key);
          expect(entry, `${ep.id}: ${key} has no source`).toBeDefined();
          expect(entry?.value, key).toBe(value);
        }
        expect(recorded.size).toBe(numbers.size);
        for (const v of src.values) {
          expect(['reported', 'derived', 'assumption', 'calibrated', 'model'], v.basis).toContain(v.basis);
          expect(v.note.length, `${v.file} ${v.row} ${v.column}`).toBeGreaterThan(3);
          if (v.basis === 'reported' || v.basis === 'derived') expect(v.sources.length, `${v.row}.${v.column}`).toBeGreaterThan(0);
          for (const d of v.sources) expect(src.documents[d], `${ep.id}: unknown document ${d}`).toBeDefined();
        }
        for (const [id, d] of Object.entries(src.documents)) {
          expect(d.date, id).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
          expect(d.url, id).toMatch(/^https?:\/\//);
          expect(d.outlet.length, id).toBeGreaterThan(1);
        }
      });
    });
  }
});
