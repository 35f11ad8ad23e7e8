import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { provideParquetWasm } from '../workspace/parquet-wasm';

const WASM = 'parquet-wasm/esm/parquet_wasm_bg.wasm';

/** parquet-wasm's WebAssembly from the installed package (next to this bundle, or the working folder's). */
function wasmPath(): string {
  for (const base of [import.meta.url, join(process.cwd(), 'package.json')]) {
    try {
      return createRequire(base).resolve(WASM);
    } catch {
      // try the next place
    }
  }
  throw new Error(`${WASM} is not installed (run npm install)`);
}

// Imported for its effect: the engine in Node reads Parquet with the package's own WebAssembly.
provideParquetWasm(() => readFileSync(wasmPath()));
