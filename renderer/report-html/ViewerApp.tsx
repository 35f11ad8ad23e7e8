import { useEffect, useMemo, useState } from 'react';
import { CHART_THEMES } from '../charts/palette';
import { reportCharts, type ReportChart } from '../report/report-charts';
import type { ReportDocument } from '../report/report-doc';
import { ReportBody } from '../report/ReportBody';
import { LiveChart } from './LiveChart';

/** The single-file report: the same document as the app's report view, with live charts. */
export function ViewerApp({ doc }: { doc: ReportDocument }) {
  const [width, setWidth] = useState(() => chartWidth());
  useEffect(() => {
    const resize = () => setWidth(chartWidth());
    window.addEventListener('resize', resize);
    return () => window.removeEventListener('resize', resize);
  }, []);
  const charts = useMemo(() => reportCharts(doc.data, CHART_THEMES.light, width), [doc, width]);
  const renderChart = (c: ReportChart) => <LiveChart option={c.option} height={c.height} label={`${c.title} (${c.unit})`} testId={`report-chart-${c.id}`} />;
  return (
    <>
      <p className="report-readonly" role="note">
        Read-only report saved from Firebreak. It opens offline and fetches nothing.
      </p>
      <ReportBody doc={doc} charts={charts} renderChart={renderChart} networkNote="Drawn from the contagion paths below." />
    </>
  );
}

/** The report's column is at most 700 px wide (its paper width); narrower windows get narrower charts. */
function chartWidth(): number {
  return Math.max(320, Math.min(700, window.innerWidth - 60));
}
