import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ColumnFilter, ColumnInfo, TableSort, TableSource } from '../../engine/view/view-types';
import { useApp } from '../app-context';
import { formatCount } from '../format';
import { parseFilter } from '../grid/filter-text';
import { useTablePages } from '../grid/use-table-pages';
import { Icon } from './Icon';

const ROW_HEIGHT = 28;
/** Browsers cap an element's height near 33.5M px: past this many rows, ask for a filter. */
const MAX_ROWS = 1_100_000;
const cellNumber = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 10 });

function widthOf(c: ColumnInfo): number {
  return c.kind === 'bool' ? 90 : c.kind === 'number' ? 140 : 160;
}

function show(value: unknown, c: ColumnInfo): string {
  if (value === undefined) return '';
  if (value === null) return '—';
  if (c.kind === 'bool') return value === true ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isNaN(value) ? '—' : cellNumber.format(value);
  return String(value);
}

/**
 * A virtualized grid over one table in the worker: only the visible rows exist in the page and
 * only their pages are fetched. Sorting (click a header) and filtering (the boxes under the
 * headers) run in the worker; units are shown under each column name.
 */
export function DataGrid({ source, label, onQuery }: { source: TableSource; label: string; /** Told the sort and filters in force whenever they change (an export takes the same rows). */ onQuery?(query: { sort: TableSort | null; filters: ColumnFilter[] }): void }) {
  const { engine } = useApp();
  const [sort, setSort] = useState<TableSort | null>(null);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [filters, setFilters] = useState<ColumnFilter[]>([]);
  const [bad, setBad] = useState<Set<string>>(new Set());
  const data = useTablePages(engine, source, sort, filters);
  const told = useRef(onQuery);
  told.current = onQuery;
  useEffect(() => told.current?.({ sort, filters }), [sort, filters]);
  const scroller = useRef<HTMLDivElement | null>(null);
  const count = Math.min(data.matched, MAX_ROWS);
  // No flushSync on scroll: React batches the row updates, so a fast scroll never blocks a frame.
  const virtual = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 6, useFlushSync: false });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = data;

  useEffect(() => ensure(first, last), [ensure, first, last, data.matched]);

  useEffect(() => {
    setSort(null);
    setTexts({});
    setFilters([]);
    setBad(new Set());
    scroller.current?.scrollTo({ top: 0 });
  }, [source.kind, source.table, source.kind === 'results' ? source.runId : '']);

  useEffect(() => {
    const timer = setTimeout(() => {
      const next: ColumnFilter[] = [];
      const wrong = new Set<string>();
      for (const c of data.columns) {
        const parsed = parseFilter(texts[c.name] ?? '', c);
        if (parsed === null) wrong.add(c.name);
        else next.push(...parsed);
      }
      setBad(wrong);
      setFilters((old) => (JSON.stringify(old) === JSON.stringify(next) ? old : next));
    }, 250);
    return () => clearTimeout(timer);
  }, [texts, data.columns]);

  const template = useMemo(() => `72px ${data.columns.map((c) => `${widthOf(c)}px`).join(' ')}`, [data.columns]);
  const totalWidth = 72 + data.columns.reduce((s, c) => s + widthOf(c), 0);
  const cycleSort = (column: string) =>
    setSort((s) => (s === null || s.column !== column ? { column, desc: false } : s.desc ? null : { column, desc: true }));

  return (
    <div className="grid-wrap" data-testid="data-grid">
      <p className="grid-status muted" aria-live="polite">
        {data.error !== null
          ? data.error
          : `${formatCount(data.matched)} of ${formatCount(data.total)} rows${filters.length > 0 ? ' match the filters' : ''}${sort ? ` · sorted by ${sort.column} ${sort.desc ? '↓' : '↑'}` : ''}${data.matched > MAX_ROWS ? ` · the first ${formatCount(MAX_ROWS)} shown: filter to narrow` : ''}`}
      </p>
      <div className="grid-scroll" ref={scroller} role="grid" aria-label={label} aria-rowcount={data.matched + 2} aria-colcount={data.columns.length + 1}>
        <div className="grid-head" style={{ gridTemplateColumns: template, width: totalWidth }} role="row">
          <div className="grid-th num" role="columnheader">
            <span className="th-name">#</span>
            <span className="th-unit">record</span>
          </div>
          {data.columns.map((c) => (
            <button
              type="button"
              key={c.name}
              className={`grid-th${c.kind === 'number' ? ' num' : ''}`}
              role="columnheader"
              aria-sort={sort?.column === c.name ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              title={`Sort by ${c.name}`}
              onClick={() => cycleSort(c.name)}
            >
              <span className="th-name">
                {c.name}
                {sort?.column === c.name ? <Icon name={sort.desc ? 'sortDown' : 'sortUp'} size={12} /> : null}
              </span>
              <span className="th-unit">{c.unit || '\u00a0'}</span>
            </button>
          ))}
        </div>
        <div className="grid-filters" style={{ gridTemplateColumns: template, width: totalWidth }} role="row">
          <div className="grid-filter-label muted">filter</div>
          {data.columns.map((c) => (
            <input
              key={c.name}
              className={`grid-filter${bad.has(c.name) ? ' invalid' : ''}`}
              aria-label={`Filter ${c.name}`}
              aria-invalid={bad.has(c.name)}
              placeholder={c.kind === 'number' ? '>0, 1..5' : c.kind === 'bool' ? 'yes/no' : 'contains'}
              value={texts[c.name] ?? ''}
              onChange={(e) => setTexts((t) => ({ ...t, [c.name]: e.target.value }))}
            />
          ))}
        </div>
        <div className="grid-body" style={{ height: virtual.getTotalSize(), width: totalWidth }}>
          {items.map((item) => (
            <div
              key={item.key}
              className={`grid-row${item.index % 2 ? ' odd' : ''}`}
              role="row"
              aria-rowindex={item.index + 3}
              style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: template, height: ROW_HEIGHT }}
            >
              <div className="grid-td num muted" role="gridcell">
                {(() => {
                  const r = data.record(item.index);
                  return r === undefined ? '' : formatCount(r + 1);
                })()}
              </div>
              {data.columns.map((c, ci) => {
                const text = show(data.cell(item.index, ci), c);
                return (
                  <div key={c.name} className={`grid-td${c.kind === 'number' ? ' num' : ''}`} role="gridcell" title={text}>
                    {text}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
