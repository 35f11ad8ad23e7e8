import { describe, expect, it } from 'vitest';
import { ProblemLog } from './problems';

describe('ProblemLog', () => {
  it('keeps errors ahead of warnings within its limit, and counts everything', () => {
    const log = new ProblemLog(3);
    for (let i = 0; i < 5; i++) log.warn('t', i, null, i, 'w');
    log.error('t', 10, 'c', 'x', 'e1');
    log.error('t', 11, 'c', 'y', 'e2');
    expect(log.items.map((p) => [p.severity, p.row])).toEqual([['error', 10], ['error', 11], ['warning', 0]]);
    expect([log.errors, log.warnings, log.total]).toEqual([2, 5, 7]);
    expect(log.warningItems.map((p) => p.row)).toEqual([0, 1, 2]);
  });

  it('shows values as found: numbers as text, long text cut, nothing as null', () => {
    const log = new ProblemLog();
    log.error('t', 1, 'c', 82.5, 'r');
    log.error('t', 2, 'c', 'x'.repeat(100), 'r');
    log.error('t', null, null, null, 'r');
    expect(log.items.map((p) => p.value)).toEqual(['82.5', `${'x'.repeat(77)}...`, null]);
  });
});
