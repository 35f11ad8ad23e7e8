import type { EngineError } from '../../engine/protocol';
import type { HostError } from '../../main/host-api';

const first = (message: string): string => message.split('\n')[0]?.trim() || 'Something went wrong.';

/** A project failure in words an analyst can act on: what, where (the entry), never a stack. */
export function projectErrorText(error: EngineError, name: string): string {
  switch (error.kind) {
    case 'invalid-project': {
      const problems = error.problems.slice(0, 3).map((p) => `${p.table}${p.row === null ? '' : ` row ${p.row}`}${p.column === null ? '' : `, ${p.column}`}: ${p.rule}`);
      return [`“${name}” cannot be opened. ${first(error.message)}`, ...problems.map((p) => `• ${p}`)].join('\n');
    }
    case 'no-workspace':
      return 'There is nothing to save yet: import a workspace or open a project first.';
    case 'internal':
      return `The engine hit an internal error: ${first(error.message)}`;
    default:
      return first(error.message);
  }
}

export const hostText = (error: HostError): string => first(error.message);

/** The autosave could not keep the latest work: said at once, with what to do. */
export const autosaveFailedText = (why: string): string => `Autosave failed: ${first(why)} Your latest changes are not kept anywhere yet; save now (Ctrl+S) to keep them.`;

/** The latest changes are kept, but not where a page going away waits for them. */
export const AUTOSAVE_AT_RISK_TEXT =
  'The browser’s quick storage is full, turned off, or too small for your changes: a change made just before this tab closes or reloads may be lost. Save now (Ctrl+S) to keep your work, or free some browser storage.';
