import type { ImportProblem } from '../workspace/problems';

/**
 * What is wrong with a project file, or with a request to write one. `passphrase-required` and
 * `wrong-passphrase` are about the reader, never the file; every other code names damage or a
 * refusal, with the entry (`workspace/positions.arrow`, `manifest.json`, …) when there is one.
 */
export type ProjectProblemCode =
  | 'passphrase-required'
  | 'wrong-passphrase'
  | 'weak-passphrase'
  | 'not-a-project'
  | 'truncated'
  | 'damaged'
  | 'newer-format'
  | 'bad-manifest'
  | 'missing-entry'
  | 'unexpected-entry'
  | 'hash-mismatch'
  | 'invalid-table'
  | 'invalid-scenario'
  | 'invalid-results'
  | 'invalid-view'
  | 'too-large'
  | 'invalid-input';

export interface ProjectProblem {
  code: ProjectProblemCode;
  /** One readable sentence; never a stack trace. */
  message: string;
  entry: string | null;
  /** The workspace validator's problems, when a table of the project fails it. */
  problems?: ImportProblem[];
}

export const problem = (code: ProjectProblemCode, message: string, entry: string | null = null): ProjectProblem => ({ code, message, entry });
