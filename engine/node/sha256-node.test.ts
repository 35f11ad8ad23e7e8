import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256OfParts } from '../util/hash';

describe("Node's streaming SHA-256 for sha256OfParts", () => {
  it('gives the digest WebCrypto gives over the parts in one buffer', async () => {
    const samples = fc.sample(fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 8 }), { numRuns: 40, seed: 7 });
    const viaWebCrypto: string[] = [];
    for (const parts of samples) viaWebCrypto.push(await sha256OfParts(parts));
    expect(await sha256OfParts([new TextEncoder().encode('ab'), new TextEncoder().encode('c')])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');

    await import('./sha256-node');
    for (let k = 0; k < samples.length; k++) expect(await sha256OfParts(samples[k] as Uint8Array[])).toBe(viaWebCrypto[k]);
    expect(await sha256OfParts([new TextEncoder().encode('ab'), new TextEncoder().encode('c')])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256OfParts([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
