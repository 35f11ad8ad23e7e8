// WebAssembly, for the projects whose libraries do not declare it (the engine's, its Node
// entries'): kernels compiled from bytes in the bundle (csv-scan.ts). DOM's lib declares the same.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number });
    readonly buffer: ArrayBuffer;
  }
  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, Memory>>);
    readonly exports: Record<string, unknown>;
  }
}
