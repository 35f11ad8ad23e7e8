import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectActions, selectNotice, selectProjectError, useProjectStore, type ProjectStoreState } from '../project/project-store';

const pickMessages = (s: ProjectStoreState) => ({ error: selectProjectError(s), notice: selectNotice(s), actions: selectActions(s) });
const NOTICE_MS = 6000;

/** The project layer's messages (saved, could not open…), over the page so nothing moves. */
export function ProjectToast() {
  const { error, notice, actions } = useProjectStore(useShallow(pickMessages));
  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => useProjectStore.setState({ notice: null }), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  if (error === null && notice === null) return null;
  return (
    <div className={`toast${error !== null ? ' bad' : ''}`} role={error !== null ? 'alert' : 'status'} data-testid="project-message">
      <span>{error ?? notice}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => (error !== null ? actions?.clearError() : useProjectStore.setState({ notice: null }))}>
        ×
      </button>
    </div>
  );
}
