import { Modal } from '../components/Modal';
import { useHelpStore } from './help-store';
import type { Provenance } from './sources';
import './bundled.css';

/** A number as people read it (35,867; 100,000,000,000); anything else as it is. */
function valueText(v: string): string {
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: 6 }) : v;
}

/** Where every number of a library episode comes from: the documents, dates, and what the model leaves out. */
export function SourcesDialog({ provenance }: { provenance: Provenance }) {
  const close = () => useHelpStore.getState().setSourcesOpen(false);
  const docs = new Map(provenance.documents.map((d) => [d.key, d]));
  return (
    <Modal title={`Sources: ${provenance.title}`} onClose={close} wide testId="sources-dialog">
      <p className="approx-label">
        <strong>{provenance.label || 'approximate, from public reports'}</strong> · {provenance.period}
        {provenance.stepUnit === '' ? null : <span className="muted"> · a step is {provenance.stepUnit}</span>}
      </p>
      <h3>Timeline</h3>
      <table className="data-table compact" aria-label="Timeline of the episode">
        <thead>
          <tr>
            <th className="num">step</th>
            <th>date</th>
            <th>what happened</th>
          </tr>
        </thead>
        <tbody>
          {provenance.timeline.map((t) => (
            <tr key={`${t.step}-${t.date}`}>
              <td className="num">{t.step}</td>
              <td className="nowrap">{t.date}</td>
              <td>{t.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Every number and its source</h3>
      <table className="data-table compact sourced-values" aria-label="Sourced values">
        <thead>
          <tr>
            <th>where</th>
            <th className="num">value</th>
            <th>basis</th>
            <th>source</th>
            <th>note</th>
          </tr>
        </thead>
        <tbody>
          {provenance.values.map((v, i) => (
            <tr key={i}>
              <td className="nowrap">
                {v.file.replace(/^workspace\//, '').replace(/\.csv$/, '')} · {v.row} · <code>{v.column}</code>
              </td>
              <td className="num nowrap">{valueText(v.value)}</td>
              <td>
                <span className={`badge ${v.basis === 'reported' ? 'matched' : 'guessed'}`}>{v.basis}</span>
              </td>
              <td className="small">
                {v.sources.map((k) => {
                  const d = docs.get(k);
                  return (
                    <span key={k} className="source-ref" title={d?.url}>
                      {d === undefined ? k : `${d.outlet}, ${d.date}`}
                    </span>
                  );
                })}
              </td>
              <td className="small">{v.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>What the model does not capture here</h3>
      <ul className="limits">
        {provenance.limits.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      <h3>Documents</h3>
      <ul className="documents">
        {provenance.documents.map((d) => (
          <li key={d.key}>
            {d.outlet}, “{d.title}”, {d.date}. <code className="url">{d.url}</code>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
