import { describe, expect, it } from 'vitest';
import { formatCount, formatMultiple, formatUsd, formatUsdFull } from './format';

describe('format', () => {
  it('shows dollars compactly and exactly', () => {
    expect(formatUsd(12_345_678)).toBe('$12.35M');
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsdFull(12_345_678.4)).toBe('$12,345,678');
    expect(formatUsd(Number.NaN)).toBe('—');
  });

  it('shows counts and multiples', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatMultiple(3.14159)).toBe('3.14×');
    expect(formatMultiple(null)).toBe('n/a');
  });
});
