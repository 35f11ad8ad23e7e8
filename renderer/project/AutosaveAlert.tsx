import { selectActions, selectAutosaveProblem, useProjectStore } from './project-store';
import './project.css';

/** Says, until it is resolved, that the autosave could not keep the latest work, with Save at hand. */
export function AutosaveAlert() {
  const problem = useProjectStore(selectAutosaveProblem);
  const actions = useProjectStore(selectActions);
  if (problem === null) return null;
  return <AutosaveAlertBar text={problem} onSave={actions === null ? null : () => void actions.save()} onDismiss={() => useProjectStore.setState({ autosaveProblem: null })} />;
}

export function AutosaveAlertBar({ text, onSave, onDismiss }: { text: string; onSave: (() => void) | null; onDismiss(): void }) {
  return (
    <div className="restore-banner autosave-alert" role="alert" data-testid="autosave-problem">
      <span>{text}</span>
      {onSave !== null ? (
        <button type="button" className="primary" onClick={onSave} data-testid="autosave-problem-save">
          Save now
        </button>
      ) : null}
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
