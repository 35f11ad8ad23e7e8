import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, importWorkspace, openWorkspace, runScenario, SCHEMA, TABLE_NAMES, validateScenario } from '../../engine/index';
import { dataFormatsDoc } from '../../engine/node/docs-format';
import { SCENARIO_EXAMPLE, TABLE_EXAMPLES } from '../../engine/node/docs-format-examples';
import { ROOT } from './load';

const DOCS = join(ROOT, 'docs');
const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md'));

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (!m) continue;
    const base = (m[1] as string).trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** The targets of inline links, outside code. */
function links(markdown: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    const text = line.replace(/`[^`]*`/g, '');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) out.push(m[1] as string);
  }
  return out;
}

describe('documentation', () => {
  it('has the pages the Help menu opens, all listed in the index', () => {
    for (const p of ['index.md', 'getting-started.md', 'data-formats.md', 'model.md', 'cli.md', 'security.md', 'packaging.md', 'library.md']) {
      expect(pages, p).toContain(p);
    }
    const index = readFileSync(join(DOCS, 'index.md'), 'utf8');
    for (const p of pages.filter((f) => f !== 'index.md')) expect(index, p).toContain(`](${p})`);
  });

  it('links only to pages and anchors that exist, and never to the network', () => {
    const problems: string[] = [];
    for (const page of pages) {
      const text = readFileSync(join(DOCS, page), 'utf8');
      for (const target of links(text)) {
        if (/^[a-z]+:/i.test(target)) {
          problems.push(`${page}: ${target} leaves the app (the guide is read offline)`);
          continue;
        }
        const [file, anchor] = target.split('#') as [string, string | undefined];
        const path = file === '' ? join(DOCS, page) : resolve(dirname(join(DOCS, page)), file);
        if (!existsSync(path)) {
          problems.push(`${page}: ${target} — no such file`);
          continue;
        }
        if (anchor !== undefined && !anchors(readFileSync(path, 'utf8')).has(anchor)) problems.push(`${page}: ${target} — no such heading`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('a broken link or anchor would be caught', () => {
    expect(anchors('# The model\n## What it does not model\n## Steps\n## Steps')).toEqual(new Set(['the-model', 'what-it-does-not-model', 'steps', 'steps-1']));
    expect(links('see [a](model.md#steps) and `[b](x.md)`\n```\n[c](y.md)\n```')).toEqual(['model.md#steps']);
  });

  it('data-formats.md is generated from the schema (run `node scripts/gen-docs.mjs` after changing it)', () => {
    expect(readFileSync(join(DOCS, 'data-formats.md'), 'utf8')).toBe(dataFormatsDoc());
    const doc = dataFormatsDoc();
    for (const t of TABLE_NAMES) {
      expect(doc, t).toContain(`### ${t}`);
      for (const c of SCHEMA[t].columns) expect(doc, `${t}.${c.name}`).toContain(`| \`${c.name}\` | ${c.required ? 'yes' : 'no'} |`);
    }
    for (const e of EVENT_TYPES) expect(doc, e).toContain(`| \`${e}\` |`);
  });

  it("the format page's examples are one valid workspace, and its scenario runs on it", async () => {
    const enc = new TextEncoder();
    const files = TABLE_NAMES.map((t) => ({ name: `${t}.csv`, bytes: enc.encode(`${TABLE_EXAMPLES[t]}\n`) }));
    const r = importWorkspace(files);
    if (!r.ok) throw new Error(JSON.stringify(r.error.problems.slice(0, 5)));
    expect(r.value.warnings).toEqual([]);
    const ow = await openWorkspace(r.value);
    const v = validateScenario(SCENARIO_EXAMPLE, ow.ids);
    if (!v.ok) throw new Error(JSON.stringify(v.error));
    const { summary } = runScenario(ow.cw, v.value);
    expect(summary.warnings).toEqual([]);
    expect(summary.total_liquidated_usd).toBeGreaterThan(0);
  });
});
