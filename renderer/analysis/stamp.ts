import type { AnalysisStamp } from '../../engine/analysis/analysis-types';
import type { EngineClient } from '../engine-client';

/** JSON with object keys sorted, so that equal documents hash equally. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

let version: Promise<string> | null = null;

/** A stamp for a result the coordinator does not stamp (DebtRank): the engine's version, the workspace and the spec hashed. */
export async function stampOf(engine: EngineClient, workspaceHash: string, spec: unknown): Promise<AnalysisStamp> {
  version ??= engine.request('engine.hello', {}).then((r) => (r.ok ? r.value.engineVersion : 'unknown'));
  return { engine_version: await version, workspace_hash: workspaceHash, spec_hash: await sha256(canonical(spec)) };
}
