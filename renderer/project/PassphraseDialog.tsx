import { useState, type FormEvent } from 'react';
import { Modal } from '../components/Modal';
import './project.css';
import { selectActions, selectPassphrase, useProjectStore, type PassphrasePrompt } from './project-store';

const MIN_LENGTH = 8;

/**
 * Asks for a passphrase when the project layer needs one: to open a sealed project (saying when
 * the last one was wrong), or a new one, typed twice, to seal this project from its next save.
 */
export function PassphraseDialog() {
  const prompt = useProjectStore(selectPassphrase);
  const actions = useProjectStore(selectActions);
  if (prompt === null || actions === null) return null;
  return <PassphraseForm prompt={prompt} onAnswer={(answer) => (answer === null ? actions.cancelPassphrase() : actions.submitPassphrase(answer))} />;
}

export function PassphraseForm({ prompt, onAnswer }: { prompt: PassphrasePrompt; onAnswer(answer: string | null): void }) {
  const [value, setValue] = useState('');
  const [again, setAgain] = useState('');
  const protect = prompt.purpose === 'protect';
  const tooShort = protect && [...value].length < MIN_LENGTH;
  const differ = protect && value !== again;
  const finish = (answer: string | null): void => {
    setValue('');
    setAgain('');
    onAnswer(answer);
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (value === '' || tooShort || differ) return;
    finish(value);
  };
  const title = protect ? 'Protect with a passphrase' : 'Encrypted project';
  return (
    <Modal title={title} onClose={() => finish(null)} testId="passphrase-dialog">
      <form onSubmit={submit} className="passphrase-form">
        <p>
          {protect
            ? `From the next save, “${prompt.name}” is encrypted (AES-256). Without the passphrase nobody can open it — not even you: keep it safe.`
            : `“${prompt.name}” is encrypted. Enter its passphrase.`}
        </p>
        {prompt.retry ? (
          <p role="alert" className="field-error" data-testid="passphrase-wrong">
            That passphrase is wrong. Try again.
          </p>
        ) : null}
        <label>
          Passphrase
          <input type="password" autoComplete={protect ? 'new-password' : 'current-password'} autoFocus value={value} onChange={(e) => setValue(e.target.value)} data-testid="passphrase-input" />
        </label>
        {protect ? (
          <label>
            Repeat it
            <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} data-testid="passphrase-again" />
          </label>
        ) : null}
        {protect && value !== '' && tooShort ? <p className="field-error">At least {MIN_LENGTH} characters.</p> : null}
        {protect && !tooShort && again !== '' && differ ? <p className="field-error">The two passphrases differ.</p> : null}
        <div className="modal-actions">
          <button type="button" onClick={() => finish(null)}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={value === '' || tooShort || differ} data-testid="passphrase-submit">
            {protect ? 'Protect' : 'Open'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
