import type { ScenarioProblem } from '../scenario/validate';
import type { ImportProblem } from '../workspace/problems';
import { columns, int } from './cli-format';
import type { InputError } from './cli-load';

const SHOWN = 1000;

/** Import problems as a table (table, row, column, value, rule), at most the first 1,000, then the total. */
export function formatImportProblems(problems: readonly ImportProblem[], total: number): string {
  const rows: string[][] = [['table', 'row', 'column', 'value', 'severity', 'rule']];
  for (const p of problems.slice(0, SHOWN)) {
    rows.push([p.table, p.row === null ? '—' : String(p.row), p.column ?? '—', p.value === null ? '—' : JSON.stringify(p.value), p.severity, p.rule]);
  }
  const shown = Math.min(problems.length, SHOWN);
  // Warnings alone are not problems to the reader: counted as what they are.
  const noun = problems.every((p) => p.severity === 'warning') ? 'warning' : 'problem';
  const tail = total > shown ? `${int(total)} ${noun}s in all; the first ${int(shown)} are listed.` : `${int(total)} ${noun}${total === 1 ? '' : 's'}.`;
  return [...columns(rows), tail].join('\n') + '\n';
}

/** Scenario problems: which event (index) and field, and what is wrong. */
export function formatScenarioProblems(problems: readonly ScenarioProblem[]): string {
  const lines = problems.map((p) => `  ${p.index === null ? 'scenario' : `events[${p.index}]`}${p.field ? `.${p.field}` : ''}: ${p.message}`);
  return [...lines, `${int(problems.length)} problem${problems.length === 1 ? '' : 's'} in the scenario.`].join('\n') + '\n';
}

/** The stderr text for an input error. */
export function formatInputError(e: InputError): string {
  if (e.kind === 'workspace') return `firebreak: ${e.message}\n${formatImportProblems(e.problems, e.total)}`;
  if (e.kind === 'scenario') return `firebreak: ${e.message}\n${formatScenarioProblems(e.problems)}`;
  return `firebreak: ${e.message}\n`;
}

/** One import warning in a line: where (table or file, row, column) and what. */
export function warningText(p: ImportProblem): string {
  return `${p.table}${p.row === null ? '' : ` row ${p.row}`}${p.column === null ? '' : `, ${p.column}`}: ${p.rule}`;
}

/** The import's warnings for stderr, where stdout holds a document (`run --json`): a `firebreak: warning:` line each, the first 1,000. */
export function formatWarningLines(warnings: readonly ImportProblem[]): string {
  const lines = warnings.slice(0, SHOWN).map((w) => `firebreak: warning: ${warningText(w)}\n`);
  if (warnings.length > SHOWN) lines.push(`firebreak: warning: … and ${int(warnings.length - SHOWN)} more (firebreak validate lists them all)\n`);
  return lines.join('');
}
