import { describe, expect, it } from 'vitest';
import { namesTable, pendingFiles } from './classify';
import { csvRowContext } from './row-context';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('csvRowContext', () => {
  const csv = bytes('\uFEFFid,price,depth_usd\r\nETH,3000,1e8\r\nBTC,not-a-number,\r\nSOL,150,2e6\r\nARB,1.2,\r\n');
  it('shows the header and the lines around the offending one, with its column', () => {
    const ctx = csvRowContext(csv, 3, 'Price');
    expect(ctx?.header).toBe('id,price,depth_usd');
    expect(ctx?.column).toBe(1);
    expect(ctx?.lines).toEqual([
      { line: 2, text: 'ETH,3000,1e8', offending: false },
      { line: 3, text: 'BTC,not-a-number,', offending: true },
      { line: 4, text: 'SOL,150,2e6', offending: false },
      { line: 5, text: 'ARB,1.2,', offending: false },
    ]);
  });
  it('reads other delimiters, and has nothing past the end', () => {
    expect(csvRowContext(bytes('id;price\nETH;x\n'), 2, 'price')).toMatchObject({ delimiter: ';', column: 1 });
    expect(csvRowContext(csv, 40, null)).toBeNull();
  });
});

describe('classify', () => {
  it('tells scenarios (by content) from table files (by format), whatever their names', () => {
    const files = pendingFiles([
      { name: 'Positions.CSV', bytes: bytes('id\n') },
      { name: 'crash.json', bytes: bytes('{"events":[]}') },
      { name: 'export-2024.csv', bytes: bytes('a\n') },
      { name: 'nodes.json', bytes: bytes('[{"id":"a"}]') },
      { name: 'notes.docx', bytes: bytes('x') },
    ]);
    expect(files.map((f) => f.kind)).toEqual(['table', 'scenario', 'table', 'table', 'skip']);
    expect(namesTable('Positions.CSV')).toBe(true);
    expect(namesTable('export-2024.csv')).toBe(false);
  });
});
