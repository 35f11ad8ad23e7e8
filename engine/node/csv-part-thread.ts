import type { CsvPartReader } from '../workspace/csv-part';
import { csvPartClient } from '../workspace/csv-part-serve';
import { helperBundle, nodeHelperThread } from './helper-thread';

/** The helper bundle next to this file (dist/node/csv-part.mjs), when built. */
export function csvPartBundle(): string | null {
  return helperBundle('csv-part.mjs');
}

/** A part reader on a worker thread running `bundle` (see csvPartClient). */
export function nodeCsvParts(bundle: string): CsvPartReader {
  return csvPartClient(() => nodeHelperThread(bundle));
}
