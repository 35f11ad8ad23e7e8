import type { StateCreator } from 'zustand';

export type ViewId = 'start' | 'overview' | 'tables' | 'scenario' | 'results' | 'levels' | 'network' | 'analysis' | 'compare';
export type Theme = 'light' | 'dark';

export interface LevelsOptions {
  asset: string | null;
  cumulative: boolean;
  unit: 'usd' | 'units';
  binWidth: number;
}

export interface UiSlice {
  view: ViewId;
  theme: Theme;
  /** The node whose equity and losses the results view shows. */
  selectedNode: string | null;
  /** The asset of the price chart. */
  priceAsset: string | null;
  levels: LevelsOptions;
  shortcutsOpen: boolean;
  setView(view: ViewId): void;
  setTheme(theme: Theme): void;
  selectNode(node: string | null): void;
  selectPriceAsset(asset: string | null): void;
  setLevels(patch: Partial<LevelsOptions>): void;
  setShortcutsOpen(open: boolean): void;
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  view: 'start',
  theme: 'light',
  selectedNode: null,
  priceAsset: null,
  levels: { asset: null, cumulative: false, unit: 'usd', binWidth: 0.02 },
  shortcutsOpen: false,
  setView: (view) => set({ view }),
  setTheme: (theme) => set({ theme }),
  selectNode: (selectedNode) => set({ selectedNode }),
  selectPriceAsset: (priceAsset) => set({ priceAsset }),
  setLevels: (patch) => set((s) => ({ levels: { ...s.levels, ...patch } })),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
});
