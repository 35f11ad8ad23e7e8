import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSummaries, loadCase, runEngine, validScenario, type ComparableSummary } from './harness';
import { referenceRun } from './reference-model';

const CASES = join(__dirname, '..', 'cases');
const caseDirs = readdirSync(CASES).filter((d) => statSync(join(CASES, d)).isDirectory()).sort();

describe('reference model on the worked cases of test/cases', () => {
  it('finds the three worked cases', () => {
    expect(caseDirs).toEqual(expect.arrayContaining(['chain-en', 'oracle-lag', 'single-long']));
  });

  for (const name of caseDirs) {
    it(`${name}: reference summary = expected.json (rel 1e-6, abs 1e-4)`, () => {
      const { rows, scenario, expected } = loadCase(join(CASES, name));
      const ref = referenceRun(rows, validScenario(rows, scenario));
      expect(diffSummaries(ref, expected as ComparableSummary, 1e-6, 1e-4)).toEqual([]);
    });

    it(`${name}: engine summary = expected.json (rel 1e-6, abs 1e-4)`, () => {
      const { rows, scenario, expected } = loadCase(join(CASES, name));
      const { summary } = runEngine(rows, validScenario(rows, scenario));
      expect(diffSummaries(summary, expected as ComparableSummary, 1e-6, 1e-4)).toEqual([]);
    });
  }
});
