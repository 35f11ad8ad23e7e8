import { describe, expect, it } from 'vitest';
import { engineErrorText, firstLine, hostErrorText } from './error-text';

describe('engineErrorText', () => {
  it('lists the first import problems with their place and counts the rest', () => {
    const problems = Array.from({ length: 7 }, (_, i) => ({
      table: 'positions',
      row: i + 2,
      column: 'collateral_usd',
      value: '-5',
      rule: 'must be ≥ 0',
      severity: 'error' as const,
    }));
    const text = engineErrorText({ kind: 'invalid-workspace', message: 'The workspace has 9 errors.', problems, total: 9 });
    expect(text.split('\n')).toEqual([
      'The workspace has 9 errors.',
      '• positions, row 2, column collateral_usd: must be ≥ 0 (value "-5")',
      '• positions, row 3, column collateral_usd: must be ≥ 0 (value "-5")',
      '• positions, row 4, column collateral_usd: must be ≥ 0 (value "-5")',
      '• positions, row 5, column collateral_usd: must be ≥ 0 (value "-5")',
      '• positions, row 6, column collateral_usd: must be ≥ 0 (value "-5")',
      '…and 4 more.',
    ]);
  });

  it('marks warnings apart from errors', () => {
    const warning = { table: 'assets', row: null, column: 'price_usd', value: null, rule: 'is not a column of assets', severity: 'warning' as const };
    expect(engineErrorText({ kind: 'invalid-workspace', message: 'Not imported.', problems: [warning], total: 1 })).toBe(
      'Not imported.\n• Warning: assets, column price_usd: is not a column of assets',
    );
  });

  it('names scenario problems by event', () => {
    const text = engineErrorText({
      kind: 'invalid-scenario',
      message: 'The scenario is invalid.',
      problems: [{ index: 0, field: 'asset', message: 'unknown asset "DOGE"' }, { index: null, field: null, message: 'steps must be ≥ 1' }],
    });
    expect(text).toBe('The scenario is invalid.\n• event 1, asset: unknown asset "DOGE"\n• steps must be ≥ 1');
  });

  it('never shows a stack trace', () => {
    const message = 'TypeError: x is undefined\n    at step (engine/sim/step.ts:10:3)\n    at run (engine/serve.ts:5:1)';
    expect(engineErrorText({ kind: 'internal', message })).toBe('The engine hit an internal error: TypeError: x is undefined');
    expect(hostErrorText({ kind: 'io', message })).not.toContain(' at ');
    expect(firstLine('')).toBe('Something went wrong.');
  });
});
