import { basename, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { expect, it } from 'vitest';

it("puts the tests' temporary files in the run's own folder, removed when the run ends", () => {
  expect(basename(tmpdir())).toMatch(/^firebreak-test-/);
  expect(dirname(tmpdir())).not.toBe(tmpdir());
});
