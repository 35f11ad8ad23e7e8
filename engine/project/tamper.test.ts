import { tableToIPC, Table } from 'apache-arrow';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { CREATED_AT, demoProject } from '../../test/helpers/project-fixture';
import { f64Vector } from '../util/arrow-columns';
import { sha256Hex } from '../util/hash';
import type { ProjectInput } from './project';
import type { ProjectProblemCode } from './problems';
import { readProject } from './read-project';
import { writeProject } from './write-project';

// Every way a saved project can be damaged or changed must be found and named; none may open as
// something else or crash the reader.

type Files = Record<string, Uint8Array>;

const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);
const bytesOf = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s);

let input: ProjectInput;
let stored: Uint8Array;
let deflated: Uint8Array;

beforeAll(async () => {
  input = await demoProject();
  const a = await writeProject(input, { createdAt: CREATED_AT, level: 0 });
  const b = await writeProject(input, { createdAt: CREATED_AT });
  if (!a.ok || !b.ok) throw new Error('fixture');
  stored = a.value;
  deflated = b.value;
});

/** Rewrites the zip after `change`, re-hashing the manifest when asked (a careful tamperer). */
async function rebuild(change: (files: Files, manifest: Record<string, unknown>) => void, rehash: boolean): Promise<Uint8Array> {
  const files = unzipSync(deflated);
  const manifest = JSON.parse(text(files['manifest.json'])) as Record<string, unknown>;
  change(files, manifest);
  if (rehash) {
    const entries: Record<string, { sha256: string; bytes: number }> = {};
    for (const [name, bytes] of Object.entries(files)) if (name !== 'manifest.json') entries[name] = { sha256: await sha256Hex(bytes), bytes: bytes.length };
    manifest.entries = entries;
  }
  return zipSync({ ...files, 'manifest.json': bytesOf(JSON.stringify(manifest)) });
}

async function problemOf(bytes: Uint8Array, passphrase?: string): Promise<{ code: ProjectProblemCode; message: string; entry: string | null }> {
  const r = await readProject(bytes, passphrase);
  if (r.ok) throw new Error('a damaged project opened');
  return { code: r.error.code, message: r.error.message, entry: r.error.entry };
}

/** Where the stored data of a zip entry starts, found by walking the local headers. */
function dataOffset(zip: Uint8Array, name: string): number {
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let p = 0; dv.getUint32(p, true) === 0x04034b50; ) {
    const size = dv.getUint32(p + 18, true);
    const n = dv.getUint16(p + 26, true);
    const extra = dv.getUint16(p + 28, true);
    const start = p + 30 + n + extra;
    if (text(zip.subarray(p + 30, p + 30 + n)) === name) return start;
    p = start + size;
  }
  throw new Error(`no entry ${name}`);
}

/** Where `needle` starts in `hay` (the first time). */
function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('a flipped byte', () => {
  it('in a table is caught by its SHA-256 and the entry is named', async () => {
    const copy = stored.slice();
    // The first record batch of positions.arrow: past its local header and the ARROW1 magic.
    const at = dataOffset(copy, 'workspace/positions.arrow') + 400;
    copy[at] = (copy[at] as number) ^ 0x01;
    expect(await problemOf(copy)).toEqual({
      code: 'hash-mismatch',
      entry: 'workspace/positions.arrow',
      message: '"workspace/positions.arrow" does not match its SHA-256 in the manifest: it was damaged or changed after saving.',
    });
  });

  it('in a scenario or the summary is caught the same way', async () => {
    for (const entry of ['scenarios/002-lender-default.json', 'results/summary.json']) {
      const copy = stored.slice();
      const at = dataOffset(copy, entry) + 5;
      copy[at] = (copy[at] as number) ^ 0x20;
      expect(await problemOf(copy)).toMatchObject({ code: 'hash-mismatch', entry });
    }
  });

  it('anywhere: the project opens unchanged or fails with a named problem, never as something else', async () => {
    const original = await readProject(deflated);
    if (!original.ok) throw new Error('fixture');
    const summary = JSON.stringify(original.value.results?.summary);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: deflated.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, mask) => {
        const copy = deflated.slice();
        copy[at] = (copy[at] as number) ^ mask;
        const r = await readProject(copy);
        // Zip bytes that carry no content (timestamps, version fields) may change freely.
        if (r.ok) expect(JSON.stringify(r.value.results?.summary)).toBe(summary);
        else expect(r.error.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 150, seed: 4 },
    );
  });
});

describe('a removed entry', () => {
  it.each(['workspace/positions.arrow', 'scenarios/001-flash-crash.json', 'results/losses.arrow', 'view.json'])('%s is named as missing', async (entry) => {
    const bytes = await rebuild((files) => delete files[entry], false);
    expect(await problemOf(bytes)).toMatchObject({ code: 'missing-entry', entry, message: expect.stringContaining(`missing "${entry}"`) });
  });

  it('without its manifest, the zip is not a project', async () => {
    const files = unzipSync(deflated);
    delete files['manifest.json'];
    expect(await problemOf(zipSync(files))).toMatchObject({ code: 'missing-entry', entry: 'manifest.json' });
  });

  it('a zip of other files, without a manifest, is said to be no project (not a project with a stray entry)', async () => {
    expect(await problemOf(zipSync({ 'hello.txt': bytesOf('hi') }))).toMatchObject({ code: 'not-a-project', message: expect.stringContaining('a zip archive of other files') });
    const workbook = zipSync({ '[Content_Types].xml': bytesOf('<Types/>'), 'xl/workbook.xml': bytesOf('<workbook/>') });
    expect(await problemOf(workbook)).toMatchObject({ code: 'not-a-project', message: expect.stringContaining('an Office document (an .xlsx workbook, say) renamed') });
  });

  it('a required table removed with its manifest line still fails validation, naming the table', async () => {
    const bytes = await rebuild((files) => delete files['workspace/assets.arrow'], true);
    expect(await problemOf(bytes)).toMatchObject({ code: 'invalid-table', message: expect.stringContaining('assets') });
  });
});

describe('an added or renamed entry', () => {
  it.each([
    ['an entry the manifest does not list', 'workspace/feeds2.arrow', 'unexpected-entry'],
    ['a path that climbs out', '../../.bashrc', 'unexpected-entry'],
    ['an absolute path', '/etc/cron.d/x', 'unexpected-entry'],
  ])('%s is refused', async (_label, name, code) => {
    const bytes = await rebuild((files) => (files[name] = bytesOf('x')), false);
    expect((await problemOf(bytes)).code).toBe(code);
  });

  it('an entry named __proto__ is refused (and cannot reach an object prototype)', async () => {
    // fflate cannot write that name, so write a stand-in of the same length and rename it in both headers.
    const zip = await rebuild((files) => (files.qqqqqqqqq = bytesOf('x')), false);
    for (let at = indexOf(zip, bytesOf('qqqqqqqqq')); at >= 0; at = indexOf(zip, bytesOf('qqqqqqqqq'), at + 1)) zip.set(bytesOf('__proto__'), at);
    expect(await problemOf(zip)).toMatchObject({ code: 'unexpected-entry', entry: '__proto__' });
  });

  it('an unknown table, even listed with its hash, is refused', async () => {
    const bytes = await rebuild((files) => (files['workspace/secrets.arrow'] = files['workspace/assets.arrow'] as Uint8Array), true);
    expect(await problemOf(bytes)).toMatchObject({ code: 'unexpected-entry', entry: 'workspace/secrets.arrow' });
  });
});

describe('a truncated file', () => {
  it.each([0.25, 0.5, 0.9, 0.999])('cut at %f of its length says it is cut short', async (fraction) => {
    const cut = deflated.subarray(0, Math.floor(deflated.length * fraction));
    expect(await problemOf(cut)).toMatchObject({ code: 'truncated', message: expect.stringContaining('cut short') });
  });

  it('cut by one byte, or to almost nothing, is never opened', async () => {
    for (const n of [deflated.length - 1, deflated.length - 22, 30, 4, 1, 0]) {
      const p = await problemOf(deflated.subarray(0, n));
      expect(['truncated', 'not-a-project', 'damaged']).toContain(p.code);
    }
  });
});

describe('versions and the manifest', () => {
  it('a newer format is refused with its version named', async () => {
    const bytes = await rebuild((_files, m) => Object.assign(m, { format_version: 2, engine_version: '3.0.0' }), false);
    expect(await problemOf(bytes)).toEqual({
      code: 'newer-format',
      entry: 'manifest.json',
      message: 'This project was saved in project format 2 (by Firebreak engine 3.0.0); this version reads format 1 and older. Update Firebreak to open it.',
    });
  });

  it.each([
    ['not JSON', (files: Files) => (files['manifest.json'] = bytesOf('{nope'))],
    ['a hash that is not hex', (_f: Files, m: Record<string, unknown>) => ((m.entries as Record<string, { sha256: string }>)['view.json'] = { sha256: 'zz' })],
    ['no created_at', (_f: Files, m: Record<string, unknown>) => delete m.created_at],
    ['a scenario pointing nowhere', (_f: Files, m: Record<string, unknown>) => (m.scenarios = [{ name: 'x', entry: 'scenarios/009-x.json' }])],
  ])('a manifest with %s is named as damaged', async (_label, change) => {
    const files = unzipSync(deflated);
    const manifest = JSON.parse(text(files['manifest.json'])) as Record<string, unknown>;
    change(files, manifest);
    if (text(files['manifest.json']).startsWith('{nope')) {
      expect((await problemOf(zipSync(files))).code).toBe('bad-manifest');
      return;
    }
    files['manifest.json'] = bytesOf(JSON.stringify(manifest));
    expect(await problemOf(zipSync(files))).toMatchObject({ code: 'bad-manifest', entry: 'manifest.json' });
  });

  it('another format in a zip is not a project', async () => {
    const bytes = await rebuild((_f, m) => (m.format = 'something-else'), false);
    expect((await problemOf(bytes)).code).toBe('not-a-project');
    expect((await problemOf(bytesOf('name,price\nETH,2000\n'))).code).toBe('not-a-project');
  });
});

describe('re-hashed contents (a careful edit) are still checked', () => {
  it('a workspace table that breaks the model is named with its problem', async () => {
    const bytes = await rebuild((files) => {
      const assets = new Table({ id: f64Vector(new Float64Array([1])) });
      files['workspace/assets.arrow'] = tableToIPC(assets, 'file');
    }, true);
    const p = await problemOf(bytes);
    expect(p).toMatchObject({ code: 'invalid-table', entry: 'workspace/assets.arrow' });
    expect(p.message).toMatch(/fails validation/);
  });

  it('a result table with the wrong columns', async () => {
    const bytes = await rebuild((files) => (files['results/prices.arrow'] = files['results/oracles.arrow'] as Uint8Array), true);
    expect(await problemOf(bytes)).toMatchObject({ code: 'invalid-results', entry: 'results/prices.arrow', message: expect.stringContaining('column 2 should be "asset"') });
  });

  it('a summary that is not a summary, and row counts that do not match', async () => {
    const noSummary = await rebuild((files) => (files['results/summary.json'] = bytesOf('{"scenario": 1}')), true);
    expect(await problemOf(noSummary)).toMatchObject({ code: 'invalid-results', message: expect.stringContaining('summary.scenario should be a text') });
    const counts = await rebuild((files) => {
      const run = JSON.parse(text(files['results/run.json'])) as { row_counts: Record<string, number> };
      run.row_counts.nodes = (run.row_counts.nodes ?? 0) + 1;
      files['results/run.json'] = bytesOf(JSON.stringify(run));
    }, true);
    expect(await problemOf(counts)).toMatchObject({ code: 'invalid-results', entry: 'results/nodes.arrow' });
  });

  it('a results scenario that is not the one in the stamp', async () => {
    const bytes = await rebuild((files) => {
      const sc = JSON.parse(text(files['results/scenario.json'])) as { steps: number };
      sc.steps += 1;
      files['results/scenario.json'] = bytesOf(JSON.stringify(sc));
    }, true);
    expect(await problemOf(bytes)).toMatchObject({ code: 'invalid-results', entry: 'results/scenario.json' });
  });

  it('a damaged Arrow table in the results', async () => {
    const bytes = await rebuild((files) => (files['results/losses.arrow'] = (files['results/losses.arrow'] as Uint8Array).subarray(0, 200)), true);
    expect(await problemOf(bytes)).toMatchObject({ code: 'invalid-results', entry: 'results/losses.arrow', message: expect.stringContaining('not a readable Arrow IPC file') });
  });
});

describe('zip structure', () => {
  it('a declared size of gigabytes is refused before anything is inflated', async () => {
    const copy = deflated.slice();
    const dir = indexOf(copy, new Uint8Array([0x50, 0x4b, 0x01, 0x02]));
    new DataView(copy.buffer).setUint32(dir + 24, 0xfffffff0, true);
    expect((await problemOf(copy)).code).toBe('too-large');
  });

  it('an entry twice is refused', async () => {
    // fflate cannot write a name twice: rename feeds.arrow to nodes.arrow (same length) in both headers.
    const zip = deflated.slice();
    for (let at = indexOf(zip, bytesOf('workspace/feeds.arrow')); at >= 0; at = indexOf(zip, bytesOf('workspace/feeds.arrow'), at + 1)) {
      zip.set(bytesOf('workspace/nodes.arrow'), at);
    }
    expect(await problemOf(zip)).toEqual({ code: 'damaged', entry: 'workspace/nodes.arrow', message: 'The project holds "workspace/nodes.arrow" twice.' });
  });
});

describe('encrypted files', () => {
  const passphrase = 'board pack Q4 2026';
  let sealed: Uint8Array;
  beforeAll(async () => {
    const r = await writeProject({ ...input, results: null }, { createdAt: CREATED_AT, passphrase });
    if (!r.ok) throw new Error('fixture');
    sealed = r.value;
  });

  it.each([
    ['the envelope version', 8],
    ['the iteration count', 13],
    ['the salt', 20],
    ['the IV', 40],
    ['the key check', 50],
  ])('a flipped byte in %s is damage, not a wrong passphrase', async (_label, at) => {
    const copy = sealed.slice();
    copy[at] = (copy[at] as number) ^ 0x10;
    expect(await problemOf(copy, passphrase)).toMatchObject({ code: 'damaged', message: expect.stringContaining('header') });
  });

  it('a flipped byte in the contents fails authentication and says the passphrase is right', async () => {
    for (const at of [64, Math.floor(sealed.length / 2), sealed.length - 1]) {
      const copy = sealed.slice();
      copy[at] = (copy[at] as number) ^ 0x01;
      expect(await problemOf(copy, passphrase)).toEqual({
        code: 'damaged',
        entry: null,
        message: 'The encrypted project is damaged or cut short: its contents fail authentication (the passphrase is right).',
      });
    }
  });

  it('a truncated encrypted file is never read as a wrong passphrase', async () => {
    expect((await problemOf(sealed.subarray(0, 40), passphrase)).code).toBe('truncated');
    expect((await problemOf(sealed.subarray(0, sealed.length - 100), passphrase)).code).toBe('damaged');
    expect((await problemOf(sealed.subarray(0, 70), 'not the passphrase')).code).toBe('truncated');
  });
});
