import { create } from 'zustand';
import type { Provenance } from './sources';

interface HelpState {
  /** The guide page shown, or null when the guide is closed. */
  guidePage: string | null;
  /** Provenance of the open workspace when it came from the library. */
  provenance: Provenance | null;
  /** The hash of the workspace the provenance belongs to: another workspace hides it. */
  provenanceHash: string | null;
  sourcesOpen: boolean;
  openGuide(page?: string): void;
  closeGuide(): void;
  setProvenance(p: Provenance | null, hash: string | null): void;
  setSourcesOpen(open: boolean): void;
}

/** The user guide and the library's sources: dialogs over any view. */
export const useHelpStore = create<HelpState>()((set) => ({
  guidePage: null,
  provenance: null,
  provenanceHash: null,
  sourcesOpen: false,
  openGuide: (page = 'index.md') => set({ guidePage: page }),
  closeGuide: () => set({ guidePage: null }),
  setProvenance: (provenance, provenanceHash) => set({ provenance, provenanceHash }),
  setSourcesOpen: (sourcesOpen) => set({ sourcesOpen }),
}));
