import { tableFromIPC } from 'apache-arrow';
import { useMemo } from 'react';
import type { SourcePreview } from '../../engine/workspace/preview';
import type { TableName } from '../../engine/workspace/schema';
import { SCHEMA, TABLE_NAMES } from '../engine-client';
import { formatCount } from '../format';
import { sourceMapping } from '../import/mapping';
import type { MappingOverrides } from '../store/import-slice';

const SAMPLE_ROWS = 5;

const FROM: Record<NonNullable<SourcePreview['tableFrom']>, string> = {
  option: 'as you chose',
  name: 'by its name',
  columns: 'by its columns',
};

interface Props {
  source: SourcePreview;
  table: TableName | null;
  overrides: MappingOverrides;
  disabled: boolean;
  onTable(table: TableName | null): void;
  onColumn(table: TableName, column: string, file: string | null): void;
}

/** One source of an import: the table it is read as, how its columns map (changeable), and its first rows. */
export function SourceCard({ source, table, overrides, disabled, onTable, onColumn }: Props) {
  const mapping = sourceMapping(source, overrides);
  const suggestion = source.suggestion !== null && source.suggestion.table === table ? source.suggestion : null;
  const sample = useMemo(() => {
    try {
      return tableFromIPC(source.sample);
    } catch {
      return null;
    }
  }, [source.sample]);
  const mappedFrom = new Map(Object.entries(mapping).map(([model, file]) => [file, model]));
  const userSet = table === null ? {} : (overrides[table] ?? {});
  const missingRequired = suggestion?.columns.filter((c) => c.required && mapping[c.column] === undefined) ?? [];
  const guessed = suggestion?.columns.filter((c) => c.status === 'guessed' && !(c.column in userSet)).length ?? 0;
  const matched = suggestion?.columns.filter((c) => mapping[c.column] !== undefined).length ?? 0;
  // Open when something needs a look: a guess, a gap, a table chosen by content or not at all.
  const attention = table === null || missingRequired.length > 0 || guessed > 0 || source.tableFrom === 'columns' || source.problems.length > 0;
  const verdict =
    table === null
      ? 'left out'
      : suggestion === null
        ? ''
        : missingRequired.length > 0
          ? `${missingRequired.length} required column${missingRequired.length === 1 ? '' : 's'} missing`
          : `${matched} of ${suggestion.columns.length} columns read${guessed > 0 ? `, ${guessed} guessed: check` : ''}`;

  return (
    <details className="source-card" aria-label={`Source ${source.source}`} data-testid={`source-${source.source}`} open={attention}>
      <summary className="source-head">
        <h3>{source.source}</h3>
        <span className="muted small">
          {source.format.toUpperCase()}
          {source.totalRows === null ? '' : ` · ${formatCount(source.totalRows)} rows`} · {table === null ? 'left out' : `read as ${table}`}
        </span>
        <span className={`source-verdict small${missingRequired.length > 0 ? ' bad' : guessed > 0 ? ' check' : ''}`}>{verdict}</span>
      </summary>
      <label className="source-table">
        Read as{' '}
        <select aria-label={`${source.source} is read as`} value={table ?? ''} disabled={disabled} onChange={(e) => onTable(e.target.value === '' ? null : (e.target.value as TableName))}>
          <option value="">left out</option>
          {TABLE_NAMES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>{' '}
        <span className="muted small">{table === source.table && source.tableFrom !== null ? FROM[source.tableFrom] : table === null ? '' : FROM.option}</span>
      </label>
      {table !== null && suggestion === null ? <p className="muted small">Working out the columns for {table}…</p> : null}
      {suggestion !== null && table !== null ? (
        <table className="data-table compact mapping" aria-label={`Columns of ${source.source}`}>
          <thead>
            <tr>
              <th>Column of {table}</th>
              <th>Unit</th>
              <th>Read from the file’s column</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {suggestion.columns.map((c) => {
              const chosen = mapping[c.column] ?? '';
              const mine = c.column in userSet;
              const status = chosen === '' ? (c.required ? 'missing' : 'default') : mine ? 'yours' : c.status;
              return (
                <tr key={c.column} className={status === 'missing' && c.required ? 'missing' : undefined}>
                  <td>
                    <code>{c.column}</code>
                    {c.required ? <span className="required" title="required"> *</span> : null}
                  </td>
                  <td className="muted small">{SCHEMA[table].columns.find((x) => x.name === c.column)?.unit ?? ''}</td>
                  <td>
                    <select aria-label={`${table}.${c.column} from`} value={chosen} disabled={disabled} onChange={(e) => onColumn(table, c.column, e.target.value === '' ? null : e.target.value)}>
                      <option value="">{c.required ? '— none (required) —' : '— none (default) —'}</option>
                      {source.headers.map((h) => (
                        <option key={h} value={h}>
                          {h}
                        </option>
                      ))}
                    </select>{' '}
                    <span className={`badge ${status}`}>{status}</span>
                  </td>
                  <td className="muted small">{mine ? 'set by you' : c.reason}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {missingRequired.length > 0 ? (
        <p className="inline-error small">
          Required and not found: {missingRequired.map((c) => c.column).join(', ')}. Choose the file’s column for each, or the import will list them as problems.
        </p>
      ) : null}
      {suggestion !== null && suggestion.unused.length > 0 ? <p className="muted small">Not used (kept as extra columns): {suggestion.unused.join(', ')}</p> : null}
      {sample !== null && sample.numRows > 0 ? (
        <div className="sample-wrap">
          <table className="data-table compact sample" aria-label={`First rows of ${source.source}`}>
            <thead>
              <tr>
                <th className="num">row</th>
                {source.headers.map((h) => (
                  <th key={h}>
                    {h}
                    <span className="th-unit">{mappedFrom.has(h) ? `→ ${mappedFrom.get(h)}` : 'unused'}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: Math.min(SAMPLE_ROWS, sample.numRows) }, (_, r) => (
                <tr key={r}>
                  <td className="num muted">{String(sample.getChild('_row')?.get(r) ?? '')}</td>
                  {source.headers.map((h, j) => {
                    const v: unknown = sample.getChildAt(j)?.get(r);
                    return <td key={h}>{v === null || v === undefined ? <span className="muted">∅</span> : String(v)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
}
