import { useEffect } from 'react';
import { useHelpStore } from './bundled/help-store';
import { TABS } from './components/tabs';
import type { AppContext } from './workflows/context';
import { cancelRun, runAndShow } from './workflows/run-flow';
import { chooseFiles } from './workflows/workspace-flow';
import { currentProjectHooks } from './project-hooks';
import { modalOpen } from './components/modal-open';


function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** The app's keyboard shortcuts (listed in ShortcutsHelp). */
export function useShortcuts(ctx: AppContext): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = ctx.store.getState();
      const mod = e.ctrlKey || e.metaKey;
      const dialog = s.importDialog !== null || s.shortcutsOpen || modalOpen();
      const key = e.key.toLowerCase();
      if (mod && e.key === 'Enter') {
        e.preventDefault();
        if (!dialog && s.phase !== 'running') void runAndShow(ctx);
        return;
      }
      if (e.key === 'Escape' && !dialog && s.phase === 'running') {
        e.preventDefault();
        void cancelRun(ctx);
        return;
      }
      // Ctrl/⌘+O opens a project (as File ▸ Open… in the desktop menu); Ctrl/⌘+I imports files.
      if (mod && key === 'o' && !e.shiftKey) {
        e.preventDefault();
        const project = currentProjectHooks();
        if (!dialog) {
          if (project !== null) project.openProject();
          else void chooseFiles(ctx);
        }
        return;
      }
      if (mod && key === 'i') {
        e.preventDefault();
        if (!dialog) void chooseFiles(ctx);
        return;
      }
      if (mod && (key === 'z' || key === 'y') && s.view === 'scenario' && !dialog) {
        e.preventDefault();
        if (key === 'y' || e.shiftKey) s.redo();
        else s.undo();
        return;
      }
      if (e.altKey && !mod && /^Digit[1-9]$/.test(e.code)) {
        e.preventDefault();
        if (dialog) return;
        const tab = TABS[Number(e.code.slice(5)) - 1];
        if (tab !== undefined) s.setView(tab.view);
        return;
      }
      if (e.altKey && !mod && e.code === 'KeyT') {
        e.preventDefault();
        s.setTheme(s.theme === 'dark' ? 'light' : 'dark');
        return;
      }
      if (e.key === 'F1') {
        e.preventDefault();
        useHelpStore.getState().openGuide();
        return;
      }
      if (key === 'f' && !mod && !e.altKey && !e.shiftKey && !typing(e.target) && !dialog && !s.presenting) {
        e.preventDefault();
        s.setPresenting(true);
        return;
      }
      if (e.key === '?' && !typing(e.target) && !dialog) {
        e.preventDefault();
        s.setShortcutsOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctx]);
}
