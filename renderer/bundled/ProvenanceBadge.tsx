import { useAppStore } from '../store/store';
import { useHelpStore } from './help-store';

/** "approximate, from public reports · Sources" beside the workspace name when it came from the library. */
export function ProvenanceBadge() {
  const hash = useAppStore((s) => s.workspace?.hash ?? null);
  const provenance = useHelpStore((s) => (s.provenanceHash === hash ? s.provenance : null));
  if (provenance === null) return null;
  return (
    <button type="button" className="provenance-badge" onClick={() => useHelpStore.getState().setSourcesOpen(true)} data-testid="provenance-badge" title="Where every number of this episode comes from">
      {provenance.label || 'approximate, from public reports'} · Sources
    </button>
  );
}
