import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importWorkspace } from '../workspace/import';
import { compileModel } from './compile';
import { ExposureIndex } from './exposure-index';

const dir = join(__dirname, '..', '..', 'assets', 'demo', 'workspace');
const files = readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));

describe('ExposureIndex', () => {
  it('values every node the same with its slots in a direct table or in a Map, at the initial and at shocked prices', () => {
    const ws = importWorkspace(files);
    if (!ws.ok) throw new Error('demo import failed');
    const m = compileModel(ws.value);
    const byTable = new ExposureIndex(m);
    const byMap = new ExposureIndex(m, 0);
    const P0 = m.assetPrice;
    const shocked = Float64Array.from(P0, (p, a) => (a === 0 ? p : p * (a % 2 ? 0.7 : 1.1)));
    for (const P of [P0, shocked]) {
      const a = new Float64Array(m.nodeIds.length);
      const b = new Float64Array(m.nodeIds.length);
      byTable.peek(P, P0, a);
      byMap.peek(P, P0, b);
      expect(Array.from(b)).toEqual(Array.from(a));
      expect(a.some((x) => x !== 0)).toBe(true);
    }
    // Slots asset-major, nodes ascending in either.
    for (const ix of [byTable, byMap]) {
      const keys = Array.from(ix.slotAsset, (asset, s) => asset * m.nodeIds.length + (ix.slotNode[s] as number));
      expect(keys).toEqual([...keys].sort((x, y) => x - y));
    }
  });
});
