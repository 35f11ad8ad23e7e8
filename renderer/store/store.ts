import { create } from 'zustand';
import { createImportSlice, type ImportSlice } from './import-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import { createScenarioSlice, type ScenarioSlice } from './scenario-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';

export type AppState = RunSlice & WorkspaceSlice & ScenarioSlice & ImportSlice & UiSlice;

export const createAppStore = () =>
  create<AppState>()((...a) => ({
    ...createRunSlice(...a),
    ...createWorkspaceSlice(...a),
    ...createScenarioSlice(...a),
    ...createImportSlice(...a),
    ...createUiSlice(...a),
  }));

export type AppStore = ReturnType<typeof createAppStore>;

export const useAppStore = createAppStore();
