import type { RestoreOffer } from '../../main/host-api';
import { selectActions, selectRestore, useProjectStore } from './project-store';
import './project.css';

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** Offers the unsaved work the last session left behind (after a crash, or a close that could not ask). */
export function RestoreBanner() {
  const offer = useProjectStore(selectRestore);
  const actions = useProjectStore(selectActions);
  if (offer === null || actions === null) return null;
  return <RestoreOfferBar offer={offer} onRestore={() => void actions.restore()} onDiscard={() => void actions.discardRestore()} />;
}

export function RestoreOfferBar({ offer, onRestore, onDiscard }: { offer: RestoreOffer; onRestore(): void; onDiscard(): void }) {
  const why = offer.reason === 'crash' ? 'Firebreak did not close properly last time.' : 'Your last session ended with unsaved changes.';
  const lost =
    offer.dropped === undefined ? null : (
      <strong data-testid="restore-dropped"> Changes made at {when(offer.dropped)} could not be kept (the storage was full or refused them): they are not in this work. </strong>
    );
  return (
    <div className="restore-banner" role="alert" data-testid="restore-banner">
      <span>
        {why}
        {lost} Restore the unsaved work on “{offer.name}” from {when(offer.savedAt)}? <span className="muted">It is kept until you choose; what you do meanwhile is autosaved apart.</span>
      </span>
      <button type="button" className="primary" onClick={onRestore} data-testid="restore-accept">
        Restore
      </button>
      <button type="button" onClick={onDiscard} data-testid="restore-discard">
        Discard
      </button>
    </div>
  );
}
