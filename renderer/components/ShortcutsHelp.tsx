import { Modal } from './Modal';

export const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘ + Enter', 'Run the active scenario'],
  ['Esc', 'Cancel the run, or close a dialog'],
  ['Ctrl/⌘ + I', 'Import files (tables and scenarios)'],
  ['Ctrl/⌘ + O', 'Open a project'],
  ['Ctrl/⌘ + S, Ctrl/⌘ + Shift + S', 'Save the project, Save As'],
  ['Ctrl/⌘ + Z', 'Undo in the scenario editor'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'Redo'],
  ['Alt + ↑ / ↓', 'Move the selected event up or down'],
  ['Alt + 1 … 6', 'Start, Overview, Tables, Scenario, Results, Levels'],
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
