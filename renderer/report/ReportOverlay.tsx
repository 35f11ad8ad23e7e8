import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useApp } from '../app-context';
import { CHART_THEMES } from '../charts/palette';
import { Icon } from '../components/Icon';
import { trapTab } from '../components/modal-open';
import { exportName } from '../export/file-names';
import { saveHtmlReport } from '../report-html/save-html';
import { chartImage } from './chart-images';
import { reportCharts, type ReportChart } from './report-charts';
import { ReportBody } from './ReportBody';
import { makeReport } from './report-flow';
import { useReportStore } from './report-store';
import './report-overlay.css';

/** Opens the report view of the run shown (the worker assembles the report). */
export async function openReport(ctx: Parameters<typeof makeReport>[0]): Promise<void> {
  const store = useReportStore.getState();
  store.opening();
  const made = await makeReport(ctx);
  if (!useReportStore.getState().open) return;
  if (made.ok) useReportStore.getState().loaded(made.doc);
  else useReportStore.getState().failed(made.message);
}

/**
 * The printable report over the app: a toolbar (PDF, HTML, close) and the report on white paper.
 * Printing (Electron's printToPDF or the browser's print) shows the report alone: the rest of the
 * page is hidden by the print CSS while it is open.
 */
export function ReportOverlay() {
  const ctx = useApp();
  const r = useReportStore();
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const charts = useMemo(() => (r.doc === null ? [] : reportCharts(r.doc.data, CHART_THEMES.light)), [r.doc]);
  const images = useMemo(() => new Map(charts.map((c) => [c.id, chartImage(c.option, c.width, c.height)])), [charts]);

  const layer = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!r.open) return;
    document.body.classList.add('report-open');
    // As a modal dialog: focus moves in (off the button behind that opened it), Tab stays in, Esc closes, focus goes back.
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    layer.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        useReportStore.getState().close();
      } else if (layer.current !== null) trapTab(layer.current, e);
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      document.body.classList.remove('report-open');
      window.removeEventListener('keydown', onKey, true);
      before?.focus();
    };
  }, [r.open]);

  if (!r.open) return null;
  const doc = r.doc;
  const act = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setStatus(null);
    try {
      setStatus(await work());
    } catch (error) {
      console.error('[report]', error);
      setStatus('That did not work.');
    } finally {
      setBusy(false);
    }
  };
  const pdf = () =>
    act(async () => {
      if (doc === null) return null;
      const saved = await ctx.host.printReport({ suggestedName: exportName(doc.data.scenario.name, doc.data.runId, 'report', 'pdf') });
      if (!saved.ok) return saved.error.message;
      return saved.value.saved ? `PDF saved${saved.value.path === null ? '' : ` to ${saved.value.path}`}` : null;
    });
  const html = () =>
    act(async () => {
      if (doc === null) return null;
      const saved = await saveHtmlReport(ctx.host, doc);
      if (!saved.ok) return saved.error.message;
      return saved.value.saved ? `HTML report saved${saved.value.path === null ? '' : ` to ${saved.value.path}`}` : null;
    });
  const renderChart = (c: ReportChart) => <img className="report-chart" src={images.get(c.id)} width={c.width} height={c.height} alt={`${c.title} (${c.unit})`} data-testid={`report-chart-${c.id}`} />;

  return createPortal(
    <div className="report-layer" role="dialog" aria-modal="true" aria-label="Report" tabIndex={-1} ref={layer} data-testid="report-view">
      <div className="report-toolbar">
        <strong>Report</strong>
        <span className="report-toolbar-note">{doc === null ? '' : 'What you see is what prints: A4, the header and the input hashes on every page.'}</span>
        <button type="button" className="primary" disabled={doc === null || busy} onClick={() => void pdf()} data-testid="report-pdf" title="Save as PDF (the browser’s print dialog on the web)">
          <Icon name="report" size={16} /> PDF…
        </button>
        <button type="button" disabled={doc === null || busy} onClick={() => void html()} data-testid="report-html" title="One HTML file with the results inside; opens offline in any browser">
          <Icon name="download" size={16} /> HTML report…
        </button>
        <button type="button" className="icon-button" aria-label="Close the report" title="Close (Esc)" onClick={() => useReportStore.getState().close()} data-testid="report-close">
          <Icon name="close" />
        </button>
        {status === null ? null : (
          <span className="report-status" role="status" data-testid="report-status">
            {status}
          </span>
        )}
      </div>
      <div className="report-paper">
        {r.loading ? <p className="report-wait">Making the report…</p> : null}
        {r.error !== null ? (
          <p className="report-wait" role="alert" data-testid="report-error">
            {r.error}
          </p>
        ) : null}
        {doc === null ? null : (
          <ReportBody doc={doc} charts={charts} renderChart={renderChart} networkNote="Drawn for the report from the contagion paths below (the Network tab shows the whole network and its replay)." />
        )}
      </div>
    </div>,
    document.body,
  );
}
