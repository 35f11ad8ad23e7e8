import { readFileSync, readdirSync } from 'node:fs';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../open-workspace';
import { validateScenario } from '../scenario/validate';
import { compilePlan } from '../sim/plan';
import { Simulation } from '../sim/simulation';
import { importWorkspace } from '../workspace/import';
import { resultTables, type ResultTables } from './tables';

async function tablesOf(name: string): Promise<ResultTables> {
  const dir = new URL(`../../test/cases/${name}/`, import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(new URL(f, dir))) }));
  const imported = importWorkspace(files);
  if (!imported.ok) throw new Error('the case does not import');
  const ow = await openWorkspace(imported.value);
  const v = validateScenario(JSON.parse(readFileSync(new URL('scenario.json', dir), 'utf8')), ow.ids);
  if (!v.ok) throw new Error('the case scenario is not valid');
  const sim = new Simulation(ow.cw, compilePlan(v.value, ow.cw.model));
  sim.runToEnd();
  return resultTables(sim);
}

const schemaOf = (t: ResultTables[keyof ResultTables]): string[] => t.schema.fields.map((f) => `${f.name}:${String(f.type)}:${f.nullable}`);

describe('result tables', () => {
  it('have one schema whether they have rows or not (an empty oracles table read as nullable columns), and keep it through Arrow IPC', async () => {
    const withOracles = await tablesOf('oracle-lag');
    const without = await tablesOf('chain-en');
    expect(withOracles.oracles.numRows).toBeGreaterThan(0);
    expect(without.oracles.numRows).toBe(0);
    for (const name of Object.keys(withOracles) as (keyof ResultTables)[]) {
      expect(schemaOf(without[name])).toEqual(schemaOf(withOracles[name]));
      expect(schemaOf(tableFromIPC(tableToIPC(without[name], 'file')))).toEqual(schemaOf(without[name]));
    }
    expect(schemaOf(without.oracles)).toEqual(['step:Int32:false', 'oracle:Dictionary<Int32, Utf8>:false', 'asset:Dictionary<Int32, Utf8>:false', 'reported_price:Float64:false', 'updated:Bool:false']);
  });
});
