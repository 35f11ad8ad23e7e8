import type { HostError } from '../main/host-api';
import type { EngineError } from '../engine/protocol';
import type { ImportProblem } from '../engine/workspace/problems';
import type { ScenarioProblem } from '../engine/scenario/validate';

const SHOWN = 5;

function importProblemText(p: ImportProblem): string {
  const where = [p.table, p.row === null ? null : `row ${p.row}`, p.column === null ? null : `column ${p.column}`].filter((x) => x !== null).join(', ');
  const value = p.value === null || p.value === '' ? '' : ` (value "${p.value}")`;
  return `${p.severity === 'warning' ? 'Warning: ' : ''}${where}: ${p.rule}${value}`;
}

function scenarioProblemText(p: ScenarioProblem): string {
  const where = [p.index === null ? null : `event ${p.index + 1}`, p.field].filter((x) => x !== null).join(', ');
  return where === '' ? p.message : `${where}: ${p.message}`;
}

function withList(head: string, lines: string[], total: number): string {
  const more = total > lines.length ? [`…and ${total - lines.length} more.`] : [];
  return [head, ...lines.map((l) => `• ${l}`), ...more].join('\n');
}

/** A message a treasury analyst can act on: what failed and where, never a stack trace. */
export function engineErrorText(error: EngineError): string {
  switch (error.kind) {
    case 'invalid-workspace':
      return withList(error.message, error.problems.slice(0, SHOWN).map(importProblemText), error.total);
    case 'invalid-scenario':
      return withList(error.message, error.problems.slice(0, SHOWN).map(scenarioProblemText), error.problems.length);
    case 'internal':
      return `The engine hit an internal error: ${firstLine(error.message)}`;
    default:
      return firstLine(error.message);
  }
}

export function hostErrorText(error: HostError): string {
  return firstLine(error.message);
}

/** The first line only: messages from below never carry a stack into the UI. */
export function firstLine(message: string): string {
  const line = message.split('\n')[0]?.trim() ?? '';
  return line === '' ? 'Something went wrong.' : line;
}
