import type { Server } from 'node:http';

export const CONTENT_SECURITY_POLICY: string;
export function contentTypeOf(path: string): string;
export function resolveRequestPath(root: string, urlPath: string): Promise<string | null>;
export function serveStatic(options: { root: string; port?: number; log?: (line: string) => void }): Promise<{
  url: string;
  server: Server;
  close(): Promise<void>;
}>;
