import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../app-context';
import { selectActiveId, selectBusy, selectPhase, selectScenarios, selectTheme, selectView, selectWorkspace, selectWorkspaceSource } from '../store/selectors';
import { useAppStore, type AppState } from '../store/store';
import { cancelRun, runAndShow } from '../workflows/run-flow';
import { selectProject, useProjectStore } from '../project/project-store';
import { Icon } from './Icon';
import { TABS } from './tabs';
import { PresentButton } from '../present/PresentButton';
import { ReadOnlyBadge } from '../present/ReadOnlyBadge';
import { ReportButton } from '../report/ReportButton';

const pickTopBar = (s: AppState) => ({
  view: selectView(s),
  theme: selectTheme(s),
  scenarios: selectScenarios(s),
  activeId: selectActiveId(s),
  phase: selectPhase(s),
  busy: selectBusy(s),
  workspace: selectWorkspace(s),
  source: selectWorkspaceSource(s),
});

/** The header: the views, the scenario to run, Run / Cancel, the theme and the shortcuts. */
export function TopBar() {
  const ctx = useApp();
  const t = useAppStore(useShallow(pickTopBar));
  const s = useAppStore.getState();
  const running = t.phase === 'running';
  const project = useProjectStore(selectProject);
  const title = project === null ? null : `${project.name}${project.dirty ? ' •' : ''}${project.readOnly ? ' (read-only)' : ''}`;
  return (
    <header className="topbar">
      <div className={title === null ? 'brand' : 'brand with-project'} title={['Firebreak', title, t.source].filter(Boolean).join(' — ')}>
        {/* On narrow screens an open project's name stands in for the brand (the window title keeps both). */}
        <span className="brand-name">
          <span className="brand-word">Firebreak</span>
          {title === null ? null : (
            <span className="brand-project" data-testid="project-title">
              <span className="brand-sep"> · </span>
              {title}
            </span>
          )}
        </span>
        <span className="brand-source muted">{t.source ?? 'no workspace'}</span>
      </div>
      <ReadOnlyBadge />
      <nav
        className="tabs"
        role="tablist"
        aria-label="Views"
        onKeyDown={(e) => {
          // A tab list's keys: ← / → to the tab before or after (and shown), Home / End to the first and last.
          const at = TABS.findIndex((x) => x.view === t.view);
          const to = e.key === 'ArrowLeft' ? at - 1 : e.key === 'ArrowRight' ? at + 1 : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : null;
          if (to === null || at < 0) return;
          e.preventDefault();
          const next = TABS[(to + TABS.length) % TABS.length];
          if (next === undefined) return;
          s.setView(next.view);
          document.querySelector<HTMLElement>(`[data-testid="tab-${next.view}"]`)?.focus();
        }}
      >
        {TABS.map(({ view: id, label, icon }, i) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={t.view === id}
            aria-label={label}
            className={t.view === id ? 'tab on' : 'tab'}
            title={`${label} (Alt+${i + 1})`}
            onClick={() => s.setView(id)}
            data-testid={`tab-${id}`}
          >
            <Icon name={icon} size={16} />
            <span className="tab-label">{label}</span>
          </button>
        ))}
      </nav>
      <div className="run-controls">
        <select aria-label="Scenario to run" value={t.activeId ?? ''} disabled={t.scenarios.length === 0} onChange={(e) => s.selectScenario(e.target.value)} data-testid="scenario-select">
          {t.scenarios.map((sc) => (
            <option key={sc.id} value={sc.id}>
              {sc.doc.name || 'Untitled'}
            </option>
          ))}
        </select>
        {running ? (
          <button type="button" className="danger" onClick={() => void cancelRun(ctx)} title="Cancel (Esc)">
            <Icon name="stop" size={16} /> Cancel
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={t.busy || t.workspace === null || t.activeId === null}
            onClick={() => void runAndShow(ctx)}
            title="Run the scenario (Ctrl+Enter)"
            data-testid="run-button"
          >
            <Icon name="play" size={16} /> Run
          </button>
        )}
        <PresentButton />
        <button type="button" className="icon-button" aria-label={t.theme === 'dark' ? 'Light theme' : 'Dark theme'} title="Theme (Alt+T)" onClick={() => s.setTheme(t.theme === 'dark' ? 'light' : 'dark')} data-testid="theme-toggle">
          <Icon name={t.theme === 'dark' ? 'sun' : 'moon'} />
        </button>
        <ReportButton />
        <button type="button" className="icon-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => s.setShortcutsOpen(true)}>
          <Icon name="keyboard" />
        </button>
      </div>
    </header>
  );
}
