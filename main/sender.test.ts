import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender';

describe('isTrustedSender', () => {
  it('trusts the top frame of the app origin', () => {
    expect(isTrustedSender({ url: 'app://firebreak/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://firebreak/', parent: null })).toBe(true);
  });

  it.each([
    ['a destroyed frame', null],
    ['no frame', undefined],
    ['a remote page', { url: 'https://evil.example/', parent: null }],
    ['a local http page', { url: 'http://127.0.0.1:5173/', parent: null }],
    ['a file page', { url: 'file:///tmp/evil.html', parent: null }],
    ['a foreign app host', { url: 'app://evil/index.html', parent: null }],
    ['a look-alike host', { url: 'app://firebreak.evil/index.html', parent: null }],
    ['about:blank', { url: 'about:blank', parent: null }],
    ['an empty URL', { url: '', parent: null }],
    ['a sub-frame of the app', { url: 'app://firebreak/index.html', parent: { url: 'app://firebreak/index.html' } }],
  ])('refuses %s', (_label, frame) => {
    expect(isTrustedSender(frame)).toBe(false);
  });
});
