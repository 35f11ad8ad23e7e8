import { useEffect, useRef } from 'react';
import type { ChartOption } from '../charts/chart-option';
import { echarts } from '../charts/echarts';

type Chart = ReturnType<typeof echarts.init>;

export interface NetworkChartEvents {
  /** A vertex was clicked (its id; group ids start with `group:`). */
  onNode?(id: string): void;
  /** A click on the empty canvas. */
  onBlank?(): void;
  /** A vertex was dragged and let go at (x, y) in layout units. */
  onDrop?(id: string, x: number, y: number): void;
  /** A vertex was double-clicked (to unpin it). */
  onNodeDouble?(id: string): void;
}

interface ItemEvent {
  dataType?: string;
  data?: { id?: string };
  event?: { offsetX?: number; offsetY?: number };
}

/**
 * The network's ECharts instance: like useEChart, but keeps the user's zoom and pan across
 * updates of the same drawing (`keepView` changes when the drawing is of another kind), and
 * reports drags so that positions can be pinned.
 */
export function useNetworkChart(option: ChartOption | null, keepView: string, events: NetworkChartEvents) {
  const ref = useRef<HTMLDivElement | null>(null);
  const chart = useRef<Chart | null>(null);
  const handlers = useRef(events);
  handlers.current = events;
  const view = useRef(keepView);

  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const c = echarts.init(el, null, { renderer: 'canvas' });
    chart.current = c;
    let down: string | null = null;
    c.on('click', (p: unknown) => {
      const item = p as ItemEvent;
      if (item.dataType === 'node' && item.data?.id !== undefined) handlers.current.onNode?.(item.data.id);
    });
    c.on('dblclick', (p: unknown) => {
      const item = p as ItemEvent;
      if (item.dataType === 'node' && item.data?.id !== undefined) handlers.current.onNodeDouble?.(item.data.id);
    });
    c.on('mousedown', (p: unknown) => {
      const item = p as ItemEvent;
      down = item.dataType === 'node' ? (item.data?.id ?? null) : null;
    });
    c.on('mouseup', (p: unknown) => {
      const item = p as ItemEvent;
      const id = down;
      down = null;
      const ex = item.event?.offsetX;
      const ey = item.event?.offsetY;
      if (id === null || ex === undefined || ey === undefined) return;
      const at = c.convertFromPixel({ seriesIndex: 0 }, [ex, ey]) as number[] | undefined;
      if (at && Number.isFinite(at[0]) && Number.isFinite(at[1])) handlers.current.onDrop?.(id, at[0] as number, at[1] as number);
    });
    c.getZr().on('click', (e: { target?: unknown }) => {
      if (e.target === undefined || e.target === null) handlers.current.onBlank?.();
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (c === null) return;
    if (option === null) {
      c.clear();
      return;
    }
    const same = view.current === keepView;
    view.current = keepView;
    let next = option;
    if (same) {
      const prev = (c.getOption() as { series?: { zoom?: number; center?: unknown }[] } | undefined)?.series?.[0];
      const first = Array.isArray(option.series) ? option.series[0] : undefined;
      if (prev && first && (first as { type?: string }).type === 'graph' && prev.zoom !== undefined) {
        next = { ...option, series: [{ ...first, zoom: prev.zoom, center: prev.center } as typeof first, ...(option.series as unknown[]).slice(1)] } as ChartOption;
      }
    }
    c.setOption(next, { notMerge: true, lazyUpdate: false });
  }, [option, keepView]);

  return { ref, chart };
}
