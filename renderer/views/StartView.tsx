import { useEffect, useState } from 'react';
import { useApp } from '../app-context';
import { BundledList } from '../bundled/BundledList';
import { useHelpStore } from '../bundled/help-store';
import { Icon } from '../components/Icon';
import { docFromJson } from '../scenario/draft';
import { chooseFiles, openDemo } from '../workflows/workspace-flow';
import { useAppStore } from '../store/store';
import { selectBusy, selectWorkspaceError } from '../store/selectors';
import { useProjectHooks } from '../project-hooks';
import { selectCanEdit, useProjectStore } from '../project/project-store';

interface DemoEntry {
  file: string;
  name: string;
  description: string;
}

/** Where work starts: a project, files, a demo, or a recent project. */
export function StartView() {
  const ctx = useApp();
  const busy = useAppStore(selectBusy);
  const error = useAppStore(selectWorkspaceError);
  const project = useProjectHooks();
  const canEdit = useProjectStore(selectCanEdit);
  const [demos, setDemos] = useState<DemoEntry[] | null>(null);

  useEffect(() => {
    let live = true;
    void ctx.host.readDemo().then((demo) => {
      if (!live || !demo.ok) return;
      setDemos(
        demo.value.scenarios.map((f) => {
          let raw: unknown = null;
          try {
            raw = JSON.parse(new TextDecoder().decode(f.bytes));
          } catch {
            raw = null;
          }
          const doc = docFromJson(raw, f.name);
          return { file: f.name, name: doc.name, description: doc.description };
        }),
      );
    });
    return () => {
      live = false;
    };
  }, [ctx.host]);

  return (
    <div className="start" data-testid="start-view">
      <section className="start-intro">
        <h1>Stress-test leverage and contagion, offline</h1>
        <p className="muted">
          Positions, lenders, exchanges, oracles and counterparties from your own files; shocks you define; the cascade they set off. Nothing leaves this machine.
        </p>
        {error === null ? null : (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
      </section>
      <div className="start-grid">
        <section className="card start-card">
          <h2>
            <Icon name="folder" /> Open a project
          </h2>
          <p className="muted">A saved <code>.firebreak</code> file: workspace, scenarios and results.</p>
          <button type="button" className="primary" disabled={busy || project === null} onClick={() => project?.openProject()}>
            Open project… <kbd>Ctrl O</kbd>
          </button>
          {project === null ? <p className="muted small">Project files are not available in this build.</p> : null}
        </section>
        <section className="card start-card">
          <h2>
            <Icon name="upload" /> Import files
          </h2>
          <p className="muted">CSV, TSV, JSON, Arrow, Parquet or Excel tables (assets, nodes, positions, …) and scenario JSON. Or drop them anywhere on this window.</p>
          <button type="button" className="primary" disabled={busy || !canEdit} onClick={() => void chooseFiles(ctx)}>
            Import files… <kbd>Ctrl I</kbd>
          </button>
        </section>
        <section className="card start-card demos">
          <h2>
            <Icon name="demo" /> Open a demo
          </h2>
          <p className="muted">A 41-node crypto network and five cascades to walk through.</p>
          <ul className="demo-list">
            {(demos ?? []).map((d) => (
              <li key={d.file}>
                <button type="button" className="link-button" disabled={busy || !canEdit} onClick={() => void openDemo(ctx, d.file)} title={d.description}>
                  {d.name}
                </button>
              </li>
            ))}
            {demos === null ? <li className="muted">Loading the demo list…</li> : null}
          </ul>
          <p className="muted small">
            New here?{' '}
            <button type="button" className="link-button" onClick={() => useHelpStore.getState().openGuide('getting-started.md')}>
              Read the getting-started guide
            </button>{' '}
            <kbd>F1</kbd>
          </p>
        </section>
        <section className="card start-card">
          <h2>
            <Icon name="clock" /> Recent projects
          </h2>
          {project === null || project.recent.length === 0 ? (
            <p className="muted">No recent projects.</p>
          ) : (
            <ul className="demo-list">
              {project.recent.map((r) => (
                <li key={r.id}>
                  <button type="button" className="link-button" disabled={busy} onClick={() => project.openRecent(r.id)} title={r.detail}>
                    {r.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card start-card library-card">
          <h2>
            <Icon name="demo" /> Replay a real episode, or run the workshop
          </h2>
          <p className="muted">Small networks built from public figures, each number with its source; and a corporate treasury for workshops.</p>
          <BundledList disabled={busy || !canEdit} />
        </section>
      </div>
    </div>
  );
}
