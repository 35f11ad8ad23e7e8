import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every temporary file a test run makes (the tests' folders, built worker
 * bundles, generated workspaces, Chromium's profiles) goes under one folder of its own, removed
 * when the run ends, so that runs on a developer's machine leave nothing behind in the system's
 * temporary folder.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'firebreak-test-'));
  process.env.TMPDIR = root;
  process.env.TMP = root;
  process.env.TEMP = root;
  return () => rmSync(root, { recursive: true, force: true });
}
