import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWorkspaceFolder } from '../engine/node/read-folder';
import { openWorkspace } from '../engine/open-workspace';
import type { InputFile } from '../engine/protocol';
import type { RunSummary } from '../engine/results/summary-types';
import { validateScenario } from '../engine/scenario/validate';
import { runScenario } from '../engine/sim/run';
import { importWorkspace } from '../engine/workspace/import';
import type { Workspace } from '../engine/workspace/workspace';
import { asArrow, asJsonDocument, asParquet, asWorkbook } from './fixtures/workspaces/write-formats';

// The same workspace written as CSV, JSON, Arrow, Parquet and one Excel workbook gives the same run.

const DEMO = join(__dirname, '..', 'assets', 'demo');
let csv: InputFile[];
let base: Workspace;
let scenario: unknown;

async function summaryOf(files: InputFile[]): Promise<RunSummary> {
  const r = importWorkspace(files);
  if (!r.ok) throw new Error(JSON.stringify(r.error.problems.slice(0, 5)));
  const ow = await openWorkspace(r.value);
  const v = validateScenario(scenario, ow.ids);
  if (!v.ok) throw new Error(JSON.stringify(v.error));
  return runScenario(ow.cw, v.value).summary;
}

beforeAll(async () => {
  csv = await readWorkspaceFolder(join(DEMO, 'workspace'));
  const r = importWorkspace(csv);
  if (!r.ok) throw new Error('the demo workspace does not import');
  base = r.value;
  scenario = JSON.parse(readFileSync(join(DEMO, 'scenarios', 'flash-crash.json'), 'utf8')) as unknown;
});

describe('round trip: one workspace in every format', () => {
  it('gives the same run summary from CSV, JSON, Arrow (file and stream), Parquet and xlsx', async () => {
    const expected = await summaryOf(csv);
    expect(expected.total_liquidated_usd).toBeGreaterThan(0);
    const variants: [string, InputFile[]][] = [
      ['json', [asJsonDocument(base)]],
      ['arrow file', asArrow(base, 'file')],
      ['arrow stream', asArrow(base, 'stream')],
      ['parquet', asParquet(base)],
      ['xlsx', [await asWorkbook(base)]],
    ];
    for (const [name, files] of variants) {
      const got = await summaryOf(files);
      expect({ name, summary: got }).toEqual({ name, summary: expected });
    }
  });
});
