import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundledIndex } from './bundled-index';
import { parseProvenance } from './sources';

const set = { id: 'library/x', kind: 'episode', title: 'X', summary: 's', period: '2022', label: 'approximate, from public reports', base: 'library/x/', workspace: ['assets.csv'], scenarios: ['a.json'], sources: 'sources.json' };

describe('bundled.json', () => {
  it('reads the sets and pages the build lists', () => {
    expect(parseBundledIndex({ sets: [set], docs: ['index.md'] })).toEqual({ sets: [set], docs: ['index.md'] });
  });

  it('refuses a damaged list and paths that climb out of the bundle', () => {
    expect(parseBundledIndex({ sets: [{ ...set, base: '../secret/' }], docs: [] })).toBeNull();
    expect(parseBundledIndex({ sets: [{ ...set, workspace: ['../../etc/passwd'] }], docs: [] })).toBeNull();
    expect(parseBundledIndex({ sets: [{ ...set, kind: 'other' }], docs: [] })).toBeNull();
    expect(parseBundledIndex({ sets: 'x' })).toBeNull();
    expect(parseBundledIndex({ sets: [{ ...set, sources: '../x' }] })?.sets[0]?.sources).toBeNull();
  });
});

describe('sources.json', () => {
  it('reads an episode of the library with its timeline, values, documents and limits', () => {
    const raw: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', 'assets', 'library', 'terra-3ac-2022', 'sources.json'), 'utf8'));
    const p = parseProvenance(raw);
    expect(p?.label).toBe('approximate, from public reports');
    expect(p?.timeline[0]).toMatchObject({ step: 0 });
    expect(p?.values.find((v) => v.row === 'BTC' && v.column === 'price')).toMatchObject({ value: '35867', basis: 'reported', sources: ['trtworld-2022-05-06'] });
    expect(p?.documents.find((d) => d.key === 'trtworld-2022-05-06')?.outlet).toBe('TRT World');
    expect(p?.limits.length).toBeGreaterThan(0);
  });

  it('reads missing parts as empty', () => {
    expect(parseProvenance({ title: 'T' })).toEqual({ title: 'T', period: '', label: '', stepUnit: '', timeline: [], documents: [], values: [], limits: [] });
    expect(parseProvenance([])).toBeNull();
  });
});
