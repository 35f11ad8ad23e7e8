import { describe, expect, it } from 'vitest';
import { formatCount, formatMultiple, formatUsd, formatUsdFull, runsText } from './format';

describe('format', () => {
  it('shows dollars compactly and exactly', () => {
    expect(formatUsd(12_345_678)).toBe('$12.35M');
    expect(formatUsd(0)).toBe('$0');
    expect([formatUsd(-0), formatUsd(-0.001)]).toEqual(['$0', '$0']);
    // Grouped from 4 digits on, above $1,000T as below.
    expect([formatUsd(8285.63e12), formatUsd(13_668.84e12)]).toEqual(['$8,285.63T', '$13,668.84T']);
    expect([runsText(1), runsText(1200)]).toEqual(['1 run', '1,200 runs']);
    expect(formatUsdFull(12_345_678.4)).toBe('$12,345,678');
    expect(formatUsd(Number.NaN)).toBe('—');
  });

  it('shows counts and multiples', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatMultiple(3.14159)).toBe('3.14×');
    expect(formatMultiple(null)).toBe('n/a');
  });
});
