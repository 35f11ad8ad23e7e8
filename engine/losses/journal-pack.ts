import { copyMovedSlots, type BandRows, type FireRows, type LiquidationRows, type StepJournal } from './step-journal';

/**
 * A step journal packed into one buffer, to send to another thread: every array copied once,
 * into shared memory (posted without a copy). Never transferred: detaching a buffer costs the
 * sending thread its fast typed-array code for good (see serve.ts).
 */
export interface PackedJournal {
  t: number;
  exogenous: StepJournal['exogenous'];
  buffer: ArrayBuffer | SharedArrayBuffer;
  /** Element count of each array, in FIELDS order. */
  lengths: number[];
  /** The exposures (Z), where they were written into shared memory of their own (then 0 long in `buffer`). */
  exposures?: Float64Array;
  /** The liquidation rows, where they were written into shared memory of their own (then 0 long in `buffer`). */
  liq?: LiquidationRows;
}

type Kind = 'f64' | 'i32' | 'u8';
type Arrays = Float64Array | Int32Array | Uint8Array;
type Group = 'top' | 'fire' | 'bands' | 'liq';

const FIELDS: readonly (readonly [Group, string, Kind])[] = [
  ['top', 'P', 'f64'], ['top', 'P0', 'f64'], ['top', 'P1', 'f64'], ['top', 'Z', 'f64'], ['top', 'B', 'f64'], ['top', 'Bprev', 'f64'],
  ['top', 'x', 'f64'], ['top', 'S', 'f64'], ['top', 'x0', 'f64'], ['top', 'S0', 'f64'], ['top', 'dS', 'f64'],
  ['top', 'recovery', 'f64'], ['top', 'equity', 'f64'], ['top', 'defaultStep', 'i32'], ['top', 'shortNow', 'u8'],
  ['fire', 'node', 'i32'], ['fire', 'holdingIndex', 'i32'], ['fire', 'asset', 'i32'], ['fire', 'units', 'f64'], ['fire', 'proceeds', 'f64'],
  ['bands', 'owner', 'i32'], ['bands', 'venue', 'i32'], ['bands', 'collateralAsset', 'i32'], ['bands', 'debtAsset', 'i32'],
  ['bands', 'collateral', 'f64'], ['bands', 'debt', 'f64'], ['bands', 'was', 'u8'],
  ['liq', 'venue', 'i32'], ['liq', 'owner', 'i32'], ['liq', 'collateralAsset', 'i32'], ['liq', 'debtAsset', 'i32'],
  ['liq', 'collateralBefore', 'f64'], ['liq', 'debtBefore', 'f64'],
  ['liq', 'seized', 'f64'], ['liq', 'repaid', 'f64'], ['liq', 'badDebt', 'f64'], ['liq', 'debtPrice', 'f64'], ['liq', 'forced', 'u8'],
];
const BYTES: Record<Kind, number> = { f64: 8, i32: 4, u8: 1 };

function groupOf(j: StepJournal, g: Group): Record<string, Arrays> {
  return (g === 'top' ? j : j[g]) as unknown as Record<string, Arrays>;
}

/** Byte offset of each field (8-byte aligned) and the total. */
function layout(lengths: readonly number[]): { offsets: number[]; bytes: number } {
  const offsets: number[] = [];
  let at = 0;
  FIELDS.forEach(([, , kind], i) => {
    offsets.push(at);
    at += Math.ceil(((lengths[i] as number) * BYTES[kind]) / 8) * 8;
  });
  return { offsets, bytes: at };
}

/** Room for a packed journal of `bytes`: a new buffer unless the caller keeps some to reuse. */
export type JournalRoom = (bytes: number) => ArrayBuffer | SharedArrayBuffer;

const freshRoom: JournalRoom = (bytes) => (typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));

/**
 * Packs a journal. With `slotStart` (the exposure slots of each asset) only the exposures of
 * the assets that moved are copied, as the journal holds only those; the rest of Z in the
 * buffer is whatever the room held. With `exposuresApart`, Z is already in shared memory (the
 * room the sink gave the step's exposures): it goes as it is, not copied; with `liqApart`, so
 * do the liquidation rows.
 */
export function packJournal(j: StepJournal, room: JournalRoom = freshRoom, slotStart?: Int32Array, exposuresApart = false, liqApart = false): PackedJournal {
  const arrays = FIELDS.map(([g, name]) => ((exposuresApart && name === 'Z') || (liqApart && g === 'liq') ? NO_VALUES : (groupOf(j, g)[name] as Arrays)));
  const lengths = arrays.map((a) => a.length);
  const { offsets, bytes } = layout(lengths);
  const buffer = room(bytes);
  arrays.forEach((a, i) => {
    const [, name, kind] = FIELDS[i] as readonly [Group, string, Kind];
    const at = offsets[i] as number;
    if (name === 'Z' && slotStart && !exposuresApart) copyMovedSlots(j.Z, new Float64Array(buffer, at, a.length), j.P, j.P0, slotStart);
    else if (kind === 'f64') new Float64Array(buffer, at, a.length).set(a);
    else if (kind === 'i32') new Int32Array(buffer, at, a.length).set(a);
    else new Uint8Array(buffer, at, a.length).set(a);
  });
  const exogenous = j.exogenous.map((e) => ({ index: e.index, node: e.node, amount: e.amount }));
  const packed: PackedJournal = { t: j.t, exogenous, buffer, lengths };
  if (exposuresApart) packed.exposures = j.Z;
  if (liqApart) packed.liq = { ...j.liq };
  return packed;
}

const NO_VALUES = new Float64Array(0);

/** The journal's arrays as views of the packed buffer; null when the lengths do not fit it. */
export function unpackJournal(p: PackedJournal): StepJournal | null {
  if (p.lengths.length !== FIELDS.length || !p.lengths.every((n) => Number.isInteger(n) && n >= 0)) return null;
  const { offsets, bytes } = layout(p.lengths);
  if (bytes > p.buffer.byteLength) return null;
  const top: Record<string, unknown> = { t: p.t, exogenous: p.exogenous };
  const groups: Record<Exclude<Group, 'top'>, Record<string, Arrays>> = { fire: {}, bands: {}, liq: {} };
  FIELDS.forEach(([g, name, kind], i) => {
    const at = offsets[i] as number;
    const n = p.lengths[i] as number;
    const view = kind === 'f64' ? new Float64Array(p.buffer, at, n) : kind === 'i32' ? new Int32Array(p.buffer, at, n) : new Uint8Array(p.buffer, at, n);
    if (g === 'top') top[name] = view;
    else groups[g][name] = view;
  });
  if (p.exposures) top.Z = p.exposures;
  return {
    ...(top as Omit<StepJournal, 'fire' | 'bands' | 'liq'>),
    fire: groups.fire as unknown as FireRows,
    bands: groups.bands as unknown as BandRows,
    liq: p.liq ?? (groups.liq as unknown as LiquidationRows),
  };
}

/** The liquidation rows' columns and their kinds (a packed journal's rows sent apart are checked against them). */
export const LIQUIDATION_FIELDS: Readonly<Record<string, Kind>> = Object.fromEntries(FIELDS.filter(([g]) => g === 'liq').map(([, name, kind]) => [name, kind]));

/** True when a journal's arrays have the sizes a run with these counts gives (rows of a group alike). */
export function journalFits(j: StepJournal, debtors: number, assets: number, holdings: number, slots: number): boolean {
  const sizes: [Arrays, number][] = [
    [j.P, assets], [j.P0, assets], [j.P1, assets], [j.B, assets], [j.Bprev, assets], [j.x, assets], [j.S, assets], [j.x0, assets], [j.S0, assets], [j.dS, assets],
    [j.recovery, debtors], [j.equity, debtors], [j.defaultStep, debtors], [j.shortNow, debtors],
    [j.Z, slots],
  ];
  if (!sizes.every(([a, n]) => a.length === n)) return false;
  for (const h of j.fire.holdingIndex) if (!(h >= 0 && h < holdings)) return false;
  for (const g of ['fire', 'bands', 'liq'] as const) {
    const cols = Object.values(groupOf(j, g));
    if (!cols.every((c) => c.length === (cols[0] as Arrays).length)) return false;
  }
  return true;
}

/** Bits of a progress word given to the steps built (MODEL caps a scenario at 100,000 steps); the run's low bits above them. */
const STEP_BITS = 17;
const RUN_MASK = 0x3fff;

/** The word the helper stores when it has built `built` steps of run `run`. */
export function progressWord(run: number, built: number): number {
  return ((run & RUN_MASK) << STEP_BITS) | built;
}

/**
 * Shared buffers for packed journals, reused: the helper reads a step's buffer in place, so it
 * comes back to the pool only when the helper has built that step. The helper says so in a
 * shared word (`progress`, read here before lending) as well as by message: a run's steps go
 * back to back without the messages being read, and would otherwise take a new buffer each.
 */
export class JournalPool {
  private readonly free: SharedArrayBuffer[] = [];
  private readonly lent = new Map<number, SharedArrayBuffer[]>();
  private run = 0;
  /** progressWord(run, steps built) of the run the helper is on. */
  readonly progress = new Int32Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : new ArrayBuffer(4));

  /** A new run: buffers lent before are forgotten (a dropped run's helper may still hold them). */
  begin(run: number): void {
    this.lent.clear();
    this.run = run;
  }

  /** Room for step t's journal, as many buffers as it asks for (the host must have SharedArrayBuffer). */
  room(t: number): JournalRoom {
    this.reclaim();
    return (bytes) => {
      // The smallest free buffer that holds it: a step asks for a few buffers of very different sizes.
      let k = -1;
      for (let i = 0; i < this.free.length; i++) {
        const size = (this.free[i] as SharedArrayBuffer).byteLength;
        if (size >= bytes && (k < 0 || size < (this.free[k] as SharedArrayBuffer).byteLength)) k = i;
      }
      const buffer = k >= 0 ? (this.free.splice(k, 1)[0] as SharedArrayBuffer) : new SharedArrayBuffer(grown(bytes));
      const step = this.lent.get(t);
      if (step) step.push(buffer);
      else this.lent.set(t, [buffer]);
      return buffer;
    };
  }

  /**
   * The helper has done with step t (built it, or left it to this thread). The buffers of the
   * steps before the last two it came to may be written again: those two stay, as building the
   * steps after them here (the run's tail) reads them.
   */
  built(t: number): void {
    for (const s of [...this.lent.keys()]) if (s < t - 1) this.returned(s);
  }

  /** The run is over (its graph in hand): every buffer may be written again. */
  releaseAll(): void {
    for (const s of [...this.lent.keys()]) this.returned(s);
  }

  private returned(t: number): void {
    const buffers = this.lent.get(t);
    if (!buffers) return;
    this.lent.delete(t);
    for (const b of buffers) this.free.push(b);
  }

  /** Takes back the buffers the helper's progress word says it is done with. */
  private reclaim(): void {
    if (this.lent.size === 0) return;
    const word = Atomics.load(this.progress, 0);
    if (word >>> STEP_BITS !== (this.run & RUN_MASK)) return;
    const built = word & ((1 << STEP_BITS) - 1);
    if (built > 0) this.built(built - 1);
  }
}

/** Room with a quarter to spare, so that a slightly larger next step still fits. */
const grown = (bytes: number): number => Math.ceil((bytes * 1.25) / 8) * 8;
