import { Icon } from '../components/Icon';
import { useAppStore } from '../store/store';
import './viewer.css';

/** Enters presentation mode (also F, or View ▸ Presentation Mode in the desktop menu). */
export function PresentButton() {
  return (
    <button type="button" className="present-button" aria-label="Present" onClick={() => useAppStore.getState().setPresenting(true)} title="Presentation mode (F)" data-testid="present-button">
      <Icon name="demo" size={16} /> <span className="present-label">Present</span>
    </button>
  );
}
