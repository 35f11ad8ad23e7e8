import { availableParallelism } from 'node:os';
import { SPLIT_MIN_BYTES, splitMinBytes, type CsvPartReader } from '../workspace/csv-part';
import { csvPartClient } from '../workspace/csv-part-serve';
import { helperBundle, nodeHelperThread } from './helper-thread';

/** The helper bundle next to this file (dist/node/csv-part.mjs), when built. */
export function csvPartBundle(): string | null {
  return helperBundle('csv-part.mjs');
}

/**
 * A part reader on a worker thread running `bundle` (see csvPartClient): used by imports from
 * SPLIT_MIN_BYTES on where this machine has the processors for it (splitMinBytes), or always
 * with `always` (tests, and the bench's measure of the helper).
 */
export function nodeCsvParts(bundle: string, always = false): CsvPartReader {
  return csvPartClient(() => nodeHelperThread(bundle), always ? SPLIT_MIN_BYTES : splitMinBytes(availableParallelism()));
}
