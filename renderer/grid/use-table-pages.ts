import { tableFromIPC, type Table } from 'apache-arrow';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ColumnFilter, ColumnInfo, TableSort, TableSource } from '../../engine/view/view-types';
import type { EngineClient } from '../engine-client';
import { engineErrorText } from '../error-text';

export const PAGE_ROWS = 200;
const KEEP_PAGES = 24;

interface Page {
  table: Table;
  rows: number[];
}

export interface TablePages {
  columns: ColumnInfo[];
  matched: number;
  total: number;
  error: string | null;
  loading: boolean;
  /** The cell value, or undefined while its page is on its way. */
  cell(row: number, column: number): unknown;
  /** The table row (0-based) shown at this position, or undefined while its page is on its way. */
  record(row: number): number | undefined;
  /** Asks for the pages of rows [from, to] (call after render with the visible range). */
  ensure(from: number, to: number): void;
}

/**
 * Pages of one table, sorted and filtered in the worker (view.query): the grid asks for the rows it
 * shows; only a few pages of 200 rows are kept here, never the table.
 */
export function useTablePages(engine: EngineClient, source: TableSource, sort: TableSort | null, filters: ColumnFilter[]): TablePages {
  const [state, setState] = useState({ columns: [] as ColumnInfo[], matched: 0, total: 0, error: null as string | null, loading: true });
  const [, setVersion] = useState(0);
  const pages = useRef(new Map<number, Page>());
  const inflight = useRef(new Set<number>());
  const generation = useRef(0);
  const key = JSON.stringify([source, sort, filters]);
  const query = useRef({ source, sort, filters });
  query.current = { source, sort, filters };

  const fetchPage = useCallback(
    (index: number) => {
      if (pages.current.has(index) || inflight.current.has(index)) return;
      inflight.current.add(index);
      const gen = generation.current;
      const q = query.current;
      void engine.request('view.query', { source: q.source, sort: q.sort, filters: q.filters, offset: index * PAGE_ROWS, limit: PAGE_ROWS }).then((res) => {
        if (gen !== generation.current) return;
        inflight.current.delete(index);
        if (!res.ok) {
          setState((s) => ({ ...s, error: engineErrorText(res.error), loading: false }));
          return;
        }
        pages.current.set(index, { table: tableFromIPC(res.value.ipc), rows: res.value.rows });
        if (pages.current.size > KEEP_PAGES) {
          // Drop the pages farthest from the one just read: the reader is around it.
          const far = [...pages.current.keys()].sort((a, b) => Math.abs(b - index) - Math.abs(a - index));
          for (const k of far.slice(0, pages.current.size - KEEP_PAGES)) pages.current.delete(k);
        }
        setState({ columns: res.value.columns, matched: res.value.matched, total: res.value.totalRows, error: null, loading: false });
        setVersion((v) => v + 1);
      });
    },
    [engine],
  );

  useEffect(() => {
    generation.current += 1;
    pages.current.clear();
    inflight.current.clear();
    setState((s) => ({ ...s, loading: true, error: null }));
    fetchPage(0);
  }, [key, fetchPage]);

  const cell = (row: number, column: number): unknown => {
    const index = Math.floor(row / PAGE_ROWS);
    return pages.current.get(index)?.table.getChildAt(column)?.get(row - index * PAGE_ROWS);
  };
  const record = (row: number): number | undefined => {
    const index = Math.floor(row / PAGE_ROWS);
    return pages.current.get(index)?.rows[row - index * PAGE_ROWS];
  };
  const ensure = useCallback(
    (from: number, to: number) => {
      for (let p = Math.floor(Math.max(0, from) / PAGE_ROWS); p <= Math.floor(Math.max(0, to) / PAGE_ROWS); p++) fetchPage(p);
    },
    [fetchPage],
  );

  return { ...state, cell, record, ensure };
}
