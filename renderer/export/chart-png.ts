import { echarts } from '../charts/echarts';

/** The pixel ratio of exported charts: sharp on paper and on high-density screens. */
export const EXPORT_PIXEL_RATIO = 2;

export interface ChartPngText {
  title: string;
  unit: string;
  stamp: string;
}

export interface ChartPngStyle {
  background: string;
  text: string;
  muted: string;
  font: string;
}

const HEAD = 54;
const FOOT = 26;
const PAD = 16;

/** The drawn chart inside `box` (the element useEChart owns) as a PNG data URL at 2×, or null when there is none. */
export function chartDataUrl(box: HTMLElement, background: string): string | null {
  const chart = echarts.getInstanceByDom(box);
  if (chart === undefined || chart.isDisposed()) return null;
  return chart.getDataURL({ type: 'png', pixelRatio: EXPORT_PIXEL_RATIO, backgroundColor: background });
}

/** Fits `text` into `width` pixels, cutting it with an ellipsis. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

/**
 * A chart image framed for a slide or a report: its title and unit above, the provenance stamp
 * below, on the chart's background, at 2× the chart's size on screen.
 */
export async function composeChartPng(chartUrl: string, cssWidth: number, cssHeight: number, text: ChartPngText, style: ChartPngStyle): Promise<Uint8Array> {
  const image = new Image();
  image.src = chartUrl;
  await image.decode();
  const r = EXPORT_PIXEL_RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(cssWidth * r);
  canvas.height = Math.round((cssHeight + HEAD + FOOT) * r);
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('no 2D canvas');
  ctx.scale(r, r);
  ctx.fillStyle = style.background;
  ctx.fillRect(0, 0, cssWidth, cssHeight + HEAD + FOOT);
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = style.text;
  ctx.font = `600 16px ${style.font}`;
  ctx.fillText(fit(ctx, text.title, cssWidth - 2 * PAD), PAD, 24);
  ctx.fillStyle = style.muted;
  ctx.font = `12px ${style.font}`;
  ctx.fillText(fit(ctx, text.unit, cssWidth - 2 * PAD), PAD, 44);
  ctx.drawImage(image, 0, HEAD, cssWidth, cssHeight);
  ctx.font = `10px ${style.font}`;
  ctx.fillText(fit(ctx, text.stamp, cssWidth - 2 * PAD), PAD, HEAD + cssHeight + 17);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob === null) throw new Error('the canvas could not be encoded');
  return new Uint8Array(await blob.arrayBuffer());
}
