import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;

describe('main/ stays offline', () => {
  it('uses no crash reporter, updater, network client or shell.openExternal', async () => {
    const sources = (await readdir(here)).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(5);
    const forbidden = /\b(crashReporter|autoUpdater|electron-updater|net\.request|net\.fetch|openExternal|ClientRequest|node:https?|['"]https?['"])\b|https?:\/\//;
    for (const name of sources) {
      const text = await readFile(join(here, name), 'utf8');
      expect(text.match(forbidden)?.[0], name).toBeUndefined();
    }
  });
});
