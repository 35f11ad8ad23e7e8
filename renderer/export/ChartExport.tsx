import { flushCharts } from '../charts/useEChart';
import { useContext, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AppCtx } from '../app-context';
import { CHART_THEMES } from '../charts/palette';
import { selectResult, selectTheme, selectWorkspace } from '../store/selectors';
import { useAppStore, type AppState } from '../store/store';
import { chartDataUrl, composeChartPng } from './chart-png';
import { ExportMenu } from './ExportMenu';
import { exportName } from './file-names';
import { stampText } from './stamp-text';

const pick = (s: AppState) => ({ result: selectResult(s), workspace: selectWorkspace(s), theme: selectTheme(s) });

/** The export menu of a chart card: the chart as a PNG at 2×, framed with its title, unit and provenance stamp. */
export function ChartExport({ id, title, unit, box, ready }: { id: string; title: string; unit: string; box: RefObject<HTMLDivElement | null>; ready: boolean }) {
  const ctx = useContext(AppCtx);
  const s = useAppStore(useShallow(pick));
  if (ctx === null) return null;
  const savePng = async (): Promise<string | null> => {
    flushCharts();
    const el = box.current;
    const theme = CHART_THEMES[s.theme];
    const url = el === null ? null : chartDataUrl(el, theme.background);
    if (el === null || url === null) return 'The chart is not drawn yet.';
    const now = new Date(ctx.now());
    const bytes = await composeChartPng(url, el.clientWidth, el.clientHeight, { title, unit, stamp: stampText(s.result, s.workspace, now) }, { background: theme.background, text: theme.text, muted: theme.muted, font: theme.font });
    const saved = await ctx.host.saveFile({ suggestedName: exportName(s.result?.summary.scenario ?? null, s.result?.runId ?? null, id, 'png'), bytes, filters: [{ name: 'PNG image', extensions: ['png'] }] });
    if (!saved.ok) return saved.error.message;
    return saved.value.saved ? `Saved${saved.value.path === null ? '' : ` to ${saved.value.path}`}` : null;
  };
  return <ExportMenu label={`Export “${title}”`} testId={`export-${id}`} disabled={!ready} items={[{ id: 'png', label: 'PNG image (2×)', run: savePng }]} />;
}
