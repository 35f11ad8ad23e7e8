import { useEffect, useMemo, useRef } from 'react';
import type { HostApi } from '../main/host-api';
import { DefaultsTable } from './components/DefaultsTable';
import { ErrorPanel } from './components/ErrorPanel';
import { KpiCards } from './components/KpiCards';
import { RunFooter } from './components/RunFooter';
import { RunProgress } from './components/RunProgress';
import type { EngineClient } from './engine-client';
import { openAndRun, runDemo } from './run-workspace';
import { defaultedNodes, selectError, selectLabel, selectPhase, selectProgress, selectResult, selectWorkspace } from './store/selectors';
import { useAppStore } from './store/store';

export function App({ host, engine }: { host: HostApi; engine: EngineClient }) {
  const phase = useAppStore(selectPhase);
  const label = useAppStore(selectLabel);
  const progress = useAppStore(selectProgress);
  const result = useAppStore(selectResult);
  const error = useAppStore(selectError);
  const workspace = useAppStore(selectWorkspace);
  const defaults = useMemo(() => (result === null ? [] : defaultedNodes(result.summary)), [result]);
  const busy = phase === 'loading' || phase === 'importing' || phase === 'running';
  const started = useRef(false);

  useEffect(() => {
    // StrictMode runs effects twice in development; the demo must start once.
    if (started.current) return;
    started.current = true;
    void runDemo(host, engine, useAppStore.getState());
  }, [host, engine]);

  useEffect(
    () =>
      host.onMenuCommand((command) => {
        if (command === 'open-files' && !isBusy()) void openAndRun(host, engine, useAppStore.getState());
      }),
    [host, engine],
  );

  return (
    <div className="app">
      <header className="app-header">
        <div className="title">
          <h1>Firebreak</h1>
          <p className="subtitle muted" data-testid="run-label" title={label ?? undefined}>
            {label ?? 'Offline stress tests of crypto leverage and contagion'}
          </p>
        </div>
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void openAndRun(host, engine, useAppStore.getState())}>
            Open files…
          </button>
          <button type="button" disabled={busy} onClick={() => void runDemo(host, engine, useAppStore.getState())}>
            Run the demo
          </button>
        </div>
      </header>
      <main>
        {busy ? <RunProgress phase={phase} progress={progress} /> : null}
        {error === null ? null : <ErrorPanel message={error} />}
        {result === null || busy ? null : (
          <>
            <KpiCards summary={result.summary} defaults={defaults.length} />
            <DefaultsTable nodes={defaults} />
            <RunFooter result={result} workspace={workspace} />
          </>
        )}
      </main>
    </div>
  );
}

function isBusy(): boolean {
  const phase = useAppStore.getState().phase;
  return phase === 'loading' || phase === 'importing' || phase === 'running';
}
