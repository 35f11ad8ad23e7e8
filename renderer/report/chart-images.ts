import type { EChartsCoreOption } from 'echarts/core';
import { echarts } from './echarts-report';

/**
 * A chart drawn off screen at its page size and returned as a PNG data URL at 2× (printing a
 * live canvas is at the mercy of the print engine's scaling; an image prints as drawn).
 */
export function chartImage(option: EChartsCoreOption, width: number, height: number, background = '#ffffff'): string {
  const box = document.createElement('div');
  const chart = echarts.init(box, null, { renderer: 'canvas', width, height });
  try {
    chart.setOption(option, { notMerge: true, lazyUpdate: false });
    return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background });
  } finally {
    chart.dispose();
  }
}
