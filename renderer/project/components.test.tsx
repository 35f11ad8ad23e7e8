import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AutosaveAlert, AutosaveAlertBar } from './AutosaveAlert';
import { PassphraseDialog, PassphraseForm } from './PassphraseDialog';
import { RestoreBanner, RestoreOfferBar } from './RestoreBanner';

const none = (): void => undefined;

describe('PassphraseDialog', () => {
  it('shows nothing until a passphrase is needed', () => {
    expect(renderToStaticMarkup(<PassphraseDialog />)).toBe('');
    expect(renderToStaticMarkup(<RestoreBanner />)).toBe('');
  });

  it('asks for the passphrase of a sealed project, and says when the last one was wrong', () => {
    const html = renderToStaticMarkup(<PassphraseForm prompt={{ purpose: 'open', name: 'Q4.firebreak', retry: true }} onAnswer={none} />);
    expect(html).toContain('“Q4.firebreak” is encrypted. Enter its passphrase.');
    expect(html).toContain('That passphrase is wrong. Try again.');
    expect(html).toContain('type="password"');
    expect(html).toContain('autoComplete="current-password"');
    expect(html).not.toContain('passphrase-again');
  });

  it('asks twice for a new passphrase, warns it cannot be recovered, and cannot be submitted empty', () => {
    const html = renderToStaticMarkup(<PassphraseForm prompt={{ purpose: 'protect', name: 'Q4', retry: false }} onAnswer={none} />);
    expect(html).toContain('passphrase-again');
    expect(html).toContain('not even you');
    expect(html).toMatch(/<button type="submit"[^>]*disabled=""/);
  });
});

describe('RestoreBanner', () => {
  it('offers the work of a crashed session', () => {
    const html = renderToStaticMarkup(
      <RestoreOfferBar offer={{ id: 's1764496800000-7', name: 'Q4', savedAt: '2026-11-30T10:00:00.000Z', encrypted: false, bytes: 10, reason: 'crash' }} onRestore={none} onDiscard={none} />,
    );
    expect(html).toContain('Firebreak did not close properly last time.');
    expect(html).toContain('Restore the unsaved work on “Q4”');
    expect(html).toContain('Discard');
    expect(html).toContain('It is kept until you choose; what you do meanwhile is autosaved apart.');
  });

  it('says why when the session ended with unsaved work', () => {
    const html = renderToStaticMarkup(<RestoreOfferBar offer={{ id: 's1764496800000-7', name: 'Q4', savedAt: 'x', encrypted: true, bytes: 1, reason: 'unsaved' }} onRestore={none} onDiscard={none} />);
    expect(html).toContain('Your last session ended with unsaved changes.');
  });

  it('says when later changes could not be kept (storage full), and that they are not in the work offered, in words true of either host', () => {
    const html = renderToStaticMarkup(
      <RestoreOfferBar offer={{ id: 's1764496800000-7', name: 'Q4', savedAt: '2026-11-30T10:00:00.000Z', encrypted: false, bytes: 10, reason: 'unsaved', dropped: '2026-11-30T10:00:05.000Z' }} onRestore={none} onDiscard={none} />,
    );
    expect(html).toContain('data-testid="restore-dropped"');
    expect(html).toMatch(/Changes made at .+ could not be kept \(the storage was full or refused them\): they are not in this work\./);
    // The desktop marks them too (its disk full): not the browser's words.
    expect(html).not.toContain('browser');
  });
});

describe('AutosaveAlert', () => {
  it('shows nothing while the autosave keeps the work', () => {
    expect(renderToStaticMarkup(<AutosaveAlert />)).toBe('');
  });

  it('says what failed and offers Save now, as an alert', () => {
    const html = renderToStaticMarkup(<AutosaveAlertBar text="Autosave failed: the disk is full. Save now (Ctrl+S) to keep them." onSave={none} onDismiss={none} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('Autosave failed: the disk is full.');
    expect(html).toContain('Save now');
    expect(html).toContain('Dismiss');
  });
});
