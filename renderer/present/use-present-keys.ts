import { useEffect, useRef } from 'react';
import { useAppStore } from '../store/store';
import { modalOpen } from '../components/modal-open';

interface Keys {
  /** How many storyboard notes there are (0: the arrows move step by step). */
  notes: number;
  /** The run's last step. */
  last: number;
  /** Moves to the next (+1) or previous (−1) note; false when there is none that way. */
  goNote(by: 1 | -1): boolean;
}

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && target.type !== 'range' && target.type !== 'checkbox' && target.type !== 'button';
}

/**
 * The keys of presentation mode, ahead of the app's own shortcuts (capture phase): Esc leaves;
 * → / PageDown and ← / PageUp move note by note (step by step without notes, or with Shift);
 * Space plays or pauses; Home and End go to the first and last step.
 */
export function usePresentKeys(keys: Keys): void {
  const ref = useRef(keys);
  ref.current = keys;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = ref.current;
      const s = useAppStore.getState();
      // A dialog over the presentation (the guide, F1) takes its keys, Esc included.
      if (e.ctrlKey || e.metaKey || e.altKey || modalOpen()) return;
      if (e.key !== 'Escape' && (typing(e.target) || s.shortcutsOpen)) return;
      const move = (by: 1 | -1) => {
        if (e.shiftKey || k.notes === 0 || !k.goNote(by)) s.stepBy(by, k.last);
      };
      switch (e.key) {
        case 'Escape':
          s.setPlaying(false);
          s.setPresenting(false);
          break;
        case 'ArrowRight':
        case 'PageDown':
          move(1);
          break;
        case 'ArrowLeft':
        case 'PageUp':
          move(-1);
          break;
        case ' ':
          s.setPlaying(!s.playing);
          break;
        case 'Home':
          s.setNoteIndex(null);
          s.setStep(0);
          break;
        case 'End':
          s.setStep(null);
          break;
        case 'f':
        case 'F':
          // Already presenting.
          break;
        default:
          return;
      }
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
