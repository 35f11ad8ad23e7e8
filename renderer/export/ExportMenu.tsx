import { useEffect, useId, useRef, useState } from 'react';
import { Icon } from '../components/Icon';
import './export.css';

export interface ExportItem {
  id: string;
  label: string;
  /** Does the export; resolves to what to tell the user (null: nothing, e.g. cancelled). */
  run(): Promise<string | null>;
}

/** A small "Export" menu button: each item saves a file through the host and says how it went. */
export function ExportMenu({ label, items, disabled = false, testId }: { label: string; items: ExportItem[]; disabled?: boolean; testId: string }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const root = useRef<HTMLDivElement | null>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (root.current !== null && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);

  useEffect(() => {
    if (status === null) return;
    const timer = setTimeout(() => setStatus(null), 6000);
    return () => clearTimeout(timer);
  }, [status]);

  const choose = async (item: ExportItem) => {
    setOpen(false);
    setBusy(true);
    try {
      setStatus(await item.run());
    } catch (error) {
      console.error('[export]', item.id, error);
      setStatus('The export failed.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-menu" ref={root}>
      <button
        type="button"
        className="icon-button export-button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        disabled={disabled || busy}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
      >
        <Icon name="download" size={16} />
      </button>
      {open ? (
        <ul className="export-items" role="menu" id={menuId}>
          {items.map((item) => (
            <li key={item.id} role="none">
              <button type="button" role="menuitem" onClick={() => void choose(item)} data-testid={`${testId}-${item.id}`}>
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {status === null ? null : (
        <span className="export-status" role="status" data-testid={`${testId}-status`}>
          {status}
        </span>
      )}
    </div>
  );
}
