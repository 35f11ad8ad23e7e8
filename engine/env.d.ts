// The engine runs in a browser worker and in Node; it may use only these web-standard globals.
interface TextDecoder {
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare var TextDecoder: {
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};
interface TextEncoder {
  encode(input?: string): Uint8Array;
}
declare var TextEncoder: { new (): TextEncoder };

// WebCrypto (browser workers and Node ≥ 20 expose it as globalThis.crypto).
interface SubtleCryptoLite {
  digest(algorithm: 'SHA-256', data: ArrayBufferView | ArrayBuffer): Promise<ArrayBuffer>;
}
declare var crypto: { subtle: SubtleCryptoLite; getRandomValues<T extends ArrayBufferView>(array: T): T };

// Timers (browser workers and Node): only for idle work that waits for the worker to be quiet.
declare function setTimeout(callback: () => void, ms: number): unknown;
