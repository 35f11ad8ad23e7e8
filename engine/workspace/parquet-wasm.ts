import { initSync, readParquet } from 'parquet-wasm/esm';

/** Where the Parquet decoder's WebAssembly comes from: the bytes of parquet-wasm's .wasm file, as the host has them. */
export type ParquetWasmSource = () => Uint8Array | ArrayBuffer | Promise<Uint8Array | ArrayBuffer>;

let source: ParquetWasmSource | null = null;
let ready = false;
let failure: string | null = null;
let pending: Promise<void> | null = null;

/**
 * Tells the engine where parquet-wasm's WebAssembly is (the host reads it from the installed
 * package or the app bundle; nothing is fetched from the network). Until then Parquet files are
 * refused with a clear problem.
 */
export function provideParquetWasm(load: ParquetWasmSource): void {
  source = load;
}

/** Loads the decoder ahead of an import when the host's source is asynchronous (a browser worker). */
export async function prepareParquet(): Promise<void> {
  if (ready || failure || !source) return;
  pending ??= Promise.resolve()
    .then(() => (source as ParquetWasmSource)())
    .then(start, (e: unknown) => {
      failure = `the Parquet decoder could not be loaded (${e instanceof Error ? e.message : String(e)})`;
    });
  await pending;
}

function start(bytes: Uint8Array | ArrayBuffer): void {
  try {
    initSync({ module: bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes) });
    ready = true;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    failure = /Content.Security.Policy/i.test(message)
      ? "this window's security policy does not allow WebAssembly ('wasm-unsafe-eval'), which the Parquet decoder is; read the file with the command line, or save the table as CSV or Arrow"
      : `the Parquet decoder could not start (${message})`;
  }
}

/** The decoder, or why there is none. Starts it on first use when the host's source is synchronous (Node). */
export function parquetDecoder(): { readParquet: typeof readParquet } | string {
  if (!ready && !failure && source) {
    const bytes = source();
    if (bytes instanceof Promise) {
      pending ??= bytes.then(start, () => undefined);
      return 'the Parquet decoder is still loading; try again';
    }
    start(bytes);
  }
  if (ready) return { readParquet };
  return failure ?? 'Parquet cannot be read here: this build of Firebreak has no Parquet decoder';
}
