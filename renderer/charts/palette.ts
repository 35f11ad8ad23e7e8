import type { Theme } from '../store/ui-slice';

/**
 * Okabe & Ito's colour-blind-safe set, in an order that keeps neighbours distinct for the
 * common deficiencies; black becomes light grey on the dark theme. "Other" series are grey.
 */
const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#F0E442'];

export interface ChartTheme {
  mode: Theme;
  text: string;
  muted: string;
  axis: string;
  grid: string;
  background: string;
  tooltip: string;
  palette: string[];
  other: string;
  /** Loss / danger marks (vermillion, distinct from the blue of healthy series). */
  danger: string;
  font: string;
  fontSize: number;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', 'DejaVu Sans', sans-serif";

export const CHART_THEMES: Readonly<Record<Theme, ChartTheme>> = {
  light: {
    mode: 'light',
    text: '#1b2430',
    muted: '#5b6775',
    axis: '#8a96a3',
    grid: '#e3e8ee',
    background: '#ffffff',
    tooltip: '#ffffff',
    palette: [...OKABE_ITO, '#000000'],
    other: '#9a9a9a',
    danger: '#D55E00',
    font: FONT,
    fontSize: 12,
  },
  dark: {
    mode: 'dark',
    text: '#e6edf3',
    muted: '#9aa7b4',
    axis: '#5d6b7a',
    grid: '#26313d',
    background: '#161d25',
    tooltip: '#1f2832',
    palette: ['#3d9be0', ...OKABE_ITO.slice(1), '#d0d0d0'],
    other: '#7d7d7d',
    danger: '#ef7a35',
    font: FONT,
    fontSize: 12,
  },
};

/** The colour of series `i` named `name`; "other …" series are grey. */
export function seriesColor(theme: ChartTheme, i: number, name: string): string {
  return name.startsWith('other') ? theme.other : (theme.palette[i % theme.palette.length] as string);
}
