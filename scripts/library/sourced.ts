/**
 * Numbers with their provenance, for the episode library: every number a library workspace or
 * scenario holds is written through one of these helpers, so that sources.json can say where it
 * comes from (a document and its date) or how it was made (derived, assumed, calibrated).
 */

/**
 * - reported: stated in the cited document(s);
 * - derived: computed from reported numbers (the note gives the arithmetic);
 * - assumption: not reported; chosen to be plausible (the note says why);
 * - calibrated: chosen so that the run reproduces a reported outcome (the note names it);
 * - model: a setting of the model, not a fact about the episode (a delay, a threshold of 1).
 */
export type Basis = 'reported' | 'derived' | 'assumption' | 'calibrated' | 'model';

export interface Sourced {
  readonly value: number;
  readonly basis: Basis;
  /** Ids of the episode's documents. */
  readonly sources: readonly string[];
  readonly note: string;
}

const docs = (d: string | readonly string[]): string[] => (typeof d === 'string' ? [d] : [...d]);

export const reported = (value: number, sources: string | readonly string[], note: string): Sourced => ({ value, basis: 'reported', sources: docs(sources), note });
export const derived = (value: number, sources: string | readonly string[], note: string): Sourced => ({ value, basis: 'derived', sources: docs(sources), note });
export const assumed = (value: number, note: string): Sourced => ({ value, basis: 'assumption', sources: [], note });
export const calibrated = (value: number, note: string): Sourced => ({ value, basis: 'calibrated', sources: [], note });
export const setting = (value: number, note: string): Sourced => ({ value, basis: 'model', sources: [], note });

export function isSourced(v: unknown): v is Sourced {
  return typeof v === 'object' && v !== null && 'value' in v && 'basis' in v;
}

/** Rounds to `digits` significant digits: derived numbers are written as a person would. */
export function sig(x: number, digits = 6): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}
