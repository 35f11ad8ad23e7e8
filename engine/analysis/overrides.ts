import type { CompiledWorkspace } from '../sim/compiled';
import { oracleSteps, type SimModel } from '../sim/model';
import { err, ok, type Result } from '../util/result';
import { MAX_MAGNITUDE } from '../util/magnitude';
import { shown } from '../util/shown';

/**
 * Edits of workspace values an analysis may vary without a re-import: an oracle's timing, a
 * node's external assets, an asset's pool depth (MODEL §1 names and rules). They are applied
 * at compile time to a copy of the few arrays they touch; positions and every index built from
 * them are shared with the open workspace.
 */
export interface WorkspaceOverrides {
  oracles?: Record<string, { delay_steps?: number; deviation?: number; heartbeat_steps?: number }>;
  nodes?: Record<string, { external_assets_usd?: number }>;
  assets?: Record<string, { depth_usd?: number }>;
}

export type OracleField = 'delay_steps' | 'deviation' | 'heartbeat_steps';
export type OverrideTarget = { kind: 'oracle'; id: string; field: OracleField } | { kind: 'node'; id: string; field: 'external_assets_usd' } | { kind: 'asset'; id: string; field: 'depth_usd' };

export const ORACLE_FIELDS: readonly OracleField[] = ['delay_steps', 'deviation', 'heartbeat_steps'];

/** Is `v` a valid value for the target's column (MODEL §1)? Returns the rule broken, or null. */
export function overrideRule(t: OverrideTarget, v: number): string | null {
  if (!Number.isFinite(v)) return 'must be a finite number';
  switch (t.field) {
    case 'delay_steps':
      return Number.isInteger(v) && v >= 0 ? null : 'must be an integer ≥ 0';
    case 'heartbeat_steps':
      return Number.isInteger(v) && v >= 1 ? null : 'must be an integer ≥ 1';
    case 'deviation':
      return v >= 0 ? null : 'must be ≥ 0';
    case 'external_assets_usd':
      return v >= 0 && v <= MAX_MAGNITUDE ? null : `must be from 0 to ${MAX_MAGNITUDE} (USD)`;
    case 'depth_usd':
      // As the workspace's rule: beyond it a pool's reserve and its products leave a double's range.
      return v > 0 && v <= MAX_MAGNITUDE ? null : `must be > 0 and at most ${MAX_MAGNITUDE} (USD)`;
  }
}

/** Checks that the target names an existing id of the right kind. */
export function overrideTargetProblem(t: OverrideTarget, m: SimModel): string | null {
  const ids = t.kind === 'oracle' ? m.oracleIds : t.kind === 'node' ? m.nodeIds : m.assetIds;
  if (!ids.includes(t.id)) return `names an unknown ${t.kind}: ${JSON.stringify(t.id)}`;
  if (t.kind === 'asset' && t.id === 'USD') return 'USD is the numéraire: it has no pool';
  return null;
}

/** Adds one value to a set of overrides (a copy). */
export function withOverride(base: WorkspaceOverrides, t: OverrideTarget, v: number): WorkspaceOverrides {
  const out: WorkspaceOverrides = { oracles: { ...base.oracles }, nodes: { ...base.nodes }, assets: { ...base.assets } };
  if (t.kind === 'oracle') (out.oracles as NonNullable<WorkspaceOverrides['oracles']>)[t.id] = { ...base.oracles?.[t.id], [t.field]: v };
  else if (t.kind === 'node') (out.nodes as NonNullable<WorkspaceOverrides['nodes']>)[t.id] = { ...base.nodes?.[t.id], [t.field]: v };
  else (out.assets as NonNullable<WorkspaceOverrides['assets']>)[t.id] = { ...base.assets?.[t.id], [t.field]: v };
  return out;
}

function* entries(ov: WorkspaceOverrides): Generator<[OverrideTarget, unknown]> {
  for (const [id, o] of Object.entries(ov.oracles ?? {})) for (const [f, v] of Object.entries(o)) yield [{ kind: 'oracle', id, field: f as OracleField }, v];
  for (const [id, o] of Object.entries(ov.nodes ?? {})) for (const [f, v] of Object.entries(o)) yield [{ kind: 'node', id, field: f as 'external_assets_usd' }, v];
  for (const [id, o] of Object.entries(ov.assets ?? {})) for (const [f, v] of Object.entries(o)) yield [{ kind: 'asset', id, field: f as 'depth_usd' }, v];
}

const FIELDS_OF = { oracles: ORACLE_FIELDS, nodes: ['external_assets_usd'], assets: ['depth_usd'] } as const;

/** Narrows overrides arriving as JSON; every problem is listed as `where: rule`. */
export function narrowOverrides(raw: unknown, m: SimModel): Result<WorkspaceOverrides, string[]> {
  if (raw === undefined || raw === null) return ok({});
  const problems: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(raw)) return err(['overrides: must be an object {oracles?, nodes?, assets?}']);
  const out: WorkspaceOverrides = {};
  for (const [group, value] of Object.entries(raw)) {
    if (!(group in FIELDS_OF)) {
      problems.push(`overrides.${group}: is not a kind of override; expected oracles, nodes or assets`);
      continue;
    }
    const g = group as keyof typeof FIELDS_OF;
    if (!isObj(value)) {
      problems.push(`overrides.${g}: must be an object keyed by id`);
      continue;
    }
    const dest: Record<string, Record<string, number>> = {};
    for (const [id, fields] of Object.entries(value)) {
      if (!isObj(fields)) {
        problems.push(`overrides.${g}.${id}: must be an object of fields`);
        continue;
      }
      dest[id] = {};
      for (const [f, v] of Object.entries(fields)) {
        if (!(FIELDS_OF[g] as readonly string[]).includes(f)) {
          problems.push(`overrides.${g}.${id}.${f}: is not a field that can be overridden; expected ${FIELDS_OF[g].join(', ')}`);
          continue;
        }
        (dest[id] as Record<string, number>)[f] = v as number;
      }
    }
    (out as Record<string, unknown>)[g] = dest;
  }
  for (const [t, v] of entries(out)) {
    const where = `overrides.${t.kind}s.${t.id}.${t.field}`;
    const p = overrideTargetProblem(t, m) ?? (typeof v === 'number' ? overrideRule(t, v) : 'must be a number');
    if (p) problems.push(`${where}: ${p}, got ${shown(v)}`);
  }
  return problems.length ? err(problems) : ok(out);
}

export function hasOverrides(ov: WorkspaceOverrides): boolean {
  return !entries(ov).next().done;
}

/**
 * The compiled workspace with overrides applied: a shallow copy whose model has its own copy
 * of the overridden columns (and the quiet-step count of MODEL §4.8 recomputed). The index and
 * valuation books are shared, so runs on either still go one at a time. Overrides must be narrowed.
 */
export function applyOverrides(cw: CompiledWorkspace, ov: WorkspaceOverrides): CompiledWorkspace {
  if (!hasOverrides(ov)) return cw;
  const m = cw.model;
  const model: SimModel = {
    ...m,
    oracleDelay: Int32Array.from(m.oracleDelay),
    oracleDeviation: Float64Array.from(m.oracleDeviation),
    oracleHeartbeat: Int32Array.from(m.oracleHeartbeat),
    nodeExternal: Float64Array.from(m.nodeExternal),
    assetReserve: Float64Array.from(m.assetReserve),
  };
  for (const [t, v] of entries(ov)) {
    const value = v as number;
    if (t.kind === 'oracle') {
      const o = m.oracleIds.indexOf(t.id);
      if (t.field === 'delay_steps') model.oracleDelay[o] = oracleSteps(value);
      else if (t.field === 'deviation') model.oracleDeviation[o] = value;
      else model.oracleHeartbeat[o] = oracleSteps(value);
    } else if (t.kind === 'node') model.nodeExternal[m.nodeIds.indexOf(t.id)] = value;
    else {
      const a = m.assetIds.indexOf(t.id);
      model.assetReserve[a] = value / (m.assetPrice[a] as number);
    }
  }
  let quiet = 0;
  for (let o = 0; o < model.oracleIds.length; o++) quiet = Math.max(quiet, (model.oracleDelay[o] as number) + (model.oracleHeartbeat[o] as number));
  return { ...cw, model, quietSteps: 1 + quiet };
}
