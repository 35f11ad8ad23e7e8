import Papa from 'papaparse';
import { performance } from 'node:perf_hooks';
import { readOptions } from '../engine/workspace/mapping';
import { readCsv } from '../engine/workspace/read-csv';

export interface ParserComparison {
  mb: number;
  rows: number;
  /** Firebreak's reader: bytes → number columns (Float64Array) and dictionary-encoded text columns. */
  ownMs: number;
  /** PapaParse on the decoded text, numbers typed (`dynamicTyping`), rows as arrays: rows, not columns yet. */
  papaMs: number;
}

const best = (f: () => void, runs = 3): number => {
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
};

/**
 * The rule: PapaParse unless the hand-written parser is measurably faster on the
 * benchmark. Both read the same positions.csv; PapaParse is given the easier job (it stops at row
 * arrays, where ours has built the columns the validator reads).
 */
export function compareParsers(positionsCsv: Uint8Array): ParserComparison {
  let rows = 0;
  const ownMs = best(() => {
    const r = readCsv(positionsCsv, 'positions', 'positions.csv', readOptions('positions'));
    if (!r.ok) throw new Error('positions.csv did not parse');
    rows = r.value.rowCount;
  });
  const papaMs = best(() => {
    const text = new TextDecoder().decode(positionsCsv);
    const out = Papa.parse<unknown[]>(text, { header: false, dynamicTyping: true, skipEmptyLines: true });
    if (out.errors.length > 0) throw new Error(`PapaParse: ${out.errors[0]?.message ?? ''}`);
  });
  return { mb: positionsCsv.length / 1e6, rows, ownMs, papaMs };
}
