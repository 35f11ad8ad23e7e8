import { RecordBatchStreamWriter } from 'apache-arrow';
import type { WorkspaceInfo } from './protocol';
import type { ScenarioIds } from './scenario/validate';
import { compileModel } from './sim/compile';
import { DEFAULT_OPTIONS } from './scenario/scenario';
import { prepare, type CompiledWorkspace } from './sim/compiled';
import { prepareStartingPoint } from './sim/starting-point';
import { sha256OfParts } from './util/hash';
import { canonicalTable } from './workspace/canonical-table';
import { TABLE_NAMES } from './workspace/schema';
import { tableCounts, type Workspace } from './workspace/workspace';

/** A validated workspace made ready to run: compiled once, hashed, with the ids scenarios may name. */
export interface OpenWorkspace {
  ws: Workspace;
  cw: CompiledWorkspace;
  ids: ScenarioIds;
  info: WorkspaceInfo;
}

export async function openWorkspace(ws: Workspace): Promise<OpenWorkspace> {
  const cw = prepare(compileModel(ws));
  // Every run on the workspace starts from this clearing; most use the default options.
  prepareStartingPoint(cw, DEFAULT_OPTIONS);
  const m = cw.model;
  const venues = m.nodeIds.filter((_, i) => m.nodeIsVenue[i] === 1);
  return {
    ws,
    cw,
    ids: {
      assets: new Set(m.assetIds),
      nodes: new Set(m.nodeIds),
      venues: new Set(venues),
      oracles: new Set(m.oracleIds),
      scale: new Map(m.assetIds.map((id, a) => [id, { price: m.assetPrice[a] as number, reserve: m.assetReserve[a] as number }])),
    },
    info: { counts: tableCounts(ws), warnings: ws.warnings, hash: await workspaceHash(ws) },
  };
}

/**
 * SHA-256 over every table's Arrow IPC stream (dictionaries in first-appearance order), in table
 * order, each prefixed by its name: the same rows hash the same from any file format.
 */
export async function workspaceHash(ws: Workspace): Promise<string> {
  const parts: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const name of TABLE_NAMES) {
    const t = ws.tables[name];
    if (!t) continue;
    parts.push(enc.encode(`${name}\n`));
    // The stream's pieces as the writer makes them (the columns' own buffers, not copies):
    // the bytes of tableToIPC(t, 'stream') without building each table's stream on its own.
    for await (const chunk of RecordBatchStreamWriter.writeAll(canonicalTable(t), { compressionType: null })) parts.push(chunk);
  }
  return sha256OfParts(parts);
}
