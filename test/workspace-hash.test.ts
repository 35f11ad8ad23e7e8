import { tableToIPC } from 'apache-arrow';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkspaceFolder } from '../engine/node/read-folder';
import { workspaceHash } from '../engine/open-workspace';
import { importWorkspace } from '../engine/workspace/import';

describe('the workspace hash', () => {
  it('is the same every time for the same workspace, whatever was done with its tables meanwhile', async () => {
    const files = await readWorkspaceFolder(join(__dirname, '..', 'assets', 'demo', 'workspace'));
    const ws = importWorkspace(files);
    if (!ws.ok) throw new Error('demo');
    const first = await workspaceHash(ws.value);
    // Writing the tables works out their null counts, which decide whether a field is nullable.
    for (const t of Object.values(ws.value.tables)) if (t) tableToIPC(t, 'stream');
    expect(await workspaceHash(ws.value)).toBe(first);
    const again = importWorkspace(files);
    if (!again.ok) throw new Error('demo');
    expect(await workspaceHash(again.value)).toBe(first);
  });
});
