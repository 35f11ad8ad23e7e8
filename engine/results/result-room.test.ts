import { describe, expect, it } from 'vitest';
import { generateWorkspaceFiles } from '../generate/workspace';
import { openWorkspace } from '../open-workspace';
import { resultTables } from './tables';
import { validateScenario } from '../scenario/validate';
import type { CompiledWorkspace } from '../sim/compiled';
import { compilePlan, type Plan } from '../sim/plan';
import { Simulation } from '../sim/simulation';
import { importWorkspace } from '../workspace/import';
import { RoomPaging, makeResultRoom, nextResultRoom, roomColumns, roomPaged, takeResultRoom } from './result-room';

describe('a result room', () => {
  it('lays out every column apart, each as long as asked, 8-byte aligned', () => {
    const room = makeResultRoom(5, 7);
    if (!room) throw new Error('no shared memory');
    const c = roomColumns(room);
    const cols = [...Object.values(c.liquidations), c.equity];
    for (const col of Object.values(c.liquidations)) expect(col.length).toBe(5);
    expect(c.equity.length).toBe(7);
    for (const col of cols) expect(col.byteOffset % 8).toBe(0);
    // Each column written with its own mark: no other column sees it.
    cols.forEach((col, k) => col.fill(k + 1));
    cols.forEach((col, k) => expect(Array.from(col).every((x) => x === k + 1), `column ${k}`).toBe(true));
    const last = cols[cols.length - 1] as Float64Array;
    expect(last.byteOffset + last.byteLength).toBeLessThanOrEqual(room.buffer.byteLength);
  });

  it('is marked paged only once paging has written its last page, a slice at a time', () => {
    const room = makeResultRoom(100_000, 50_000);
    if (!room) throw new Error('no shared memory');
    const pages = Math.ceil((room.buffer.byteLength - 8) / 4096);
    const paging = new RoomPaging(room.buffer);
    let slices = 0;
    while (!paging.write(4096 * 10)) {
      expect(roomPaged(room.buffer)).toBe(false);
      slices++;
    }
    expect(slices).toBe(Math.ceil(pages / 10) - 1);
    expect(roomPaged(room.buffer)).toBe(true);
  });

  it('goes to a run on its workspace once paged, if it holds the rows asked for, and once only', () => {
    const cw = {} as CompiledWorkspace;
    const made = nextResultRoom(cw, 1000, 400);
    if (!made) throw new Error('no shared memory');
    expect(made.made).toBe(true);
    expect(takeResultRoom(cw, 1000, 400)).toBeNull();
    new RoomPaging(made.room.buffer).write(Infinity);
    // Kept, not made again, while it is large enough.
    expect(nextResultRoom(cw, 900, 400)).toEqual({ room: made.room, made: false });
    expect(takeResultRoom(cw, 1001, 400)).toBeNull();
    expect(takeResultRoom(cw, 1000, 401)).toBeNull();
    expect(takeResultRoom({} as CompiledWorkspace, 10, 10)).toBeNull();
    expect(takeResultRoom(cw, 1000, 400)).toBe(made.room);
    expect(takeResultRoom(cw, 1000, 400)).toBeNull();
    // A larger run's room replaces a smaller one.
    const small = nextResultRoom(cw, 10, 10);
    const large = nextResultRoom(cw, 20, 10);
    expect(large?.made).toBe(true);
    expect(large?.room).not.toBe(small?.room);
  });
});

describe('a run that takes a result room', () => {
  async function setUp(): Promise<{ cw: CompiledWorkspace; plan: Plan }> {
    const g = generateWorkspaceFiles({ positions: 4000, seed: 11 });
    const imp = importWorkspace(g.files);
    if (!imp.ok) throw new Error('the generated workspace does not import');
    const ow = await openWorkspace(imp.value);
    const v = validateScenario(g.scenario, ow.ids);
    if (!v.ok) throw new Error('the generated scenario is invalid');
    return { cw: ow.cw, plan: compilePlan(v.value, ow.cw.model) };
  }

  const tableRows = (sim: Simulation): string =>
    JSON.stringify(
      Object.entries(resultTables(sim)).map(([name, t]) => [name, t.toArray().map((r) => r.toJSON())]),
      (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
    );

  it('writes its liquidation rows and equity there, and its results are those of a run without one', async () => {
    const { cw, plan } = await setUp();
    const first = new Simulation(cw, plan).runToEnd();
    const size = first.nextRoomSize();
    expect(size.liquidationRows).toBeGreaterThan(0);
    const next = nextResultRoom(cw, size.liquidationRows, size.nodeRows);
    if (!next) throw new Error('no shared memory');
    new RoomPaging(next.room.buffer).write(Infinity);
    const roomed = new Simulation(cw, plan).runToEnd();
    expect(roomed.recorder.liquidations.position.view().buffer).toBe(next.room.buffer);
    expect(roomed.recorder.nodes.equity_usd.view().buffer).toBe(next.room.buffer);
    const plain = new Simulation(cw, plan).runToEnd();
    expect(plain.recorder.liquidations.position.view().buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(tableRows(roomed)).toBe(tableRows(plain));
  });

  it('keeps only what it wrote when it filled less than half of the room', async () => {
    const { cw, plan } = await setUp();
    const first = new Simulation(cw, plan).runToEnd();
    const size = first.nextRoomSize();
    const next = nextResultRoom(cw, size.liquidationRows * 3, size.nodeRows * 3);
    if (!next) throw new Error('no shared memory');
    new RoomPaging(next.room.buffer).write(Infinity);
    const roomed = new Simulation(cw, plan).runToEnd();
    const rows = roomed.recorder.liquidations.position.length;
    expect(rows).toBe(first.recorder.liquidations.position.length);
    expect(roomed.recorder.liquidations.position.view().buffer).not.toBe(next.room.buffer);
    expect(roomed.recorder.liquidations.position.view().buffer.byteLength).toBe(4 * rows);
    expect(roomed.recorder.nodes.equity_usd.view().buffer).not.toBe(next.room.buffer);
    expect(tableRows(roomed)).toBe(tableRows(first));
  });
});
