import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cells } from '../../test/fixtures/workspaces/raw';
import { readOptions } from './import';
import { ProblemLog } from './problems';
import { parseJson, readJson } from './read-json';
import { validateWorkspace } from './validate';

const enc = new TextEncoder();
const json = (v: unknown): Uint8Array => enc.encode(JSON.stringify(v));

describe('readJson', () => {
  it('reads an array of row objects as one table, numbers as numbers or numeric strings', () => {
    const r = readJson(json([{ owner: 'fund', asset: 'ETH', amount: 5 }, { Owner: 'bank', AMOUNT: ' 2.5e3 ', asset: 7 }]), 'holdings', 'h.json', readOptions('holdings'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value).toHaveLength(1);
    const t = r.value[0];
    if (!t) throw new Error('no table');
    expect(t.columns.map((c) => [c.header, c.kind])).toEqual([['owner', 'string'], ['asset', 'string'], ['amount', 'number']]);
    expect(cells(t)).toEqual([['fund', 'ETH', 5], ['bank', '7', 2500]]);
    expect(t.rowNumbers).toBeUndefined();
  });

  it('reads one object holding a whole workspace, table names in any case', () => {
    const doc = { Assets: [{ id: 'ETH', price: 2000 }], nodes: [{ id: 'a', kind: 'venue' }, { id: 'f', kind: 'entity' }], holdings: [{ owner: 'f', asset: 'ETH', amount: '1' }], positions: [{ id: 'p', owner: 'f', venue: 'a', collateral_asset: 'ETH', collateral_amount: 1, debt_asset: 'USD', debt_amount: 1, liquidation_threshold: 0.8 }] };
    const r = readJson(json(doc), null, 'workspace.json', readOptions('holdings'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.map((t) => t.table)).toEqual(['assets', 'nodes', 'holdings', 'positions']);
    const parsed = parseJson(json(doc), null, 'workspace.json', (t) => readOptions(t), new ProblemLog());
    const ws = validateWorkspace(parsed.tables);
    expect(ws.ok).toBe(true);
  });

  it('keeps empty cells empty: null, missing keys and blank strings', () => {
    const r = readJson(json([{ owner: 'a', amount: null }, { owner: ' ', amount: '' }, {}]), 'holdings', 'h.json', readOptions('holdings'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(cells(r.value[0] as never)).toEqual([['a', null], [null, null], [null, null]]);
  });

  it('lists numbers it cannot read for the validator, by record number', () => {
    const r = readJson(json([{ owner: 'a', asset: 'ETH', amount: '1,5' }, { owner: 'b', asset: 'ETH', amount: true }]), 'holdings', 'h.json', readOptions('holdings'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const amount = r.value[0]?.columns[2];
    expect(amount?.kind === 'number' && amount.invalid).toEqual([{ row: 0, text: '1,5' }, { row: 1, text: 'true' }]);
    const problems = validateWorkspace([...(r.value ?? [])]);
    expect(problems.ok).toBe(false);
    if (!problems.ok) {
      expect(problems.error.problems).toContainEqual({
        table: 'holdings', row: 1, column: 'amount', value: '1,5', rule: 'is not a number; use a point as the decimal separator (1.5)', severity: 'error',
      });
    }
  });

  it('refuses an id written as a JSON number past 2^53, which cannot hold its digits; reads a smaller one as its text', () => {
    const text = '[{"id":9007199254740993,"owner":"f","venue":"a"},{"id":12345678901234567891,"owner":"f","venue":"a"},{"id":1e21,"owner":"f","venue":"a"},{"id":9007199254740991,"owner":"f","venue":"a"},{"id":1.5,"owner":"f","venue":"a"}]';
    const r = readJson(enc.encode(text), 'positions', 'p.json', readOptions('positions'));
    if (r.ok) throw new Error('read');
    expect(r.error.map((p) => [p.row, p.column, p.value])).toEqual([
      [1, 'id', '9007199254740992'],
      [2, 'id', '12345678901234567000'],
      [3, 'id', '1e+21'],
    ]);
    expect(r.error[0]?.rule).toBe('is a whole number past 2^53 written as a JSON number, which cannot hold its every digit (it reads as this): write it as text, in quotes');
    const fine = readJson(enc.encode('[{"id":9007199254740991,"owner":"f"},{"id":1.5,"owner":"f"}]'), 'positions', 'p.json', readOptions('positions'));
    if (!fine.ok) throw new Error(JSON.stringify(fine.error));
    expect(cells(fine.value[0] as never).map((row) => row[0])).toEqual(['9007199254740991', '1.5']);
  });

  it('refuses true/false where an id or a reference goes, naming the record; reads it as text elsewhere', () => {
    const text = '[{"id":true,"owner":"f","venue":"a"},{"id":"p2","owner":false,"venue":"a"},{"id":"p3","owner":"f","venue":"a","note":true}]';
    const r = readJson(enc.encode(text), 'positions', 'p.json', readOptions('positions'));
    if (r.ok) throw new Error('read');
    expect(r.error.map((p) => [p.row, p.column, p.value, p.rule])).toEqual([
      [1, 'id', 'true', 'is true/false (a boolean); an id is text or a whole number: store this column as text'],
      [2, 'owner', 'false', 'is true/false (a boolean); an id is text or a whole number: store this column as text'],
    ]);
    const fine = readJson(enc.encode('[{"id":"p3","owner":"f","note":true}]'), 'positions', 'p.json', readOptions('positions'));
    if (!fine.ok) throw new Error(JSON.stringify(fine.error));
    expect(cells(fine.value[0] as never)[0]).toEqual(['p3', 'f', 'true']);
  });

  it('names what is wrong with the shape of the file', () => {
    const problems = (bytes: Uint8Array, table: 'holdings' | null = 'holdings'): unknown => {
      const r = readJson(bytes, table, 'h.json', readOptions('holdings'));
      return r.ok ? r.value : r.error.map((p) => [p.row, p.column, p.rule]);
    };
    expect(problems(enc.encode('[{"owner": "a",}]'))).toEqual([[1, null, expect.stringMatching(/^is not valid JSON: /)]]);
    // NaN and Infinity, as Python's json.dump writes them: the line is found though the parser names no position.
    expect(problems(enc.encode('[{"owner": "NaN true", "amount": 1e5},\n {"owner": "b", "amount": null},\n {"owner": "c", "amount": NaN}]'))).toEqual([[3, null, expect.stringContaining("Unexpected token 'N'")]]);
    expect(problems(enc.encode('[{"owner": "undefined",\n "amount": undefined}]'))).toEqual([[2, null, expect.stringMatching(/^is not valid JSON: /)]]);
    expect(problems(json([{ owner: 'a' }, 5]))).toEqual([[2, null, 'must be an object of column: value']]);
    expect(problems(json([{ owner: { name: 'a' } }]))).toEqual([[1, 'owner', 'must be text or a number, not a list or an object']]);
    expect(problems(json([{ owner: 'a', ' OWNER': 'b' }]))).toEqual([[1, ' OWNER', 'is a second "owner" in this record; names match ignoring case and spaces']]);
    expect(problems(json(42))).toEqual([[null, null, 'must hold an array of row objects, or an object whose keys are table names']]);
    expect(problems(json({ rows: [] }))).toEqual([
      [null, null, 'must hold an array of row objects, or an object whose keys are table names'],
      [null, 'rows', expect.stringMatching(/^is not a table \(assets, nodes, .*\); ignored$/)],
    ]);
    expect(problems(json({ holdings: { owner: 'a' } }))).toEqual([[null, null, 'must be an array of row objects']]);
    expect(problems(new Uint8Array([0x5b, 0xff, 0x5d]))).toEqual([[1, null, 'is not valid UTF-8 text (byte 2 of the file); save it as UTF-8']]);
  });

  it('warns of keys that are not tables and of rows in a file not named after a table', () => {
    const log = new ProblemLog();
    const r = parseJson(json({ nodes: [{ id: 'a', kind: 'venue' }], version: 2 }), null, 'ws.json', (t) => readOptions(t), log);
    expect(r.tables.map((t) => t.table)).toEqual(['nodes']);
    expect(log.items).toEqual([{ table: 'ws.json', row: null, column: 'version', value: null, rule: expect.stringMatching(/^is not a table/), severity: 'warning' }]);
    const rows = new ProblemLog();
    expect(parseJson(json([{ id: 'a' }]), null, 'notes.json', (t) => readOptions(t), rows).tables).toEqual([]);
    expect(rows.items[0]?.rule).toMatch(/^holds rows, but its name is not a table/);
  });

  it('never throws on random or damaged input', () => {
    const valid = json([{ owner: 'fund', asset: 'ETH', amount: 5 }, { owner: 'bank', asset: 'USDC', amount: '7' }]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(valid.length), fc.integer({ min: 0, max: 255 }), (random, at, byte) => {
        const mutated = valid.slice();
        mutated[at % valid.length] = byte;
        for (const b of [random, mutated, valid.subarray(0, at)]) {
          const r = readJson(b, 'holdings', 'h.json', readOptions('holdings'));
          expect(r.ok ? Array.isArray(r.value) : r.error.length > 0).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = readJson(json(v), null, 'w.json', readOptions('holdings'));
        expect(r.ok ? Array.isArray(r.value) : r.error.length > 0).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
