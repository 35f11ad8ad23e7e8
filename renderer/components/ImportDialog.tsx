import { useApp } from '../app-context';
import { formatCount, formatPercent } from '../format';
import { baseOf } from '../import/classify';
import { duplicateTables, tableOf } from '../import/mapping';
import type { FileKind, ImportDialog as Dialog } from '../store/import-slice';
import { useAppStore } from '../store/store';
import { cancelImport, commitImport, refreshPreview } from '../workflows/workspace-flow';
import { Modal } from './Modal';
import { ProblemList, type ProblemSource } from './ProblemList';
import { SourceCard } from './SourceCard';

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${bytes} B`;
}

const PHASES = { read: 'Reading', validate: 'Checking', open: 'Preparing the model' } as const;

/**
 * Review what was dropped or chosen: what each file is, which table each source is read as and
 * how its columns map (the engine's suggestion, changeable), its first rows; then import with
 * progress and Cancel, and see every problem with its row in place.
 */
export function ImportDialog({ dialog }: { dialog: Dialog }) {
  const ctx = useApp();
  const importing = dialog.stage === 'importing';
  const s = useAppStore.getState();
  const setKind = (name: string, kind: FileKind) => {
    s.setFileKind(name, kind);
    void refreshPreview(ctx);
  };
  const tableFiles = dialog.files.filter((f) => f.kind === 'table');
  const duplicates = dialog.preview === null ? [] : duplicateTables(dialog.preview, dialog.tables);
  const p = dialog.progress;
  const previewProblems = dialog.preview === null ? [] : [...dialog.preview.problems, ...dialog.preview.sources.flatMap((x) => x.problems)];
  const sourceOf = (table: string): ProblemSource | undefined => {
    const src = dialog.preview?.sources.find((x) => tableOf(x, dialog.tables) === table || x.source === table);
    const file = src === undefined ? undefined : dialog.files.find((f) => f.name === src.file);
    if (src !== undefined && file !== undefined) return { file, source: src.source };
    // Without a preview, a file named after its table (as the engine reads it).
    const named = dialog.files.find((f) => f.kind === 'table' && baseOf(f.name) === table);
    return named === undefined ? undefined : { file: named, source: named.name };
  };

  return (
    <Modal
      title="Import"
      onClose={() => void cancelImport(ctx)}
      wide
      testId="import-dialog"
      footer={
        <>
          {importing ? (
            <span className="import-progress" role="status" data-testid="import-progress">
              {p === null ? <progress aria-label="Importing" /> : <progress value={p.fraction} max={1} aria-label="Importing" />}
              {p === null ? 'Starting…' : `${PHASES[p.phase]} ${p.step} · ${formatPercent(p.fraction, 0)}`}
            </span>
          ) : (
            <span className="muted small">{tableFiles.length > 0 ? 'The tables replace the open workspace only if every one of them is valid.' : 'Scenario files join the project’s scenarios.'}</span>
          )}
          <button type="button" onClick={() => void cancelImport(ctx)} data-testid="import-cancel">
            Cancel
          </button>
          <button type="button" className="primary" disabled={importing || duplicates.length > 0 || (tableFiles.length > 0 && dialog.preview === null && dialog.previewError === null)} onClick={() => void commitImport(ctx)} data-testid="import-confirm">
            Import
          </button>
        </>
      }
    >
      {dialog.stage === 'failed' ? (
        <div className="import-failure" role="alert">
          <p className="inline-error">{dialog.message}</p>
          {dialog.problems.length > 0 ? <ProblemList problems={dialog.problems} total={dialog.total} sourceOf={sourceOf} /> : null}
        </div>
      ) : dialog.message !== null ? (
        <p className="note" role="status">
          {dialog.message}
        </p>
      ) : null}
      <ul className="file-list" aria-label="Files">
        {dialog.files.map((f) => (
          <li key={f.name}>
            <span className="file-name" title={f.name}>
              {f.name}
            </span>
            <span className="muted small">{sizeText(f.bytes.length)}</span>
            <select aria-label={`${f.name} holds`} value={f.kind} disabled={importing} onChange={(e) => setKind(f.name, e.target.value as FileKind)}>
              <option value="table">tables{f.detected === 'table' ? ' (detected)' : ''}</option>
              <option value="scenario">a scenario{f.detected === 'scenario' ? ' (detected)' : ''}</option>
              <option value="skip">leave out</option>
            </select>
          </li>
        ))}
      </ul>
      {dialog.previewError !== null ? <p className="inline-error">{dialog.previewError}</p> : null}
      {tableFiles.length > 0 && dialog.preview === null && dialog.previewError === null ? <p className="muted">Reading the files…</p> : null}
      {duplicates.length > 0 ? <p className="inline-error">More than one source is read as {duplicates.join(', ')}: leave all but one out.</p> : null}
      {dialog.preview?.sources.map((src) => (
        <SourceCard
          key={src.source}
          source={src}
          table={tableOf(src, dialog.tables)}
          overrides={dialog.overrides}
          disabled={importing}
          onTable={(t) => {
            s.setSourceTable(src.source, t);
            void refreshPreview(ctx);
          }}
          onColumn={(t, c, file) => s.setColumn(t, c, file)}
        />
      ))}
      {previewProblems.length > 0 && dialog.stage !== 'failed' ? (
        <details className="preview-problems" open={previewProblems.some((x) => x.severity === 'error')}>
          <summary>{formatCount(previewProblems.length)} problem{previewProblems.length === 1 ? '' : 's'} seen in the first rows</summary>
          <ProblemList problems={previewProblems} total={previewProblems.length} sourceOf={sourceOf} />
        </details>
      ) : null}
    </Modal>
  );
}
