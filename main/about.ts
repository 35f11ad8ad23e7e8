import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppInfo } from './host-api';

/**
 * A hash of the build itself: the main and preload bundles and the renderer's entry page (whose
 * script names carry Vite's content hashes). Two installs with the same hash run the same code.
 */
export async function buildHash(appPath: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [['dist', 'main', 'index.cjs'], ['dist', 'main', 'preload.cjs'], ['dist', 'renderer', 'index.html']]) {
    try {
      hash.update(await readFile(join(appPath, ...file)));
    } catch {
      return 'unknown';
    }
  }
  return hash.digest('hex').slice(0, 12);
}

/** The About box: version and build, every runtime version, and what the app never does. */
export function aboutDetail(info: AppInfo, build: string): string {
  return [
    `Version ${info.version} (build ${build})${info.packaged ? '' : ', development'}`,
    ...Object.entries(info.versions).map(([k, v]) => `${k[0]?.toUpperCase() ?? ''}${k.slice(1)} ${v}`),
    `Platform ${info.platform}`,
    '',
    'Offline by design: no telemetry, no update checks, no crash reports.',
    `${info.blockedRequests} outgoing request${info.blockedRequests === 1 ? '' : 's'} blocked this session.`,
  ].join('\n');
}
