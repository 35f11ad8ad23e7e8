import { createHash } from 'node:crypto';
import { provideSha256Stream } from '../util/hash';

// Node's SHA-256 takes the parts one by one (see provideSha256Stream); the same digest as WebCrypto's.
provideSha256Stream(() => {
  const h = createHash('sha256');
  return {
    update: (part) => void h.update(part),
    hex: () => h.digest('hex'),
  };
});
