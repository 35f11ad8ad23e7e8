export interface Kernel {
  wat: string;
  ts: string;
  name: string;
}
export const KERNELS: Kernel[];
export function assemble(watPath: string): Promise<Uint8Array>;
export function moduleSource(kernel: Kernel, bytes: Uint8Array): string;
