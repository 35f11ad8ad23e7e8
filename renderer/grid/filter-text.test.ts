import { describe, expect, it } from 'vitest';
import { parseFilter } from './filter-text';

const num = { name: 'debt_amount', kind: 'number' as const, unit: 'units' };
const str = { name: 'owner', kind: 'string' as const, unit: 'node id' };
const bool = { name: 'halted', kind: 'bool' as const, unit: 'yes/no' };

describe('parseFilter', () => {
  it('reads comparisons and ranges of numbers', () => {
    expect(parseFilter('>5', num)).toEqual([{ column: 'debt_amount', op: 'gt', value: 5 }]);
    expect(parseFilter(' <= 0.8 ', num)).toEqual([{ column: 'debt_amount', op: 'le', value: 0.8 }]);
    expect(parseFilter('−3', num)).toEqual([{ column: 'debt_amount', op: 'eq', value: -3 }]);
    expect(parseFilter('10..20', num)).toEqual([
      { column: 'debt_amount', op: 'ge', value: 10 },
      { column: 'debt_amount', op: 'le', value: 20 },
    ]);
    expect(parseFilter('!=0', num)).toEqual([{ column: 'debt_amount', op: 'ne', value: 0 }]);
    expect(parseFilter('lots', num)).toBeNull();
  });

  it('reads substrings and exact text', () => {
    expect(parseFilter('fund', str)).toEqual([{ column: 'owner', op: 'contains', value: 'fund' }]);
    expect(parseFilter('=fund-a', str)).toEqual([{ column: 'owner', op: 'eq', value: 'fund-a' }]);
    expect(parseFilter('!= aave', str)).toEqual([{ column: 'owner', op: 'ne', value: 'aave' }]);
  });

  it('reads yes and no, and nothing as no filter', () => {
    expect(parseFilter('yes', bool)).toEqual([{ column: 'halted', op: 'eq', value: 'true' }]);
    expect(parseFilter('No', bool)).toEqual([{ column: 'halted', op: 'eq', value: 'false' }]);
    expect(parseFilter('maybe', bool)).toBeNull();
    expect(parseFilter('  ', str)).toEqual([]);
  });
});
