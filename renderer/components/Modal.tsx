import { useEffect, useRef, type ReactNode } from 'react';
import { trapTab } from './modal-open';

/** A modal dialog: focus moves in on open, stays in while it is open (Tab cycles) and goes back on close; Esc closes. */
export function Modal({ title, onClose, children, footer, wide = false, testId }: { title: string; onClose(): void; children: ReactNode; footer?: ReactNode; wide?: boolean; testId?: string }) {
  const box = useRef<HTMLDivElement | null>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close.current();
      } else if (box.current !== null) trapTab(box.current, e);
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      before?.focus();
    };
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`modal${wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} tabIndex={-1} ref={box} data-testid={testId}>
        <header className="modal-head">
          <h2>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="modal-body">{children}</div>
        {footer === undefined ? null : <footer className="modal-foot">{footer}</footer>}
      </div>
    </div>
  );
}
