import { describe, expect, it } from 'vitest';
import { csvFiles, file } from '../../test/fixtures/workspaces/valid';
import { previewFiles } from './preview';

describe('previewFiles', () => {
  it('leaves a mapping.json beside the tables out with a warning, as the import does (it was read as a table document)', () => {
    const p = previewFiles([...csvFiles(), file('mapping.json', JSON.stringify({ positions: { id: 'Loan' }, tables: { 'loans.csv': 'positions' } }))]);
    expect(p.sources.map((s) => s.source)).not.toContain('mapping.json#positions');
    expect(p.sources.filter((s) => s.table === 'positions')).toHaveLength(1);
    expect(p.problems).toContainEqual(expect.objectContaining({ table: 'mapping.json', rule: 'holds a column mapping (pass it with --map), not a table; it would be ignored', severity: 'warning' }));
  });
});
