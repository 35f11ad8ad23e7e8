import { useEffect, useState } from 'react';
import { useApp } from '../app-context';
import { openBundled } from '../workflows/bundled-flow';
import { bundledIndex, type BundledSet } from './bundled-index';

/** The workshop dataset and the library's episodes, each opened with one click. */
export function BundledList({ disabled }: { disabled: boolean }) {
  const ctx = useApp();
  const [sets, setSets] = useState<BundledSet[] | null>(null);
  useEffect(() => {
    let live = true;
    void bundledIndex().then((i) => live && setSets(i?.sets ?? []));
    return () => {
      live = false;
    };
  }, []);
  if (sets === null) return <p className="muted small">Loading the library…</p>;
  if (sets.length === 0) return null;
  return (
    <ul className="bundled-list" aria-label="Library and workshop">
      {sets.map((s) => (
        <li key={s.id}>
          <button type="button" className="link-button" disabled={disabled} onClick={() => void openBundled(ctx, s)} data-testid={`open-${s.id}`}>
            {s.title}
          </button>
          <span className="muted small bundled-meta">{s.kind === 'episode' ? `${s.period} · ${s.label ?? ''}` : 'workshop dataset'}</span>
          <span className="muted small bundled-summary">{s.summary}</span>
        </li>
      ))}
    </ul>
  );
}
