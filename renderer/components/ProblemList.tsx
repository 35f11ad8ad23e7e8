import { tableFromIPC } from 'apache-arrow';
import { useEffect, useMemo, useState } from 'react';
import type { ImportProblem } from '../../engine/workspace/problems';
import type { TableName } from '../../engine/workspace/schema';
import { useApp } from '../app-context';
import { formatCount } from '../format';
import { extensionOf } from '../import/classify';
import { csvRowContext, type RowContext } from '../import/row-context';
import type { PendingFile } from '../store/import-slice';

const SHOWN = 100;
const CONTEXT_SHOWN = 20;
/** Rows the engine shows of a non-CSV file to put a problem in context (its preview limit). */
const PREVIEW_LIMIT = 1000;

/** Where a problem's table came from: the file, and the source name within it (`book.xlsx#positions`). */
export interface ProblemSource {
  file: PendingFile;
  source: string;
}

/** The offending row of a non-CSV source with its neighbours, read back through the engine's preview. */
function usePreviewContext(src: ProblemSource | undefined, problem: ImportProblem, table: string): RowContext | null {
  const { engine } = useApp();
  const [ctx, setCtx] = useState<RowContext | null>(null);
  const row = problem.row;
  useEffect(() => {
    if (src === undefined || row === null || row > PREVIEW_LIMIT) return;
    let live = true;
    void engine
      .request('workspace.preview', { files: [{ name: src.file.name, bytes: src.file.bytes }], tables: { [src.source]: table as TableName }, rows: Math.min(PREVIEW_LIMIT, row + 2) })
      .then((res) => {
        const s = res.ok ? res.value.sources.find((x) => x.source === src.source) : undefined;
        if (!live || s === undefined) return;
        const t = tableFromIPC(s.sample);
        const rows = t.getChild('_row');
        const at = Array.from({ length: t.numRows }, (_, i) => String(rows?.get(i))).indexOf(String(row));
        if (at < 0) return;
        const line = (i: number) => s.headers.map((_, j) => String(t.getChildAt(j)?.get(i) ?? '')).join('\t');
        const lines = [];
        for (let i = Math.max(0, at - 2); i <= Math.min(t.numRows - 1, at + 2); i++) lines.push({ line: Number(rows?.get(i)), text: line(i), offending: i === at });
        const col = problem.column === null ? -1 : s.headers.findIndex((h) => h.trim().toLowerCase() === problem.column?.trim().toLowerCase());
        setCtx({ header: s.headers.join('\t'), lines, column: col < 0 ? null : col, delimiter: '\t' });
      });
    return () => {
      live = false;
    };
  }, [engine, src, row, problem.column, table]);
  return ctx;
}

function RowInContext({ src, problem }: { src: ProblemSource; problem: ImportProblem }) {
  const isCsv = ['csv', 'tsv', 'txt'].includes(extensionOf(src.file.name)) && !src.source.includes('#');
  const csv = useMemo(() => (isCsv && problem.row !== null ? csvRowContext(src.file.bytes, problem.row, problem.column) : null), [isCsv, src, problem]);
  const viaEngine = usePreviewContext(isCsv ? undefined : src, problem, problem.table);
  const ctx = csv ?? viaEngine;
  if (ctx === null) return null;
  const mark = (text: string, isHeader: boolean) =>
    ctx.column === null
      ? text
      : text.split(ctx.delimiter).map((c, i) => (
          <span key={i}>
            {i > 0 ? (ctx.delimiter === '\t' ? ' │ ' : ctx.delimiter) : ''}
            {i === ctx.column ? <mark className={isHeader ? 'col' : 'cell'}>{c === '' ? '∅' : c}</mark> : c}
          </span>
        ));
  const unit = isCsv ? 'line' : src.file.name.toLowerCase().endsWith('.xlsx') ? 'sheet row' : 'record';
  return (
    <pre className="row-context" aria-label={`${src.source} around ${unit} ${problem.row}`}>
      <span className="ctx-line">
        <span className="ln">{isCsv ? '1' : ''}</span>
        {mark(ctx.header ?? '', true)}
      </span>
      {ctx.lines.map((l) => (
        <span key={l.line} className={`ctx-line${l.offending ? ' offending' : ''}`} data-testid={l.offending ? 'offending-row' : undefined}>
          <span className="ln">{l.line}</span>
          {l.offending ? mark(l.text, false) : l.text}
        </span>
      ))}
    </pre>
  );
}

/** Import problems as table, row, column, value and rule, with the offending row shown in its file. */
export function ProblemList({ problems, total, sourceOf }: { problems: ImportProblem[]; total: number; sourceOf(table: string): ProblemSource | undefined }) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <div className="problems" data-testid="import-problems">
      <p className="problems-head">
        {formatCount(total)} problem{total === 1 ? '' : 's'}
        {problems.length < total ? `, the first ${formatCount(problems.length)} listed` : ''} · {formatCount(errors)} of those listed {errors === 1 ? 'is an error' : 'are errors'}
      </p>
      <table className="data-table compact">
        <thead>
          <tr>
            <th>Table</th>
            <th className="num">Row</th>
            <th>Column</th>
            <th>Value</th>
            <th>Rule</th>
          </tr>
        </thead>
        <tbody>
          {problems.slice(0, SHOWN).map((p, i) => {
            const src = i < CONTEXT_SHOWN && p.row !== null ? sourceOf(p.table) : undefined;
            return [
              <tr key={`p${i}`} className={p.severity === 'warning' ? 'warning' : 'error'}>
                <td>{p.table}</td>
                <td className="num">{p.row ?? '—'}</td>
                <td>{p.column ?? '—'}</td>
                <td className="value">{p.value === null || p.value === '' ? '∅' : p.value}</td>
                <td>
                  {p.severity === 'warning' ? <span className="badge">warning</span> : null} {p.rule}
                </td>
              </tr>,
              src !== undefined ? (
                <tr key={`c${i}`} className="context-row">
                  <td colSpan={5}>
                    <RowInContext src={src} problem={p} />
                  </td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
      {problems.length > SHOWN ? <p className="muted">…and {formatCount(problems.length - SHOWN)} more listed by the engine.</p> : null}
    </div>
  );
}
