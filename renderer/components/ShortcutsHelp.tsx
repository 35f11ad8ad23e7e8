import { Modal } from './Modal';
import { TABS } from './tabs';

export const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘ + Enter', 'Run the active scenario'],
  ['Esc', 'Cancel the run, close a dialog, or leave presentation mode'],
  ['Ctrl/⌘ + I', 'Import files (tables and scenarios)'],
  ['Ctrl/⌘ + O', 'Open a project'],
  ['Ctrl/⌘ + S, Ctrl/⌘ + Shift + S', 'Save the project, Save As'],
  ['Ctrl/⌘ + Z', 'Undo in the scenario editor'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'Redo'],
  ['Alt + ↑ / ↓', 'Move the selected event up or down'],
  [`Alt + 1 … ${TABS.length}`, TABS.map((t, i) => `${i + 1} ${t.label}`).join(' · ')],
  ['← / →', 'Timeline (Results, Network): previous or next step'],
  ['Space', 'Timeline: play or pause'],
  ['Home / End', 'Timeline: first or last step'],
  ['F', 'Presentation mode: large type, the timeline and the network'],
  ['→ / ←, Shift + → / ←', 'In presentation: next or previous note; step by step'],
  ['Alt + T', 'Light or dark theme'],
  ['F1', 'User guide'],
  ['?', 'This list'],
];

export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} testId="shortcuts">
      <table className="data-table compact">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
