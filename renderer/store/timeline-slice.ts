import type { StateCreator } from 'zustand';

/** Playback speeds offered by the timeline, in steps per second. */
export const TIMELINE_SPEEDS: readonly number[] = [0.5, 1, 2, 4, 8];

/**
 * The step every step-following view shows (network, KPIs, chart markers), shared by the
 * network tab, the timeline and presentation mode. `step` null means the run's last step, so a
 * new run opens on its outcome; views clamp a stored step to the run they show.
 */
export interface TimelineSlice {
  step: number | null;
  playing: boolean;
  /** Steps per second while playing. */
  speed: number;
  /** Go to a step (null = the last); stops playing when asked to by `stop`. */
  setStep(step: number | null): void;
  /** Moves by `delta` steps within 0..last (a null step counts as `last`); stops playing. */
  stepBy(delta: number, last: number): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: number): void;
  /** Back to the last step, not playing (a new run, a closed project). */
  resetTimeline(): void;
}

export const createTimelineSlice: StateCreator<TimelineSlice, [], [], TimelineSlice> = (set) => ({
  step: null,
  playing: false,
  speed: 2,
  setStep: (step) => set({ step: step === null ? null : Math.max(0, Math.floor(step)) }),
  stepBy: (delta, last) =>
    set((s) => {
      const from = s.step === null ? last : Math.min(s.step, last);
      const to = Math.max(0, Math.min(last, from + delta));
      return { step: to === last ? null : to, playing: false };
    }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed: speed > 0 && Number.isFinite(speed) ? speed : 1 }),
  resetTimeline: () => set({ step: null, playing: false }),
});

/** The step shown for a run of `stepsRun` steps: the stored one clamped, or the last. */
export function shownStep(step: number | null, stepsRun: number): number {
  const last = Math.max(0, stepsRun - 1);
  return step === null ? last : Math.min(Math.max(0, step), last);
}
