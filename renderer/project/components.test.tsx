import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
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
});
