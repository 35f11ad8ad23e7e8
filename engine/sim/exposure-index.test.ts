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

  it('after liquidations change some positions, values every node as the positions themselves add up, with slots in a table or a Map', () => {
    const ws = importWorkspace(files);
    if (!ws.ok) throw new Error('demo import failed');
    const m = compileModel(ws.value);
    const P0 = m.assetPrice;
    const P = Float64Array.from(P0, (p, a) => (a === 0 ? p : p * (a % 2 ? 0.6 : 1.05)));
    const nN = m.nodeIds.length;
    const direct = (c: Float64Array, d: Float64Array): Float64Array => {
      const e = new Float64Array(nN);
      for (let p = 0; p < c.length; p++) {
        const x = (c[p] as number) * (P[m.positionCollateralAsset[p] as number] as number);
        const y = (d[p] as number) * (P[m.positionDebtAsset[p] as number] as number);
        const o = m.positionOwner[p] as number;
        const v = m.positionVenue[p] as number;
        e[o] = (e[o] as number) + Math.max(0, x - y);
        e[v] = (e[v] as number) + Math.min(x, y);
      }
      return e;
    };
    const changed = Array.from({ length: m.positionIds.length }, (_, p) => p).filter((p) => (m.positionCollateral[p] as number) > 0 && (m.positionDebt[p] as number) > 0).slice(0, 12);
    expect(changed.length).toBe(12);
    for (const maxTableKeys of [1 << 24, 0]) {
      const ix = new ExposureIndex(m, maxTableKeys);
      const c = Float64Array.from(m.positionCollateral);
      const d = Float64Array.from(m.positionDebt);
      ix.reset(c, d);
      const rows = Int32Array.from(changed);
      ix.takeOut(rows, Float64Array.from(changed, (p) => c[p] as number), Float64Array.from(changed, (p) => d[p] as number), rows.length);
      changed.forEach((p, k) => {
        // Half of them sold out entirely (gone from the index), the others partly.
        c[p] = k % 2 ? 0 : (c[p] as number) * 0.4;
        d[p] = k % 2 ? 0 : (d[p] as number) * 0.7;
      });
      ix.advance(P, P0, null);
      ix.putBack(rows, rows.length, P);
      const e = new Float64Array(nN);
      ix.accumulate(P, e);
      const want = direct(c, d);
      for (let i = 0; i < nN; i++) expect(e[i]).toBeCloseTo(want[i] as number, 4);
    }
  });

  it('accumulate adds P·Z slot by slot, asset by asset, bit for bit as a plain loop (assets with 0 to 9+ slots: the rounds of four and the rest)', () => {
    const ws = importWorkspace(files);
    if (!ws.ok) throw new Error('demo import failed');
    const m = compileModel(ws.value);
    const ix = new ExposureIndex(m);
    const P = Float64Array.from(m.assetPrice, (p, a) => p * (1 + 0.013 * a));
    const start = ix.assetSlotStart;
    const sizes = Array.from({ length: start.length - 1 }, (_, a) => (start[a + 1] as number) - (start[a] as number));
    // The demo has assets whose slot counts are not a multiple of four.
    expect(sizes.some((n) => n % 4 !== 0 && n > 4)).toBe(true);
    const e = Float64Array.from({ length: m.nodeIds.length }, (_, i) => 1000 / (i + 3));
    const want = Float64Array.from(e);
    for (let a = 0; a + 1 < start.length; a++) {
      for (let s = start[a] as number; s < (start[a + 1] as number); s++) {
        const n = ix.slotNode[s] as number;
        want[n] = (want[n] as number) + (P[a] as number) * (ix.Z[s] as number);
      }
    }
    ix.accumulate(P, e);
    expect(Array.from(e)).toEqual(Array.from(want));
  });
});
