import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { HostApi, HostFile } from '../main/host-api';
import { AnalysisView } from './analysis/AnalysisView';
import { AppCtx } from './app-context';
import { openReport } from './report/ReportOverlay';
import { keepComparedRuns, trackRuns } from './compare/compare-flow';
import { CompareView } from './compare/CompareView';
import { PresentMode } from './present/PresentMode';
import { HelpDialogs } from './bundled/HelpDialogs';
import { useHelpStore } from './bundled/help-store';
import { DropZone } from './components/DropZone';
import { ImportDialog } from './components/ImportDialog';
import { ProjectToast } from './components/ProjectToast';
import { RunBar } from './components/RunBar';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { TopBar } from './components/TopBar';
import type { EngineClient } from './engine-client';
import { createAppBridge } from './project/app-bridge';
import type { UiCommand } from './project/bridge';
import { PassphraseDialog } from './project/PassphraseDialog';
import { selectCanEdit, useProjectStore } from './project/project-store';
import { AutosaveAlert } from './project/AutosaveAlert';
import { RestoreBanner } from './project/RestoreBanner';
import { ReportOverlay } from './report/ReportOverlay';
import { useProjectShell } from './project/use-project-shell';
import { selectBusy, selectImportDialog, selectShortcutsOpen, selectTheme, selectView } from './store/selectors';
import { useAppStore, type AppState } from './store/store';
import type { Theme } from './store/ui-slice';
import { useShortcuts } from './use-shortcuts';
import { NetworkTab } from './network/NetworkTab';
import { LevelsView } from './views/LevelsView';
import { OverviewView } from './views/OverviewView';
import { ResultsView } from './views/ResultsView';
import { ScenarioView } from './views/ScenarioView';
import { StartView } from './views/StartView';
import { TablesView } from './views/TablesView';
import type { AppContext } from './workflows/context';
import { watchScenario } from './workflows/validate-flow';
import { chooseFiles, openDemo, reviewFiles } from './workflows/workspace-flow';
import { modalOpen } from './components/modal-open';

const THEME_KEY = 'firebreak.theme';

const pickShell = (s: AppState) => ({
  view: selectView(s),
  theme: selectTheme(s),
  dialog: selectImportDialog(s),
  shortcuts: selectShortcutsOpen(s),
  busy: selectBusy(s),
  presenting: s.presenting,
});

function systemTheme(): Theme {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/**
 * The theme chosen, kept in localStorage. A browser that refuses its storage (full — the autosave's
 * edits may have filled it — or turned off) only forgets the choice: it must never stop the app.
 */
const themeStorage = {
  read(): string | null {
    try {
      return localStorage.getItem(THEME_KEY);
    } catch {
      return null;
    }
  },
  write(theme: Theme | null): void {
    try {
      if (theme === null) localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, theme);
    } catch {
      // Not kept: the next start follows the system's theme.
    }
  },
};

function initialTheme(): Theme {
  const saved = themeStorage.read();
  return saved === 'light' || saved === 'dark' ? saved : systemTheme();
}

const projectActive = (): boolean => {
  const p = useProjectStore.getState();
  return p.busy === 'opening' || p.project !== null;
};
const canEditNow = (): boolean => selectCanEdit(useProjectStore.getState());
const leaveProject = async (): Promise<boolean> => {
  const p = useProjectStore.getState();
  return p.project === null || p.actions === null ? true : p.actions.close();
};

export function App({ host, engine }: { host: HostApi; engine: EngineClient }) {
  const ctx = useMemo<AppContext>(() => ({ engine, host, store: useAppStore, now: () => Date.now(), projectActive, canEdit: canEditNow, leaveProject }), [engine, host]);
  const shell = useAppStore(useShallow(pickShell));
  const canEdit = useProjectStore(selectCanEdit);
  const started = useRef(false);
  const bridge = useMemo(() => createAppBridge(ctx), [ctx]);
  useShortcuts(ctx);

  // Menu commands that are the UI's (the project layer handles New, Open, Save, Close).
  const onUiCommand = useCallback((command: UiCommand) => {
    const s = useAppStore.getState();
    if (command === 'undo') s.undo();
    else if (command === 'redo') s.redo();
    else if (command === 'theme-light' || command === 'theme-dark') s.setTheme(command === 'theme-light' ? 'light' : 'dark');
    else if (command === 'user-guide') useHelpStore.getState().openGuide();
    else if (command === 'presentation') s.setPresenting(true);
    // As Ctrl+I in the window: not behind a dialog.
    else if (command === 'open-files' && s.importDialog === null && !modalOpen()) void chooseFiles(ctx);
    else if (command === 'export') void openReport(ctx);
    else if (command === 'theme-system') {
      themeStorage.write(null);
      s.setTheme(systemTheme());
    }
  }, [ctx]);
  const project = useProjectShell({ host, engine, bridge, ui: { command: onUiCommand } });

  useEffect(() => {
    useAppStore.getState().setTheme(initialTheme());
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = shell.theme;
    themeStorage.write(shell.theme);
  }, [shell.theme]);

  useEffect(() => {
    // StrictMode runs effects twice in development; the first launch happens once.
    if (started.current) return;
    started.current = true;
    void openDemo(ctx, undefined, true);
  }, [ctx]);

  useEffect(() => watchScenario(ctx), [ctx]);
  useEffect(() => trackRuns(useAppStore), []);
  useEffect(() => keepComparedRuns(ctx), [ctx]);
  // Viewer mode locks the scenarios in the store itself, so no control, shortcut or menu can change them.
  useEffect(() => useAppStore.getState().setEditLocked(!canEdit), [canEdit]);
  useEffect(() => {
    // The scenario editor's list puts the view where it was left (EventList); every other view opens at its top.
    if (shell.view !== 'scenario') document.getElementById('main')?.scrollTo({ top: 0 });
  }, [shell.view]);

  const onDrop = useCallback(
    (files: HostFile[]) => {
      const projectFile = files.find((f) => f.name.toLowerCase().endsWith('.firebreak'));
      if (projectFile !== undefined && project !== null) void project.openDropped(projectFile);
      else if (canEdit) void reviewFiles(ctx, files);
    },
    [ctx, project, canEdit],
  );

  // The same element while the view stays: the shell re-renders on every run phase, the view need not.
  const view = useMemo(
    () =>
      ({
        start: <StartView />,
        overview: <OverviewView />,
        tables: <TablesView />,
        scenario: <ScenarioView />,
        results: <ResultsView />,
        levels: <LevelsView />,
        analysis: <AnalysisView />,
        network: <NetworkTab />,
        compare: <CompareView />,
      })[shell.view],
    [shell.view],
  );

  return (
    <AppCtx.Provider value={ctx}>
      <div className={canEdit ? 'app' : 'app viewer'}>
        {shell.presenting ? (
          <PresentMode />
        ) : (
          <>
            <TopBar />
            <RunBar />
            <main className="view" id="main">
              <RestoreBanner />
              <AutosaveAlert />
              {view}
            </main>
          </>
        )}
        <ProjectToast />
        <DropZone disabled={shell.busy} onFiles={onDrop} />
        {shell.dialog !== null ? <ImportDialog dialog={shell.dialog} /> : null}
        {shell.shortcuts ? <ShortcutsHelp onClose={() => useAppStore.getState().setShortcutsOpen(false)} /> : null}
        <HelpDialogs />
        <PassphraseDialog />
        <ReportOverlay />
      </div>
    </AppCtx.Provider>
  );
}
