import type { StateCreator } from 'zustand';

export interface PresentSlice {
  /** Presentation mode: the app's chrome hidden, the network, timeline, KPIs and storyboard notes in large type. */
  presenting: boolean;
  /** The storyboard note shown (index into the notes ordered by step); null before the first. */
  noteIndex: number | null;
  setPresenting(on: boolean): void;
  setNoteIndex(index: number | null): void;
}

export const createPresentSlice: StateCreator<PresentSlice, [], [], PresentSlice> = (set) => ({
  presenting: false,
  noteIndex: null,
  setPresenting: (presenting) => set({ presenting, noteIndex: null }),
  setNoteIndex: (noteIndex) => set({ noteIndex }),
});
