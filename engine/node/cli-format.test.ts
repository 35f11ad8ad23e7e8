import { describe, expect, it } from 'vitest';
import { counted } from './cli-format';

describe('counted', () => {
  it('gives one thing its singular and the rest their plural, grouped', () => {
    expect(counted(1, 'file')).toBe('1 file');
    expect(counted(0, 'file')).toBe('0 files');
    expect(counted(13, 'file')).toBe('13 files');
    expect(counted(850_000, 'position')).toBe('850,000 positions');
    expect(counted(2, 'child', 'children')).toBe('2 children');
  });
});
