import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../components/Icon';
import { useAppStore, type AppState } from '../store/store';
import { defaultedNodes } from '../store/selectors';
import { shownStep, TIMELINE_SPEEDS } from '../store/timeline-slice';
import './network.css';
import { modalOpen } from '../components/modal-open';

/**
 * Props of the step scrubber.
 * - `variant`: `'full'` (slider, play/pause, speed, the step's defaults), `'compact'` (the same on
 *   one slim row, over the Results dashboard) or `'present'` (larger, for presentation mode).
 *   Default `'full'`.
 * - `keyboard`: listen for ←/→ (step), Space (play/pause), Home/End on the window while mounted.
 *   Default true; pass false when another component owns those keys.
 * Reads and writes the timeline slice (step, playing, speed) of the app store.
 */
export interface TimelineProps {
  variant?: 'full' | 'compact' | 'present';
  keyboard?: boolean;
}

const pick = (s: AppState) => ({
  step: s.step,
  playing: s.playing,
  speed: s.speed,
  stepsRun: s.result?.summary.steps_run ?? 0,
  summary: s.result?.summary ?? null,
});

/** Keys that belong to where the focus is: a field being typed in, or a tab list (its arrows move between tabs). */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="tablist"]') !== null);
}

/** The timeline of the shown run: every step-following view shows the step chosen here. */
export function Timeline({ variant = 'full', keyboard = true }: TimelineProps) {
  const t = useAppStore(useShallow(pick));
  const s = useAppStore.getState();
  const last = Math.max(0, t.stepsRun - 1);
  const step = shownStep(t.step, t.stepsRun);

  useEffect(() => {
    if (!t.playing) return;
    const id = window.setInterval(() => {
      const st = useAppStore.getState();
      const at = shownStep(st.step, t.stepsRun);
      if (at >= last) st.setPlaying(false);
      else st.setStep(at + 1 === last ? null : at + 1);
    }, 1000 / t.speed);
    return () => window.clearInterval(id);
  }, [t.playing, t.speed, t.stepsRun, last]);

  useEffect(() => {
    if (!keyboard) return;
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.altKey || e.ctrlKey || e.metaKey || modalOpen()) return;
      const st = useAppStore.getState();
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        e.preventDefault();
        st.stepBy(e.key === 'ArrowLeft' ? -1 : 1, last);
      } else if (e.key === 'Home') {
        e.preventDefault();
        st.setStep(0);
      } else if (e.key === 'End') {
        e.preventDefault();
        st.resetTimeline();
      } else if (e.key === ' ' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        togglePlay(last);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keyboard, last]);

  const defaultsNow = t.summary === null ? [] : defaultedNodes(t.summary).filter((n) => n.default_step === step).map((n) => n.id);
  if (t.stepsRun === 0) {
    return (
      <div className={`timeline timeline-${variant} muted`} data-testid="timeline">
        Run a scenario to replay it step by step.
      </div>
    );
  }
  return (
    <div className={`timeline timeline-${variant}`} data-testid="timeline" role="group" aria-label="Timeline">
      <button type="button" className="icon-button" aria-label={t.playing ? 'Pause' : 'Play'} title="Play / pause (Space)" onClick={() => togglePlay(last)} data-testid="timeline-play">
        <Icon name={t.playing ? 'stop' : 'play'} size={variant === 'present' ? 22 : 16} />
      </button>
      <button type="button" className="icon-button" aria-label="Previous step" title="Previous step (←)" disabled={step === 0} onClick={() => s.stepBy(-1, last)}>
        ‹
      </button>
      <input
        type="range"
        min={0}
        max={last}
        step={1}
        value={step}
        aria-label="Step"
        aria-valuetext={`step ${step} of ${last}`}
        onChange={(e) => s.setStep(Number(e.target.value) === last ? null : Number(e.target.value))}
        data-testid="timeline-slider"
      />
      <button type="button" className="icon-button" aria-label="Next step" title="Next step (→)" disabled={step === last} onClick={() => s.stepBy(1, last)}>
        ›
      </button>
      <output className="timeline-step" data-testid="timeline-step">
        step <b>{step}</b> / {last}
      </output>
      <label className="timeline-speed">
        <span className="muted">speed</span>
        <select value={t.speed} onChange={(e) => s.setSpeed(Number(e.target.value))} aria-label="Playback speed">
          {TIMELINE_SPEEDS.map((x) => (
            <option key={x} value={x}>
              {x} step/s
            </option>
          ))}
        </select>
      </label>
      {variant !== 'present' ? (
        <span className="timeline-note" data-testid="timeline-defaults">
          {defaultsNow.length === 0 ? <span className="muted">no default at this step</span> : <>defaulted at this step: <b>{defaultsNow.slice(0, 4).join(', ')}</b>{defaultsNow.length > 4 ? ` and ${defaultsNow.length - 4} more` : ''}</>}
        </span>
      ) : null}
    </div>
  );
}

function togglePlay(last: number): void {
  const st = useAppStore.getState();
  if (st.playing) return st.setPlaying(false);
  // From the end, play starts again at the beginning.
  if (st.step === null || st.step >= last) st.setStep(0);
  st.setPlaying(true);
}
