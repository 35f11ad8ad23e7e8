import { create } from 'zustand';
import { createRunSlice, type RunSlice } from './run-slice';

export type AppState = RunSlice;

export const useAppStore = create<AppState>()((...a) => ({ ...createRunSlice(...a) }));
