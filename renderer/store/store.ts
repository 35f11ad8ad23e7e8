import { create } from 'zustand';
import { createCompareSlice, type CompareSlice } from '../compare/compare-slice';
import { createPresentSlice, type PresentSlice } from '../present/present-slice';
import { createAnalysisSlice, type AnalysisSlice } from './analysis-slice';
import { createNetworkSlice, type NetworkSlice } from '../network/network-slice';
import { createImportSlice, type ImportSlice } from './import-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import { createScenarioSlice, type ScenarioSlice } from './scenario-slice';
import { createTimelineSlice, type TimelineSlice } from './timeline-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';

export type AppState = RunSlice & WorkspaceSlice & ScenarioSlice & ImportSlice & UiSlice & TimelineSlice & NetworkSlice & AnalysisSlice & CompareSlice & PresentSlice;

export const createAppStore = () =>
  create<AppState>()((...a) => ({
    ...createRunSlice(...a),
    ...createWorkspaceSlice(...a),
    ...createScenarioSlice(...a),
    ...createImportSlice(...a),
    ...createUiSlice(...a),
    ...createAnalysisSlice(...a),
    ...createTimelineSlice(...a),
    ...createNetworkSlice(...a),
    ...createCompareSlice(...a),
    ...createPresentSlice(...a),
  }));

export type AppStore = ReturnType<typeof createAppStore>;

export const useAppStore = createAppStore();
