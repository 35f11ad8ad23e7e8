import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RunSteps } from '../../engine/view/compare-types';
import { useApp } from '../app-context';
import { NetworkView } from '../network/NetworkView';
import { Timeline } from '../network/Timeline';
import { formatPercent } from '../format';
import { shownStep } from '../store/timeline-slice';
import { useAppStore, type AppState } from '../store/store';
import { PresentFigures } from './PresentFigures';
import { PresentNote } from './PresentNote';
import { moveNote, shownNote } from './storyboard';
import { usePresentKeys } from './use-present-keys';
import './present.css';

const pickPresent = (s: AppState) => ({
  result: s.result,
  doc: s.resultDoc,
  quick: s.resultQuick,
  charts: s.charts,
  step: s.step,
  noteIndex: s.noteIndex,
  overview: s.overview,
});

/**
 * Presentation mode: the app's chrome hidden, large type for a projector; the contagion network
 * and the timeline of the run shown, its key figures as of the step, and the scenario's
 * storyboard notes, stepped through with → / ← (or a clicker's PageDown / PageUp).
 */
export function PresentMode() {
  const ctx = useApp();
  const p = useAppStore(useShallow(pickPresent));
  const [steps, setSteps] = useState<RunSteps | null>(null);
  const notes = useMemo(() => p.doc?.notes ?? [], [p.doc]);
  const stepsRun = p.result?.summary.steps_run ?? 0;
  const step = shownStep(p.step, stepsRun);
  const current = shownNote(notes, p.noteIndex, step);
  const runId = p.result?.runId ?? null;
  const startPrices = useMemo(
    () => (p.overview !== null && p.overview.workspaceHash === p.result?.stamp.workspace_hash ? new Map(p.overview.byAsset.map((a) => [a.id, a.price])) : null),
    [p.overview, p.result],
  );

  useEffect(() => {
    // A storyboard is told from its start: before its first note, at step 0.
    if (notes.length > 0) useAppStore.getState().setStep(0);
    // Only when presentation mode opens (or another run is shown), not on every note.
  }, [runId, notes.length]);

  useEffect(() => {
    if (runId === null) return setSteps(null);
    let live = true;
    void ctx.engine.request('view.runSteps', { runId }).then((res) => {
      if (live) setSteps(res.ok ? res.value : null);
    });
    return () => {
      live = false;
    };
  }, [ctx.engine, runId]);

  const goNote = (by: 1 | -1): boolean => {
    const to = moveNote(notes, current, by);
    if (to === undefined) return false;
    const s = useAppStore.getState();
    s.setNoteIndex(to);
    s.setPlaying(false);
    s.setStep(to === null ? 0 : (notes[to]?.step ?? 0));
    return true;
  };
  usePresentKeys({ notes: notes.length, last: Math.max(0, stepsRun - 1), goNote });

  const leave = () => useAppStore.getState().setPresenting(false);
  const variant = p.quick === null ? null : `quick shock ${p.quick.asset} ${formatPercent(p.quick.change, 0)}`;
  const title = p.result === null ? 'No run to present' : `${p.result.summary.scenario}${variant === null ? '' : ` — ${variant}`}`;

  return (
    <div className="present" role="dialog" aria-modal="true" aria-label="Presentation" data-testid="present-mode" data-step={step}>
      <header className="present-head">
        <div className="present-title">
          <h1 title={title}>{title}</h1>
          {p.result === null ? null : (
            <p className="present-step" data-testid="present-step">
              Step <strong>{step}</strong>
              <span className="muted"> / {Math.max(0, stepsRun - 1)}</span>
            </p>
          )}
        </div>
        <p className="present-keys muted" aria-hidden="true">
          {notes.length > 0 ? '→ / ← notes · ' : '→ / ← steps · '}Space play · Esc leave
        </p>
        <button type="button" className="present-exit" onClick={leave} data-testid="present-exit" title="Leave presentation mode (Esc)">
          Leave
        </button>
      </header>
      {p.result === null ? (
        <p className="present-empty">Run a scenario, then present it: its network, timeline, key figures and storyboard notes appear here.</p>
      ) : (
        <>
          <div className="present-graph">
            <NetworkView variant="present" readOnly className="present-network" />
          </div>
          <aside className="present-side">
            <PresentFigures steps={steps} step={step} charts={p.charts?.runId === runId ? p.charts : null} doc={p.doc} startPrices={startPrices} />
            <PresentNote notes={notes} current={current} description={p.doc?.description ?? ''} variant={variant} onMove={goNote} />
          </aside>
          <footer className="present-timeline">
            <Timeline variant="present" keyboard={false} />
          </footer>
        </>
      )}
    </div>
  );
}
