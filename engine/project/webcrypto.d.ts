// The part of WebCrypto that project encryption uses, merged into engine/env.d.ts's declaration
// (the engine's tsconfig has no DOM types). Browsers, workers and Node ≥ 20 all provide it.
interface CryptoKey {
  readonly type: string;
}
type CryptoBytes = ArrayBufferView | ArrayBuffer;
interface SubtleCryptoLite {
  importKey(format: 'raw', keyData: CryptoBytes, algorithm: 'PBKDF2' | 'HKDF', extractable: false, usages: ('deriveBits' | 'deriveKey')[]): Promise<CryptoKey>;
  deriveBits(algorithm: { name: 'PBKDF2'; hash: 'SHA-256'; salt: CryptoBytes; iterations: number }, baseKey: CryptoKey, length: number): Promise<ArrayBuffer>;
  deriveBits(algorithm: { name: 'HKDF'; hash: 'SHA-256'; salt: CryptoBytes; info: CryptoBytes }, baseKey: CryptoKey, length: number): Promise<ArrayBuffer>;
  deriveKey(
    algorithm: { name: 'HKDF'; hash: 'SHA-256'; salt: CryptoBytes; info: CryptoBytes },
    baseKey: CryptoKey,
    derivedKeyType: { name: 'AES-GCM'; length: 256 },
    extractable: false,
    usages: ('encrypt' | 'decrypt')[],
  ): Promise<CryptoKey>;
  encrypt(algorithm: { name: 'AES-GCM'; iv: CryptoBytes; additionalData: CryptoBytes; tagLength: 128 }, key: CryptoKey, data: CryptoBytes): Promise<ArrayBuffer>;
  decrypt(algorithm: { name: 'AES-GCM'; iv: CryptoBytes; additionalData: CryptoBytes; tagLength: 128 }, key: CryptoKey, data: CryptoBytes): Promise<ArrayBuffer>;
}
