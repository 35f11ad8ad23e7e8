import type { StateCreator } from 'zustand';
import type { WorkspaceProgress } from '../../engine/protocol';
import type { WorkspacePreview } from '../../engine/workspace/preview';
import type { ImportProblem } from '../../engine/workspace/problems';
import type { TableName } from '../../engine/workspace/schema';

/** What a chosen file is: tables (read by the engine), a scenario (kept in the project), or left out. */
export type FileKind = 'table' | 'scenario' | 'skip';

export interface PendingFile {
  name: string;
  bytes: Uint8Array;
  kind: FileKind;
  /** The kind guessed from the name and content, to say "detected" in the dialog. */
  detected: FileKind;
}

export type ImportStage = 'review' | 'importing' | 'failed';

/** Per table: model column → the file's column chosen by the user, or null for "none". */
export type MappingOverrides = Partial<Record<TableName, Record<string, string | null>>>;

export interface ImportDialog {
  files: PendingFile[];
  /** The engine's reading of the table files (workspace.preview); null while it is asked for. */
  preview: WorkspacePreview | null;
  previewError: string | null;
  /** The table chosen for each source (file, sheet, JSON key), or null to leave it out. */
  tables: Record<string, TableName | null>;
  overrides: MappingOverrides;
  stage: ImportStage;
  importId: string | null;
  progress: WorkspaceProgress | null;
  message: string | null;
  problems: ImportProblem[];
  /** All problems found, of which `problems` are the first ones. */
  total: number;
}

export interface ImportSlice {
  importDialog: ImportDialog | null;
  openImport(files: PendingFile[]): void;
  setFileKind(name: string, kind: FileKind): void;
  previewLoaded(preview: WorkspacePreview | null, error?: string | null): void;
  setSourceTable(source: string, table: TableName | null): void;
  setColumn(table: TableName, column: string, file: string | null): void;
  importStarted(importId: string): void;
  importProgressed(progress: WorkspaceProgress): void;
  importFailed(message: string, problems: ImportProblem[], total: number): void;
  importStopped(message: string): void;
  closeImport(): void;
}

const patch = (s: ImportSlice, p: Partial<ImportDialog>): Partial<ImportSlice> => (s.importDialog === null ? s : { importDialog: { ...s.importDialog, ...p } });

export const createImportSlice: StateCreator<ImportSlice, [], [], ImportSlice> = (set) => ({
  importDialog: null,
  openImport: (files) =>
    set({ importDialog: { files, preview: null, previewError: null, tables: {}, overrides: {}, stage: 'review', importId: null, progress: null, message: null, problems: [], total: 0 } }),
  setFileKind: (name, kind) => set((s) => patch(s, { stage: 'review', preview: null, files: (s.importDialog?.files ?? []).map((f) => (f.name === name ? { ...f, kind } : f)) })),
  previewLoaded: (preview, error = null) => set((s) => patch(s, { preview, previewError: error })),
  setSourceTable: (source, table) => set((s) => patch(s, { stage: 'review', preview: s.importDialog?.preview ?? null, tables: { ...s.importDialog?.tables, [source]: table } })),
  setColumn: (table, column, file) =>
    set((s) => {
      const overrides = s.importDialog?.overrides ?? {};
      return patch(s, { stage: 'review', overrides: { ...overrides, [table]: { ...overrides[table], [column]: file } } });
    }),
  importStarted: (importId) => set((s) => patch(s, { stage: 'importing', importId, progress: null, message: null, problems: [], total: 0 })),
  importProgressed: (progress) => set((s) => (s.importDialog?.importId === progress.importId ? patch(s, { progress }) : s)),
  importFailed: (message, problems, total) => set((s) => patch(s, { stage: 'failed', message, problems, total, progress: null, importId: null })),
  importStopped: (message) => set((s) => patch(s, { stage: 'review', message, progress: null, importId: null })),
  closeImport: () => set({ importDialog: null }),
});
