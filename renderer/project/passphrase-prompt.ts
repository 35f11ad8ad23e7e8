import type { PassphrasePrompt, ProjectStore } from './project-store';

/**
 * Asking for a passphrase: the prompt goes into the store (a dialog shows it), and the answer
 * comes back through `answer`. The passphrase itself never enters the store.
 */
export function passphrasePrompts(store: ProjectStore) {
  let pending: ((value: string | null) => void) | null = null;
  return {
    ask(prompt: PassphrasePrompt): Promise<string | null> {
      pending?.(null);
      store.setState({ passphrase: prompt });
      return new Promise((resolve) => (pending = resolve));
    },
    answer(value: string | null): void {
      const settle = pending;
      pending = null;
      store.setState({ passphrase: null });
      settle?.(value);
    },
  };
}
