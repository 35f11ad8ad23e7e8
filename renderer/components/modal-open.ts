/**
 * True while a dialog is open over the page — the import dialog, the user guide, a passphrase
 * prompt, the report: the page's own keys wait for it. Presentation mode, a full-screen dialog
 * with keys of its own, does not count.
 */
export function modalOpen(): boolean {
  return typeof document !== 'undefined' && document.querySelector('[role="dialog"][aria-modal="true"]:not(.present)') !== null;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab and Shift+Tab inside `box` (the topmost dialog): from its last control to its first
 * and back, and into it from anywhere outside.
 */
export function trapTab(box: HTMLElement, e: KeyboardEvent): void {
  const dialogs = document.querySelectorAll('[role="dialog"][aria-modal="true"]');
  if (e.key !== 'Tab' || dialogs[dialogs.length - 1] !== box) return;
  const controls = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
  const first = controls[0];
  const last = controls[controls.length - 1];
  const at = document.activeElement;
  if (first === undefined || last === undefined) {
    e.preventDefault();
    box.focus();
    return;
  }
  const inside = at instanceof Node && box.contains(at);
  if (!inside || (e.shiftKey && (at === first || at === box)) || (!e.shiftKey && at === last)) {
    e.preventDefault();
    (e.shiftKey ? last : first).focus();
  }
}
