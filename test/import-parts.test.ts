import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateWorkspace } from '../engine/node/generate';
import { readWorkspaceFolder } from '../engine/node/read-folder';
import { openWorkspace } from '../engine/open-workspace';
import type { InputFile } from '../engine/protocol';
import { narrowCsvPart, readCsvPart, type CsvPart, type CsvPartReader, type CsvPartSpec } from '../engine/workspace/csv-part';
import { importWorkspace, importWorkspaceAsync } from '../engine/workspace/import';

// A whole import with the CSV helper (in this thread, parts crossing as structured clones): the
// perps file goes to the helper whole and the positions file in part, while this thread reads the
// rest; the workspace and every problem, in order, are those of the one-thread import.

let files: InputFile[];

beforeAll(async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'firebreak-import-parts-')), 'ws');
  const made = generateWorkspace(dir, { positions: 150_000, seed: 5 });
  if (!made.ok) throw new Error(made.error);
  files = await readWorkspaceFolder(dir);
}, 60_000);

function fakeParts(): CsvPartReader & { sizes: number[] } {
  const parts = {
    ready: true,
    // The generated workspace holds ~10 MB of CSV: smaller than the app's threshold.
    minBytes: 4 << 20,
    sizes: [] as number[],
    warm: () => undefined,
    room: () => null,
    release: () => undefined,
    read: async (bytes: Uint8Array, spec: CsvPartSpec, space?: ArrayBuffer): Promise<CsvPart | null> => {
      parts.sizes.push(bytes.length);
      const part = readCsvPart(bytes, spec, space);
      return part ? narrowCsvPart(structuredClone(part), spec.numeric.length) : null;
    },
  };
  return parts;
}

const control = (parts: CsvPartReader) => ({ now: () => performance.now(), yieldToEvents: () => Promise.resolve(), cancelled: () => false, parts });

/** The files with `edit` applied to the lines of one of them. */
function edited(name: string, edit: (lines: string[]) => void): InputFile[] {
  return files.map((f) => {
    if (f.name !== name) return f;
    const lines = new TextDecoder().decode(f.bytes).split('\n');
    edit(lines);
    return { name, bytes: new TextEncoder().encode(lines.join('\n')) };
  });
}

describe('an import with the CSV helper thread', () => {
  it('reads the workspace the one-thread import reads, with the perps whole and part of the positions on the helper', async () => {
    const size = (name: string) => files.find((f) => f.name === name)?.bytes.length ?? 0;
    const parts = fakeParts();
    const two = await importWorkspaceAsync(files, {}, control(parts));
    const one = importWorkspace(files);
    if (two === 'cancelled' || !two.ok || !one.ok) throw new Error('the generated workspace did not import');
    expect((await openWorkspace(two.value)).info.hash).toBe((await openWorkspace(one.value)).info.hash);
    expect(two.value.warnings).toEqual(one.value.warnings);
    const header = (name: string) => (files.find((f) => f.name === name)?.bytes.indexOf(10) ?? 0) + 1;
    expect(parts.sizes[0]).toBe(size('perps.csv') - header('perps.csv'));
    expect(parts.sizes[1]).toBeGreaterThan(size('positions.csv') / 4);
    expect(parts.sizes.length).toBe(2);
  });

  it('reports every problem where the one-thread import does, in the same order, whoever read the line', async () => {
    let broken = edited('perps.csv', (lines) => {
      lines[101] = 'q-short,fund-1';
    });
    broken = broken.map((f) => {
      if (f.name !== 'positions.csv') return f;
      const lines = new TextDecoder().decode(f.bytes).split('\n');
      lines[50] = 'p-short,fund-1,aave';
      lines[lines.length - 100] = 'p-short-too';
      return { name: f.name, bytes: new TextEncoder().encode(lines.join('\n')) };
    });
    const parts = fakeParts();
    const two = await importWorkspaceAsync(broken, {}, control(parts));
    const one = importWorkspace(broken);
    if (two === 'cancelled' || two.ok || one.ok) throw new Error('expected both imports to be refused');
    expect(two.error).toEqual(one.error);
    const rows = one.error.problems.map((p) => `${p.table}:${p.row}`);
    // The perps line the helper could not read (so this thread read it after the positions), then the positions.
    expect(rows.slice(0, 3)).toEqual(['perps:102', 'positions:51', expect.stringMatching(/^positions:\d{6}$/)]);
    expect(parts.sizes.length).toBe(2);
  });
});
