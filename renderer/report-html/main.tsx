import { createRoot } from 'react-dom/client';
import { asReportDocument } from '../report/report-doc';
import { DATA_ELEMENT_ID } from './fill-template';
import { ViewerApp } from './ViewerApp';
import './viewer.css';

// The entry of the single-file HTML report (bundled inline by scripts/report-viewer.mjs): it reads
// the report embedded in the page and draws it. No request of any kind: the page's CSP forbids it.

function readDocument(): ReturnType<typeof asReportDocument> {
  const text = document.getElementById(DATA_ELEMENT_ID)?.textContent ?? '';
  try {
    return asReportDocument(JSON.parse(text));
  } catch {
    return null;
  }
}

const root = document.getElementById('root');
if (root !== null) {
  const doc = readDocument();
  if (doc === null) {
    root.textContent = 'This report file is damaged: its data could not be read.';
  } else {
    createRoot(root).render(<ViewerApp doc={doc} />);
  }
}
