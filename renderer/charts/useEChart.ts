import { useEffect, useRef } from 'react';
import type { ChartOption } from './chart-option';
import { echarts } from './echarts';

type Chart = ReturnType<typeof echarts.init>;

export interface EChartEvents {
  /** Clicked a data item: the series name and the item's name (category or data name). */
  onClick?(item: { seriesName: string; name: string; dataIndex: number }): void;
  /** Drawn (after the option was set and any animation ended). */
  onRendered?(): void;
}

/*
 * Charts are created, and redrawn out of view, one per idle slot after a frame: a dashboard of
 * six appearing at once would otherwise block the page for one long frame (each init and first
 * draw costs 10–30 ms), and the charts in view are drawn first.
 */
const queue: (() => void)[] = [];
let scheduled = false;

const nextSlot = (work: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 250 });
  else requestAnimationFrame(work);
};

function runQueued(): void {
  queue.shift()?.();
  if (queue.length > 0) nextSlot(runQueued);
  else scheduled = false;
}

/** Runs every queued chart update now (before a chart is read, e.g. exported). */
export function flushCharts(): void {
  while (queue.length > 0) queue.shift()?.();
}

function later(work: () => void): () => void {
  let live = true;
  queue.push(() => {
    if (live) work();
  });
  if (!scheduled) {
    scheduled = true;
    nextSlot(runQueued);
  }
  return () => {
    live = false;
  };
}

/**
 * The one hook that owns an ECharts instance: init (canvas) soon after mount, setOption on change
 * (replacing, not merging), resize with its box, dispose on unmount. Returns the ref for the box.
 * A chart scrolled out of view takes a new option later, in an idle slot after the frame, or as
 * soon as it comes into view: the slider's re-runs redraw what is seen first.
 */
export function useEChart(option: ChartOption | null, events: EChartEvents = {}) {
  const ref = useRef<HTMLDivElement | null>(null);
  const chart = useRef<Chart | null>(null);
  const handlers = useRef(events);
  handlers.current = events;
  const latest = useRef(option);
  latest.current = option;
  /** The option the chart shows (undefined: none set yet). */
  const shown = useRef<ChartOption | null | undefined>(undefined);
  const visible = useRef(true);
  const deferred = useRef<(() => void) | null>(null);

  const sync = () => {
    deferred.current?.();
    deferred.current = null;
    const c = chart.current;
    const next = latest.current;
    if (c === null || shown.current === next) return;
    shown.current = next;
    if (next === null) c.clear();
    else c.setOption(next, { notMerge: true, lazyUpdate: false });
  };
  const syncRef = useRef(sync);
  syncRef.current = sync;

  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    let c: Chart | null = null;
    let frame = 0;
    let cancel = (): void => undefined;
    // A box without a size (hidden: another tab, or the app under the printed report) gets its
    // chart once it has one: ECharts cannot lay out in a box of zero width or height.
    const make = () => {
      if (c !== null || el.clientWidth === 0 || el.clientHeight === 0) return;
      const made = echarts.init(el, null, { renderer: 'canvas' });
      c = made;
      chart.current = made;
      made.on('click', (p: unknown) => {
        const item = p as { seriesName?: string; name?: string; dataIndex?: number };
        handlers.current.onClick?.({ seriesName: item.seriesName ?? '', name: item.name ?? '', dataIndex: item.dataIndex ?? -1 });
      });
      made.on('finished', () => handlers.current.onRendered?.());
      syncRef.current();
      seen.observe(el);
    };
    let queued = false;
    const queue = () => {
      queued = true;
      cancel = later(() => {
        queued = false;
        make();
      });
    };
    const observer = new ResizeObserver(() => {
      if (c === null) {
        if (!queued) queue();
        return;
      }
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => c?.resize());
    });
    const seen = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry === undefined) return;
      visible.current = entry.isIntersecting;
      if (visible.current) syncRef.current();
    });
    queue();
    observer.observe(el);
    return () => {
      cancel();
      deferred.current?.();
      deferred.current = null;
      cancelAnimationFrame(frame);
      observer.disconnect();
      seen.disconnect();
      c?.dispose();
      chart.current = null;
      shown.current = undefined;
    };
  }, []);

  useEffect(() => {
    if (chart.current === null) return;
    // Cleared at once even out of view: a chart never shows another run's picture under its placeholder.
    if (visible.current || option === null) return syncRef.current();
    if (deferred.current === null) deferred.current = later(() => {
      deferred.current = null;
      syncRef.current();
    });
  }, [option]);

  return ref;
}
