import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { echarts } from '../report/echarts-report';

/** A live chart (tooltips, legend toggles) at a fixed height, resized with the page. */
export function LiveChart({ option, height, label, testId }: { option: EChartsCoreOption; height: number; label: string; testId: string }) {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(option, { notMerge: true, lazyUpdate: false });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} className="report-live-chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
