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
