import { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { demoResults, demoWorkspace } from '../../test/helpers/project-fixture';
import { RESULT_TABLES } from '../protocol';
import { f64Vector, i32Vector } from '../util/arrow-columns';
import { RESULT_SCHEMA, resultSchemaProblem } from './result-schema';

describe('RESULT_SCHEMA', () => {
  it('is exactly what engine/results/tables.ts produces', async () => {
    const { tables } = await demoResults(await demoWorkspace());
    for (const name of RESULT_TABLES) {
      expect(tables[name].schema.fields.map((f) => f.name), name).toEqual(RESULT_SCHEMA[name].map(([c]) => c));
      expect(resultSchemaProblem(name, tables[name]), name).toBeNull();
    }
  });

  it('names the first column that differs', () => {
    const t = new Table({ step: f64Vector(new Float64Array(1)), asset: i32Vector(new Int32Array(1)) });
    expect(resultSchemaProblem('prices', t)).toBe('column "step" should hold int32 but holds Float64');
    const short = new Table({ step: i32Vector(new Int32Array(1)) });
    expect(resultSchemaProblem('prices', short)).toBe('column 2 should be "asset" but is missing');
  });
});
