import { describe, expect, it } from 'vitest';
import { inPercent } from './percent-message';

describe('inPercent: engine messages in the units a percent field shows', () => {
  it('says the rule and the value typed in percent', () => {
    expect(inPercent('must be a number > −1, got -1.5')).toBe('must be more than −100%, got −150%');
    expect(inPercent('must be a number > −1, got -1')).toBe('must be more than −100%, got −100%');
    expect(inPercent('must be a fraction from 0 to 1, got 1.5')).toBe('must be from 0% to 100%, got 150%');
    expect(inPercent('must be a fraction from 0 to 1, got 0.07')).toBe('must be from 0% to 100%, got 7%');
  });

  it('leaves other messages as they are', () => {
    expect(inPercent('give exactly one of price or change')).toBe('give exactly one of price or change');
    expect(inPercent('must be a number > −1, got "abc"')).toBe('must be more than −100%, got "abc"');
  });
});
