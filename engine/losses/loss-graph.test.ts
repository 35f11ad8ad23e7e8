import { describe, expect, it } from 'vitest';
import { CH_BAD_DEBT, CH_LIQUIDATION, CH_MARKET, LossGraph, RoomPager, edgeRoom, partsFit } from './loss-graph';

const edges = (g: LossGraph): [number, number, number, number, number][] =>
  Array.from({ length: g.length }, (_, k) => [g.step.get(k), g.from.get(k), g.to.get(k), g.channel.get(k), g.amount.get(k)]);

describe('LossGraph: a step written out', () => {
  it('names the asset and node of every market edge, at the first and last node of each asset’s row (49 nodes: rows of 64)', () => {
    const nodes = 49;
    const g = new LossGraph(nodes, 3, 1, 2);
    // Dense place a·64 + to: (asset 1, node 0) and (asset 1, node 48) start and end a row.
    g.add(g.assetVertex(1), 0, CH_MARKET, 5);
    g.add(g.assetVertex(1), 48, CH_MARKET, 7);
    g.add(g.assetVertex(2), 0, CH_MARKET, 11);
    g.add(g.assetVertex(0), 48, CH_MARKET, 13);
    g.add(3, 4, CH_LIQUIDATION, 2);
    const scale = new Float64Array(nodes).fill(1);
    scale[48] = 0.5;
    g.flush(0, scale, new Uint8Array(nodes), 1e-9);
    expect(edges(g)).toEqual([
      [0, nodes + 1, 0, CH_MARKET, 5],
      [0, nodes + 1, 48, CH_MARKET, 3.5],
      [0, nodes + 2, 0, CH_MARKET, 11],
      [0, nodes + 0, 48, CH_MARKET, 6.5],
      [0, 3, 4, CH_LIQUIDATION, 2],
    ]);
    expect(g.impact.get(1)).toBe(7);
  });

  it('keeps its edges when its building scratch is let go, and builds on from there if asked', () => {
    const nodes = 5;
    const g = new LossGraph(nodes, 2, 1, 3);
    const ones = new Float64Array(nodes).fill(1);
    const none = new Uint8Array(nodes);
    g.add(g.assetVertex(1), 2, CH_MARKET, 4);
    g.add(0, 3, CH_LIQUIDATION, 1.5);
    g.flush(0, ones, none, 1e-9);
    g.built();
    expect(edges(g)).toEqual([
      [0, nodes + 1, 2, CH_MARKET, 4],
      [0, 0, 3, CH_LIQUIDATION, 1.5],
    ]);
    g.add(g.assetVertex(1), 2, CH_MARKET, -1);
    g.add(g.assetVertex(1), 2, CH_MARKET, 3);
    g.add(0, 3, CH_LIQUIDATION, 2);
    g.flush(1, ones, none, 1e-9);
    expect(edges(g).slice(2)).toEqual([
      [1, nodes + 1, 2, CH_MARKET, 2],
      [1, 0, 3, CH_LIQUIDATION, 2],
    ]);
  });
});

describe('LossGraph: building scratch passed from graph to graph', () => {
  const nodes = 6;
  const ones = new Float64Array(nodes).fill(1);
  const none = new Uint8Array(nodes);
  /** One step of a few market and accumulator edges, flushed. */
  const build = (g: LossGraph, k: number): void => {
    g.add(g.assetVertex(1), 2, CH_MARKET, 4 + k);
    g.add(g.assetVertex(0), 5, CH_MARKET, -1);
    g.add(0, 3, CH_LIQUIDATION, 1.5 * k);
    g.flush(0, ones, none, 1e-9);
  };
  const expected = (k: number) => [
    [0, nodes + 1, 2, CH_MARKET, 4 + k],
    [0, nodes + 0, 5, CH_MARKET, -1],
    [0, 0, 3, CH_LIQUIDATION, 1.5 * k],
  ];

  it('a graph built after a completed one (taking its dense array and accumulator) has its own edges only, and the first keeps its own', () => {
    const first = new LossGraph(nodes, 2, 1, 1);
    build(first, 1);
    first.built();
    const second = new LossGraph(nodes, 2, 1, 1);
    build(second, 2);
    second.built();
    const third = new LossGraph(nodes, 2, 1, 1);
    build(third, 3);
    expect(edges(first)).toEqual(expected(1));
    expect(edges(second)).toEqual(expected(2));
    expect(edges(third)).toEqual(expected(3));
  });

  it('a graph let go with a step not flushed lends nothing: its amounts never reach the next graph', () => {
    const done = new LossGraph(nodes, 2, 1, 1);
    build(done, 1);
    done.built();
    const abandoned = new LossGraph(nodes, 2, 1, 1);
    abandoned.add(abandoned.assetVertex(1), 2, CH_MARKET, 100);
    abandoned.add(0, 3, CH_LIQUIDATION, 100);
    abandoned.built();
    const next = new LossGraph(nodes, 2, 1, 1);
    build(next, 2);
    expect(edges(next)).toEqual(expected(2));
  });
});

describe('LossGraph: bulk market edges and reserved room', () => {
  it('addMarketSlots adds dp × Z per slot exactly as add() does, zeros and non-finite amounts skipped', () => {
    const nodes = 5;
    const slotNode = Int32Array.from([0, 2, 2, 4, 1]);
    const Z = Float64Array.from([2, -3, 0.5, 0, 7]);
    const bulk = new LossGraph(nodes, 3, 1, 1);
    const one = new LossGraph(nodes, 3, 1, 1);
    bulk.add(bulk.assetVertex(1), 2, CH_MARKET, 1.25);
    one.add(one.assetVertex(1), 2, CH_MARKET, 1.25);
    bulk.addMarketSlots(1, 0.1, slotNode, Z, 0, 4);
    for (let s = 0; s < 4; s++) one.add(one.assetVertex(1), slotNode[s] as number, CH_MARKET, 0.1 * (Z[s] as number));
    bulk.addMarketSlots(2, Infinity, slotNode, Z, 3, 5);
    expect(Array.from(bulk.stepLoss)).toEqual(Array.from(one.stepLoss));
    expect(Array.from(bulk.marketByAsset)).toEqual(Array.from(one.marketByAsset));
    const ones = new Float64Array(nodes).fill(1);
    bulk.flush(0, ones, new Uint8Array(nodes), 0);
    one.flush(0, ones, new Uint8Array(nodes), 0);
    const byPlace = (xs: ReturnType<typeof edges>) => xs.slice().sort((x, y) => x[1] - y[1] || x[2] - y[2]);
    expect(byPlace(edges(bulk))).toEqual(byPlace(edges(one)));
    // Node 2: 1.25 − 0.3 + 0.05; node 4's Z is 0 and asset 2's move is not finite: no edges.
    // The exposure slots' places come first, in slot order; then the places first written by add().
    expect(edges(bulk).map((e) => e[2])).toEqual([0, 2]);
    expect(edges(one).map((e) => e[2])).toEqual([2, 0]);
  });

  it('addLiquidationEdge sums liquidation and bad-debt edges as addEdge does, market totals untouched', () => {
    const nodes = 4;
    const fast = new LossGraph(nodes, 2, 1, 1);
    const slow = new LossGraph(nodes, 2, 1, 1);
    const adds: [number, number, number, number][] = [
      [0, 2, CH_LIQUIDATION, 1.5],
      [2, 0, CH_BAD_DEBT, 0.25],
      [0, 2, CH_LIQUIDATION, -0.5],
      [1, 3, CH_LIQUIDATION, 0],
      [3, 1, CH_BAD_DEBT, Number.NaN],
      [2, 0, CH_BAD_DEBT, 2],
    ];
    for (const [from, to, ch, x] of adds) {
      fast.addLiquidationEdge(from, to, ch, x);
      slow.addEdge(from, to, ch, x);
    }
    expect(Array.from(fast.stepLoss)).toEqual(Array.from(slow.stepLoss));
    expect(Array.from(fast.stepLoss)).toEqual([2.25, 0, 1, 0]);
    expect(Array.from(fast.marketByAsset)).toEqual([0, 0]);
    const ones = new Float64Array(nodes).fill(1);
    fast.flush(0, ones, new Uint8Array(nodes), 0);
    slow.flush(0, ones, new Uint8Array(nodes), 0);
    expect(edges(fast)).toEqual(edges(slow));
    expect(edges(fast).map((e) => [e[1], e[2], e[3], e[4]])).toEqual([
      [0, 2, CH_LIQUIDATION, 1],
      [2, 0, CH_BAD_DEBT, 2.25],
    ]);
  });

  it('addMarketUnits adds units × dp for the items listed, in their order, exactly as addMarket does; units of 0 add nothing', () => {
    const nodes = 4;
    const node = Int32Array.from([3, 1, 3, 0, 2]);
    const units = Float64Array.from([2, 0, 0.5, 4, 1]);
    const items = Int32Array.from([4, 2, 1, 0, 3]);
    const bulk = new LossGraph(nodes, 2, 1, 1);
    const one = new LossGraph(nodes, 2, 1, 1);
    bulk.addMarketUnits(1, -0.3, node, units, items, 1, 4);
    for (const h of [2, 1, 0]) if ((units[h] as number) > 0) one.addMarket(1, node[h] as number, (units[h] as number) * -0.3);
    expect(Array.from(bulk.stepLoss)).toEqual(Array.from(one.stepLoss));
    expect(Array.from(bulk.marketByAsset)).toEqual(Array.from(one.marketByAsset));
    const ones = new Float64Array(nodes).fill(1);
    bulk.flush(0, ones, new Uint8Array(nodes), 0);
    one.flush(0, ones, new Uint8Array(nodes), 0);
    expect(edges(bulk)).toEqual(edges(one));
    // Node 3 holds items 2 and 0 (0.5 and 2 units): one edge of 2.5 × −0.3, first written by item 2; item 1 has no units.
    expect(edges(bulk).map((e) => [e[2], e[4]])).toEqual([[3, (0.5 * -0.3) + (2 * -0.3)]]);
  });

  it('a step’s market edges: each place once, its exposure slots first (slot order), then the other places as first written', () => {
    const nodes = 6;
    const g = new LossGraph(nodes, 3, 1, 2);
    const ones = new Float64Array(nodes).fill(1);
    const none = new Uint8Array(nodes);
    const slotNode = Int32Array.from([1, 3, 4, 0, 2, 5]);
    const Z = Float64Array.from([1, 2, 3, 4, 5, 6]);
    g.addMarket(2, 5, 10); // asset 2's slots are [3, 6): node 5 is one of them
    g.addMarket(1, 2, 20); // asset 1 has no slots this step
    g.addMarketSlots(2, 1, slotNode, Z, 3, 6);
    g.addMarketSlots(0, 2, slotNode, Z, 0, 3);
    g.addMarket(0, 3, 1); // a place of asset 0's slots written again after them
    g.addMarket(0, 5, 7); // outside asset 0's slots
    g.flush(0, ones, none, 0);
    expect(edges(g).map((e) => [e[1] - nodes, e[2], e[4]])).toEqual([
      [0, 1, 2],
      [0, 3, 5],
      [0, 4, 6],
      [2, 0, 4],
      [2, 2, 5],
      [2, 5, 16],
      [1, 2, 20],
      [0, 5, 7],
    ]);
    // The next step starts empty: no place of this one is read back.
    g.addMarket(1, 4, 3);
    g.flush(1, ones, none, 0);
    expect(edges(g).slice(8)).toEqual([[1, nodes + 1, 4, CH_MARKET, 3]]);
  });

  it('a second slot range of one asset in a step sums into the same places', () => {
    const nodes = 4;
    const g = new LossGraph(nodes, 2, 1, 1);
    const slotNode = Int32Array.from([0, 1, 3]);
    const Z = Float64Array.from([1, 2, 4]);
    g.addMarketSlots(1, 1, slotNode, Z, 0, 2);
    g.addMarketSlots(1, 0.5, slotNode, Z, 1, 3);
    g.flush(0, new Float64Array(nodes).fill(1), new Uint8Array(nodes), 0);
    expect(edges(g).map((e) => [e[2], e[4]])).toEqual([
      [0, 1],
      [1, 3],
      [3, 2],
    ]);
  });

  it('reserveEdges takes the room once: later steps write into the same buffers', () => {
    const nodes = 40;
    const g = new LossGraph(nodes, 2, 1, 10);
    g.reserveEdges(500);
    const buffer = g.amount.view().buffer;
    const ones = new Float64Array(nodes).fill(1);
    for (let t = 0; t < 10; t++) {
      for (let n = 0; n < nodes; n++) g.add(g.assetVertex(1), n, CH_MARKET, t + n + 1);
      g.add(0, 1, CH_LIQUIDATION, 1);
      g.flush(t, ones, new Uint8Array(nodes), 0);
    }
    expect(g.length).toBe(410);
    expect(g.amount.view().buffer).toBe(buffer);
    expect(g.step.get(409)).toBe(9);
  });

  it('reserveEdges takes room made ahead when it holds the edges, and writes the same graph there', () => {
    const nodes = 40;
    const write = (g: LossGraph): void => {
      const ones = new Float64Array(nodes).fill(1);
      for (let t = 0; t < 3; t++) {
        for (let n = 0; n < nodes; n++) g.add(g.assetVertex(1), n, CH_MARKET, t + n + 1);
        g.add(0, 1, CH_LIQUIDATION, 1);
        g.flush(t, ones, new Uint8Array(nodes), 0);
      }
    };
    const room = edgeRoom(130);
    expect(room.amount.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(room.channel.length).toBe(130);
    const ahead = new LossGraph(nodes, 2, 1, 3, 'shared');
    ahead.reserveEdges(123, room);
    write(ahead);
    const plain = new LossGraph(nodes, 2, 1, 3);
    write(plain);
    expect(ahead.amount.view().buffer).toBe(room.amount.buffer);
    expect(ahead.from.view().buffer).toBe(room.from.buffer);
    expect(edges(ahead)).toEqual(edges(plain));
    // Too small for what is reserved: new memory instead.
    const small = edgeRoom(50);
    const other = new LossGraph(nodes, 2, 1, 3, 'shared');
    other.reserveEdges(123, small);
    expect(other.amount.view().buffer).not.toBe(small.amount.buffer);
  });

  it('a room made unwritten is paged in a slice at a time: each page of every column once, then done', () => {
    const room = edgeRoom(5000, false);
    // Pages: from and to 5 each (20,000 bytes), channel 2, amount 10.
    const pages = 5 + 5 + 2 + 10;
    const pager = new RoomPager(room);
    let slices = 0;
    while (!pager.write(3 * 4096)) slices++;
    // Three pages a slice: 22 pages take 8 slices (the 8th returns done).
    expect(slices).toBe(Math.ceil(pages / 3) - 1);
    expect(pager.write(4096)).toBe(true);
    // Written with zeros: a room reads as new memory either way.
    for (const col of [room.from, room.to, room.channel, room.amount]) expect(col.every((x) => x === 0)).toBe(true);
    // One call pages a whole room in.
    expect(new RoomPager(edgeRoom(5000, false)).write(Infinity)).toBe(true);
  });

  it('a room paged in part has every column paged from its start, about as far through each', () => {
    // Columns of 4, 8 and 1 pages, filled with 1 so that the pages written (a 0 each) show.
    const cols = [new Int32Array(4096).fill(1), new Float64Array(4096).fill(1), new Uint8Array(4096).fill(1)];
    const pager = new RoomPager(cols);
    const pagesWritten = (a: Int32Array | Float64Array | Uint8Array): boolean[] => {
      const per = 4096 / a.BYTES_PER_ELEMENT;
      return Array.from({ length: Math.ceil(a.length / per) }, (_, p) => a[p * per] === 0);
    };
    expect(pager.write(6 * 4096)).toBe(false);
    const written = cols.map(pagesWritten);
    // 6 of 13 pages: 2 of 4, 3 of 8 and the 1 of 1 (each next page the least far through its column).
    expect(written.map((w) => w.filter(Boolean).length)).toEqual([2, 3, 1]);
    // Each column from its start: its written pages come before the others.
    for (const w of written) expect(w.indexOf(false) === -1 || w.slice(w.indexOf(false)).every((x) => !x)).toBe(true);
    expect(pager.write(7 * 4096)).toBe(true);
    expect(cols.map(pagesWritten).every((w) => w.every(Boolean))).toBe(true);
  });
});

describe('LossGraph: steps as runs, impact where it is not the amount', () => {
  const build = (): LossGraph => {
    const nodes = 6;
    const g = new LossGraph(nodes, 2, 1, 4);
    const scale = new Float64Array(nodes).fill(1);
    const none = new Uint8Array(nodes);
    g.add(g.assetVertex(1), 0, CH_MARKET, 4);
    g.add(2, 3, CH_LIQUIDATION, 1);
    g.flush(0, scale, none, 0);
    g.flush(1, scale, none, 0); // a step without edges
    scale[3] = 0.25;
    g.add(g.assetVertex(0), 3, CH_MARKET, 8);
    g.add(g.assetVertex(0), 5, CH_MARKET, 2);
    g.add(1, 3, CH_LIQUIDATION, 4);
    g.flush(2, scale, none, 0);
    return g;
  };

  it('gives every edge its step and impact as columns, and keeps only the runs and the differing impacts', () => {
    const g = build();
    expect(Array.from(g.step.view())).toEqual([0, 0, 2, 2, 2]);
    expect(Array.from(g.amount.view())).toEqual([4, 1, 2, 2, 1]);
    expect(Array.from(g.impact.view())).toEqual([4, 1, 8, 2, 4]);
    const p = g.parts();
    expect([Array.from(p.stepOf), Array.from(p.stepEnd)]).toEqual([[0, 2], [2, 5]]);
    expect([Array.from(p.impactAt), Array.from(p.impactValue)]).toEqual([[2, 4], [8, 4]]);
    expect(partsFit(p)).toBe(true);
  });

  it('is the same graph when adopted from its parts', () => {
    const g = build();
    const back = new LossGraph(6, 2, 1, 4, g.parts());
    expect(edges(back)).toEqual(edges(g));
    expect(Array.from(back.impact.view())).toEqual(Array.from(g.impact.view()));
  });

  it('refuses parts that do not make one graph', () => {
    const p = build().parts();
    expect(partsFit({ ...p, to: p.to.subarray(1) })).toBe(false);
    expect(partsFit({ ...p, stepEnd: Int32Array.from([2, 4]) })).toBe(false);
    expect(partsFit({ ...p, stepEnd: Int32Array.from([3, 2]) })).toBe(false);
    expect(partsFit({ ...p, stepOf: Int32Array.from([0]) })).toBe(false);
    expect(partsFit({ ...p, impactAt: Int32Array.from([2, 5]) })).toBe(false);
    expect(partsFit({ ...p, impactAt: Int32Array.from([4, 2]) })).toBe(false);
    expect(partsFit({ ...p, impactValue: Float64Array.from([8]) })).toBe(false);
  });
});
