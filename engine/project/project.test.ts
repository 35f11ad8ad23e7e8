import { tableToIPC, type Table } from 'apache-arrow';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { CREATED_AT, demoProject } from '../../test/helpers/project-fixture';
import { RESULT_TABLES } from '../protocol';
import { sha256Hex } from '../util/hash';
import { ENGINE_VERSION } from '../version';
import { TABLE_NAMES } from '../workspace/schema';
import { isEncrypted } from './envelope';
import { PROJECT_FORMAT_VERSION } from './format';
import type { ProjectInput } from './project';
import { readProject } from './read-project';
import { writeProject } from './write-project';

/** A table's columns as plain values (dictionary ids differ between writers; values must not). */
function content(t: Table | undefined): Record<string, unknown[]> {
  if (!t) return {};
  return Object.fromEntries(t.schema.fields.map((f) => [f.name, Array.from(t.getChild(f.name) ?? [])]));
}

let input: ProjectInput;
let plain: Uint8Array;

beforeAll(async () => {
  input = await demoProject();
  const written = await writeProject(input, { createdAt: CREATED_AT });
  if (!written.ok) throw new Error(written.error.message);
  plain = written.value;
});

describe('writeProject / readProject', () => {
  it('writes a zip with the manifest first, every table as Arrow IPC, the scenarios, results and view state', async () => {
    const files = unzipSync(plain);
    const names = Object.keys(files);
    expect(names[0]).toBe('manifest.json');
    expect(names).toEqual([
      'manifest.json',
      ...TABLE_NAMES.map((t) => `workspace/${t}.arrow`),
      'scenarios/001-flash-crash.json',
      'scenarios/002-lender-default.json',
      'scenarios/003-draft-invalid.json',
      ...RESULT_TABLES.map((t) => `results/${t}.arrow`),
      'results/summary.json',
      'results/run.json',
      'results/scenario.json',
      'view.json',
    ]);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      format: 'firebreak-project',
      format_version: PROJECT_FORMAT_VERSION,
      engine_version: ENGINE_VERSION,
      created_at: CREATED_AT,
      open_as: 'editor',
      results: { scenario: 'Flash crash: ETH -30%, stale oracle, Bitnova outage' },
    });
    const entries = manifest.entries as Record<string, { sha256: string; bytes: number }>;
    expect(Object.keys(entries)).toEqual(names.slice(1));
    for (const name of names.slice(1)) {
      const bytes = files[name] as Uint8Array;
      expect(entries[name], name).toEqual({ sha256: await sha256Hex(bytes), bytes: bytes.length });
    }
    // Arrow IPC files (magic ARROW1), JSON scenarios exactly as given.
    expect(new TextDecoder().decode(files['workspace/positions.arrow']?.subarray(0, 6))).toBe('ARROW1');
    expect(JSON.parse(new TextDecoder().decode(files['scenarios/003-draft-invalid.json']))).toEqual(input.scenarios[2]?.scenario);
  });

  it('reads back what it wrote: tables, scenarios, results, stamp and view state', async () => {
    const read = await readProject(plain);
    if (!read.ok) throw new Error(read.error.message);
    const p = read.value;
    expect(p.encrypted).toBe(false);
    expect(p.openAs).toBe('editor');
    for (const name of TABLE_NAMES) expect(content(p.workspace.tables[name]), name).toEqual(content(input.workspace.tables[name]));
    expect(p.scenarios).toEqual(input.scenarios);
    expect(p.viewState).toEqual(input.viewState);
    const saved = input.results;
    if (!saved || !p.results) throw new Error('results lost');
    expect(p.results.summary).toEqual(saved.summary);
    expect(p.results.stamp).toEqual(saved.stamp);
    expect(p.results.runMs).toBe(12.5);
    expect(p.results.scenario).toEqual(saved.scenario);
    for (const name of RESULT_TABLES) {
      expect(p.results.tables[name].numRows, name).toBe(saved.tables[name].numRows);
      expect(content(p.results.tables[name]), name).toEqual(content(saved.tables[name]));
    }
    expect(p.results.tables.liquidations.numRows).toBeGreaterThan(0);
  });

  it('is byte-for-byte the same for the same input and time (no clock, no randomness without a passphrase)', async () => {
    const again = await writeProject(input, { createdAt: CREATED_AT });
    expect(again.ok && again.value).toEqual(plain);
  });

  it('saves a project without results or view state, and an empty scenario list', async () => {
    const bare = await writeProject({ ...input, scenarios: [], results: null, viewState: undefined, openAs: 'viewer' }, { createdAt: CREATED_AT });
    if (!bare.ok) throw new Error(bare.error.message);
    const read = await readProject(bare.value);
    expect(read.ok && { scenarios: read.value.scenarios, results: read.value.results, view: read.value.viewState, openAs: read.value.openAs }).toEqual({
      scenarios: [],
      results: null,
      view: null,
      openAs: 'viewer',
    });
  });

  it.each([
    ['a bad time', { createdAt: 'yesterday' }, {}, 'invalid-input'],
    ['duplicate scenario names', { createdAt: CREATED_AT }, { scenarios: [{ name: 'a', scenario: {} }, { name: 'a', scenario: {} }] }, 'invalid-input'],
    ['an unnamed scenario', { createdAt: CREATED_AT }, { scenarios: [{ name: '', scenario: {} }] }, 'invalid-input'],
    ['a scenario that is not JSON', { createdAt: CREATED_AT }, { scenarios: [{ name: 'x', scenario: { n: 1n } }] }, 'invalid-input'],
    ['a view state with a cycle', { createdAt: CREATED_AT }, { viewState: (() => { const o: Record<string, unknown> = {}; o.self = o; return o; })() }, 'invalid-view'],
    ['a short passphrase', { createdAt: CREATED_AT, passphrase: 'short' }, {}, 'weak-passphrase'],
  ])('refuses %s', async (_label, options, change, code) => {
    const r = await writeProject({ ...input, ...change }, options);
    expect(r.ok ? null : r.error.code).toBe(code);
  });

  it('refuses results whose scenario is not the one in their stamp', async () => {
    if (!input.results) throw new Error('fixture has results');
    const other = { ...input.results, scenario: { ...(input.results.scenario as object), steps: 3 } };
    const r = await writeProject({ ...input, results: other }, { createdAt: CREATED_AT });
    expect(r.ok ? null : r.error.message).toMatch(/not the one the results were run from/);
  });
});

describe('encrypted projects', () => {
  const passphrase = 'correct horse battery staple';
  let sealed: Uint8Array;

  beforeAll(async () => {
    const written = await writeProject(input, { createdAt: CREATED_AT, passphrase });
    if (!written.ok) throw new Error(written.error.message);
    sealed = written.value;
  });

  it('are sealed: no zip, no readable entry name or id inside', () => {
    expect(isEncrypted(sealed)).toBe(true);
    expect(isEncrypted(plain)).toBe(false);
    const text = new TextDecoder('latin1').decode(sealed);
    // Markers of 4+ bytes: a 2-byte one such as "PK" turns up in random bytes by chance.
    for (const visible of ['PK\x03\x04', 'manifest.json', 'positions', 'ARROW1', 'fund-']) expect(text.includes(visible), visible).toBe(false);
    expect(sealed.length).toBe(plain.length + 64 + 16);
  });

  it('round-trip with the passphrase', async () => {
    const read = await readProject(sealed, passphrase);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.encrypted).toBe(true);
    expect(read.value.scenarios).toEqual(input.scenarios);
    expect(read.value.results?.summary).toEqual(input.results?.summary);
    expect(content(read.value.workspace.tables.positions)).toEqual(content(input.workspace.tables.positions));
  });

  it('use a fresh salt and IV every time', async () => {
    const again = await writeProject(input, { createdAt: CREATED_AT, passphrase });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.subarray(16, 44)).not.toEqual(sealed.subarray(16, 44));
    expect(again.value.subarray(64, 128)).not.toEqual(sealed.subarray(64, 128));
  });

  it('say a passphrase is needed, and that a wrong one is wrong — not that the file is damaged', async () => {
    expect(await readProject(sealed)).toMatchObject({ ok: false, error: { code: 'passphrase-required' } });
    expect(await readProject(sealed, 'correct horse battery stapler')).toEqual({
      ok: false,
      error: { code: 'wrong-passphrase', message: 'The passphrase is wrong.', entry: null },
    });
  });

  it('normalize the passphrase (NFC), so the same text typed on another keyboard opens the file', async () => {
    const composed = 'Grüße aus Zürich';
    const written = await writeProject({ ...input, results: null }, { createdAt: CREATED_AT, passphrase: composed });
    if (!written.ok) throw new Error(written.error.message);
    expect((await readProject(written.value, composed.normalize('NFD'))).ok).toBe(true);
  });

  it('derive the key with at least 600,000 PBKDF2 iterations, recorded in the header', () => {
    expect(new DataView(sealed.buffer, sealed.byteOffset).getUint32(12, true)).toBeGreaterThanOrEqual(600_000);
  });
});

describe('Arrow IPC in projects', () => {
  it('stores workspace tables in the IPC file format the readers accept', () => {
    const t = input.workspace.tables.assets;
    if (!t) throw new Error('demo has assets');
    expect(tableToIPC(t, 'file').subarray(0, 6)).toEqual(new TextEncoder().encode('ARROW1'));
  });
});
