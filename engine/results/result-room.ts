import { RoomPager } from '../losses/loss-graph';
import type { CompiledWorkspace } from '../sim/compiled';

/**
 * Memory for the largest result columns of a workspace's next run — its liquidation rows and
 * the nodes' equity column — made when a run is done, in shared memory, so that the loss-graph
 * helper (idle then) writes each page once while this thread answers the run. The next run then
 * writes its rows into memory the system has already mapped: at 1M positions ~25 MB, ~6,000
 * page faults that a run otherwise takes on the simulating thread (~1.5–3.5 µs each on this
 * VM), and a kept run's results are always new memory.
 *
 * One buffer: a word set to 1 once every page has been written (the run takes only a room whose
 * word says so: the helper never writes into a room a run uses), then the columns.
 */
export interface ResultRoom {
  readonly buffer: SharedArrayBuffer;
  readonly liquidationRows: number;
  readonly nodeRows: number;
}

/** The liquidation table's columns a room holds, in the Recorder's names, and the equity column. */
export interface RoomColumns {
  liquidations: {
    step: Int32Array;
    position: Int32Array;
    venue: Int32Array;
    owner: Int32Array;
    repaid_usd: Float64Array;
    seized_units: Float64Array;
    bad_debt_usd: Float64Array;
    close_out: Uint8Array;
  };
  equity: Float64Array;
}

const HEADER_BYTES = 8;
const I32_COLUMNS = ['step', 'position', 'venue', 'owner'] as const;
const F64_COLUMNS = ['repaid_usd', 'seized_units', 'bad_debt_usd'] as const;

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

function roomBytes(liquidationRows: number, nodeRows: number): number {
  return HEADER_BYTES + I32_COLUMNS.length * align8(4 * liquidationRows) + F64_COLUMNS.length * 8 * liquidationRows + align8(liquidationRows) + 8 * nodeRows;
}

/** A room for `liquidationRows` liquidation rows and `nodeRows` node rows, its pages not yet written; null without shared memory. */
export function makeResultRoom(liquidationRows: number, nodeRows: number): ResultRoom | null {
  if (typeof SharedArrayBuffer !== 'function' || !(liquidationRows > 0) || !(nodeRows > 0)) return null;
  try {
    return { buffer: new SharedArrayBuffer(roomBytes(liquidationRows, nodeRows)), liquidationRows, nodeRows };
  } catch {
    return null;
  }
}

/** The room's columns, as views of its buffer. */
export function roomColumns(room: ResultRoom): RoomColumns {
  const { buffer, liquidationRows: n, nodeRows } = room;
  let at = HEADER_BYTES;
  const i32 = (): Int32Array => {
    const a = new Int32Array(buffer, at, n);
    at += align8(4 * n);
    return a;
  };
  const f64 = (count: number): Float64Array => {
    const a = new Float64Array(buffer, at, count);
    at += 8 * count;
    return a;
  };
  const step = i32();
  const position = i32();
  const venue = i32();
  const owner = i32();
  const repaid_usd = f64(n);
  const seized_units = f64(n);
  const bad_debt_usd = f64(n);
  const close_out = new Uint8Array(buffer, at, n);
  at += align8(n);
  const equity = f64(nodeRows);
  return { liquidations: { step, position, venue, owner, repaid_usd, seized_units, bad_debt_usd, close_out }, equity };
}

/** True once every page of the room has been written (RoomPaging), so that a run may use it. */
export function roomPaged(buffer: SharedArrayBuffer): boolean {
  return Atomics.load(new Int32Array(buffer, 0, 1), 0) === 1;
}

/**
 * Pages a room in (RoomPager: a 0 into each page, a given number of bytes' worth at a time; the
 * helper does so between its messages), then sets the room's word: the room is the run's to use.
 */
export class RoomPaging {
  private readonly pager: RoomPager;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.pager = new RoomPager([new Uint8Array(buffer, HEADER_BYTES)]);
  }

  /** Pages in up to `bytes` more; true once the whole room is paged (and marked so). */
  write(bytes: number): boolean {
    if (!this.pager.write(bytes)) return false;
    Atomics.store(new Int32Array(this.buffer, 0, 1), 0, 1);
    return true;
  }
}

/** The room made for each workspace's next run, until a run takes it. */
const rooms = new WeakMap<CompiledWorkspace, ResultRoom>();

/**
 * A room for the next run on `cw` after one that wrote `liquidationRows` liquidation rows and may
 * write `nodeRows` node rows: the room kept for it when that one is large enough, else a new one
 * (returned, for the helper to page in); null when none can be made.
 */
export function nextResultRoom(cw: CompiledWorkspace, liquidationRows: number, nodeRows: number): { room: ResultRoom; made: boolean } | null {
  const kept = rooms.get(cw);
  if (kept && kept.liquidationRows >= liquidationRows && kept.nodeRows >= nodeRows) return { room: kept, made: false };
  const room = makeResultRoom(liquidationRows, nodeRows);
  if (!room) return null;
  rooms.set(cw, room);
  return { room, made: true };
}

/** The room kept for a run on `cw`, when it is paged in and holds the rows asked for: the run's now. */
export function takeResultRoom(cw: CompiledWorkspace, liquidationRows: number, nodeRows: number): ResultRoom | null {
  const room = rooms.get(cw);
  if (!room || room.liquidationRows < liquidationRows || room.nodeRows < nodeRows || !roomPaged(room.buffer)) return null;
  rooms.delete(cw);
  return room;
}
