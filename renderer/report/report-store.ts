import { create } from 'zustand';
import type { ReportDocument } from './report-doc';

export interface ReportState {
  open: boolean;
  loading: boolean;
  doc: ReportDocument | null;
  error: string | null;
  opening(): void;
  loaded(doc: ReportDocument): void;
  failed(message: string): void;
  close(): void;
}

/** The report view's own state: whether it is open and the report it shows. */
export const useReportStore = create<ReportState>()((set) => ({
  open: false,
  loading: false,
  doc: null,
  error: null,
  opening: () => set({ open: true, loading: true, doc: null, error: null }),
  loaded: (doc) => set({ loading: false, doc, error: null }),
  failed: (error) => set({ loading: false, error }),
  close: () => set({ open: false, loading: false, doc: null, error: null }),
}));
