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
 * Charts are created one per animation frame: a dashboard of six appearing at once would
 * otherwise block the page for one long frame (each init and first draw costs 10–30 ms).
 */
const queue: (() => void)[] = [];
let scheduled = false;

function runQueued(): void {
  queue.shift()?.();
  if (queue.length > 0) requestAnimationFrame(runQueued);
  else scheduled = false;
}

function later(work: () => void): () => void {
  let live = true;
  queue.push(() => {
    if (live) work();
  });
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(runQueued);
  }
  return () => {
    live = false;
  };
}

/**
 * The one hook that owns an ECharts instance: init (canvas) soon after mount, setOption on change
 * (replacing, not merging), resize with its box, dispose on unmount. Returns the ref for the box.
 */
export function useEChart(option: ChartOption | null, events: EChartEvents = {}) {
  const ref = useRef<HTMLDivElement | null>(null);
  const chart = useRef<Chart | null>(null);
  const handlers = useRef(events);
  handlers.current = events;
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    let c: Chart | null = null;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => c?.resize());
    });
    const cancel = later(() => {
      const made = echarts.init(el, null, { renderer: 'canvas' });
      c = made;
      chart.current = made;
      made.on('click', (p: unknown) => {
        const item = p as { seriesName?: string; name?: string; dataIndex?: number };
        handlers.current.onClick?.({ seriesName: item.seriesName ?? '', name: item.name ?? '', dataIndex: item.dataIndex ?? -1 });
      });
      made.on('finished', () => handlers.current.onRendered?.());
      if (latest.current !== null) made.setOption(latest.current, { notMerge: true, lazyUpdate: false });
      observer.observe(el);
    });
    return () => {
      cancel();
      cancelAnimationFrame(frame);
      observer.disconnect();
      c?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (c === null) return;
    if (option === null) c.clear();
    else c.setOption(option, { notMerge: true, lazyUpdate: false });
  }, [option]);

  return ref;
}
