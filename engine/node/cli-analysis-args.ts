import { err, ok, type Result } from '../util/result';
import { splitArgs, type SplitArgs } from './cli-split';

export type AnalysisCommandName = 'sweep' | 'reverse' | 'montecarlo' | 'debtrank';

/**
 * An analysis command: the workspace, the files a spec comes from, and the spec fields given
 * as options (they win over the --spec file's).
 */
export interface AnalysisCommand {
  cmd: AnalysisCommandName;
  workspace: string;
  scenario: string | null;
  specFile: string | null;
  fields: Record<string, unknown>;
  json: boolean;
  out: string | null;
  /** null: cores − 1; 0: in this process. */
  workers: number | null;
  /** reverse: rank every node by its own threshold (distance to default). */
  rank: boolean;
  /** debtrank: add the default impact of every node. */
  impact: boolean;
  /** --out may replace files no earlier run of the analysis wrote. */
  force: boolean;
}

export const ANALYSIS_USAGE = `  firebreak sweep <workspace-folder> --scenario <file.json> --axis <parameter>=<from>:<to>:<points> [--axis2 <parameter>=<v1>,<v2>,…] [--kpi <kpi>] [--spec <file.json>] [--json] [--out <dir>] [--force] [--workers <N>]
  firebreak reverse <workspace-folder> --scenario <file.json> (--asset <id> | --assets <id,id,…> | --loss-at <node>) (--default <node> | --bad-debt <venue> --above <usd> | --total-loss <usd> | --total-bad-debt <usd> | --total-liquidated <usd>) [--at <step>] [--min <m>] [--max <m>] [--tolerance <t>] [--samples <n>] [--json] [--out <dir>] [--force]
  firebreak reverse <workspace-folder> --scenario <file.json> (--asset … | --assets … | --loss-at …) --rank [--nodes <id,id,…>] [--json] [--out <dir>] [--force] [--workers <N>]
  firebreak reverse <workspace-folder> --spec <file.json> [any flag above: each overrides its field of the spec, --at the shock's step, --above the target's level]
  firebreak montecarlo <workspace-folder> --spec <file.json> [--scenario <file.json>] [--draws <N>] [--seed <S>] [--worst <N>] [--json] [--out <dir>] [--force] [--workers <N>]
  firebreak debtrank <workspace-folder> --scenario <file.json> [--impact] [--json] [--out <dir>] [--force] [--workers <N>]
    parameters: event[<i>].<field> (change, factor, price, amount_usd, fraction, at, from, to, length), event[<i>,<j>].change,
    oracle[<id>].delay_steps|deviation|heartbeat_steps, node[<id>].external_assets_usd, asset[<id>].depth_usd
    --axis, --axis2: a range <from>:<to>:<points> or a list <v1>,<v2>,…; with --spec, each replaces that axis of the spec
    --min, --max, --tolerance: shock magnitudes, the fraction of the price dropped for --asset/--assets (0.3 = −30%; default 0 to 0.99), USD for --loss-at (default 0 to the node's external assets)
    --draws, --seed: default 1000 and 1 (the same seed gives the same draws); flags beside --spec override its fields
    --out <dir>: writes result.json and the tables as .arrow and .csv, all or none; it replaces the files an earlier run of the analysis wrote there, others only with --force, and never the files it reads
    --workers <N>: worker threads (default: cores − 1, at least 1; at most one per logical processor; 0 runs in this process)`;

const SPECS: Record<AnalysisCommandName, { valued: readonly string[]; boolean: readonly string[] }> = {
  sweep: { valued: ['scenario', 'spec', 'axis', 'axis2', 'kpi', 'workers', 'out'], boolean: ['json', 'force'] },
  reverse: {
    valued: ['scenario', 'spec', 'asset', 'assets', 'loss-at', 'at', 'default', 'bad-debt', 'above', 'total-loss', 'total-bad-debt', 'total-liquidated', 'min', 'max', 'tolerance', 'samples', 'nodes', 'workers', 'out'],
    boolean: ['json', 'rank', 'force'],
  },
  montecarlo: { valued: ['scenario', 'spec', 'draws', 'seed', 'worst', 'workers', 'out'], boolean: ['json', 'force'] },
  debtrank: { valued: ['scenario', 'workers', 'out'], boolean: ['json', 'impact', 'force'] },
};

export function isAnalysisCommand(cmd: string): cmd is AnalysisCommandName {
  return cmd in SPECS;
}

function split(args: readonly string[], spec: { valued: readonly string[]; boolean: readonly string[] }): Result<SplitArgs, string> {
  return splitArgs(args, { ...spec, short: { o: 'out' } });
}

function number(text: string, name: string): Result<number, string> {
  const n = Number(text.replace(/_/g, ''));
  return text.trim() !== '' && Number.isFinite(n) ? ok(n) : err(`--${name} expects a number, got "${text}"`);
}

function integer(text: string, name: string, min: number): Result<number, string> {
  const n = number(text, name);
  if (!n.ok) return n;
  return Number.isSafeInteger(n.value) && n.value >= min ? n : err(`--${name} expects an integer ≥ ${min}, got "${text}"`);
}

/** `<parameter>=<from>:<to>:<points>` or `<parameter>=<v1>,<v2>,…`. */
export function parseAxis(text: string, name: string): Result<Record<string, unknown>, string> {
  const eq = text.lastIndexOf('=');
  if (eq <= 0) return err(`--${name} expects <parameter>=<from>:<to>:<points> or <parameter>=<v1>,<v2>,…, got "${text}"`);
  const parameter = text.slice(0, eq).trim();
  const rhs = text.slice(eq + 1);
  if (rhs.includes(':')) {
    const parts = rhs.split(':');
    if (parts.length !== 3) return err(`--${name}: a range is <from>:<to>:<points>, got "${rhs}"`);
    const from = number(parts[0] as string, name);
    const to = number(parts[1] as string, name);
    const points = integer(parts[2] as string, name, 1);
    if (!from.ok) return from;
    if (!to.ok) return to;
    if (!points.ok) return points;
    return ok({ parameter, from: from.value, to: to.value, points: points.value });
  }
  const values: number[] = [];
  for (const v of rhs.split(',')) {
    const n = number(v, name);
    if (!n.ok) return n;
    values.push(n.value);
  }
  return ok({ parameter, values });
}

const list = (text: string) => text.split(',').map((s) => s.trim());
/** A comma-separated flag value with an empty item (",,", or a comma at an end), named; else null. */
const emptyItem = (flag: string, text: string | null): string | null => (text !== null && list(text).some((x) => x === '') ? `--${flag} lists an empty name (two commas together, or one at an end): ${text}` : null);

/**
 * Reverse's flags as spec fields; with a --spec (`fromSpec`) the shock and the target may be left
 * to it, and a flag may give one field of them (`--at` the shock's step, `--above` the target's
 * level): specWithFlags merges them into the spec's.
 */
function reverseFields(f: Map<string, string | true>, fromSpec: boolean): Result<Record<string, unknown>, string> {
  const s = (k: string) => (typeof f.get(k) === 'string' ? (f.get(k) as string) : null);
  const out: Record<string, unknown> = {};
  const at = s('at') === null ? null : integer(s('at') as string, 'at', 0);
  if (at && !at.ok) return at;
  const shocks = ['asset', 'assets', 'loss-at'].filter((k) => f.has(k));
  if (shocks.length > 1) return err(`give one shock: --${shocks.join(' or --')}`);
  if (shocks.length === 0 && !fromSpec) return err('give the shock to search: --asset <id> (a price drop), --assets <id,id,…> (the same drop of several) or --loss-at <node> (an external loss)');
  const atField = at ? { at: at.value } : {};
  if (at) out.shock = atField;
  if (s('asset')) out.shock = { kind: 'asset', asset: s('asset'), ...atField };
  const empty = emptyItem('assets', s('assets')) ?? emptyItem('nodes', s('nodes'));
  if (empty) return err(empty);
  if (s('assets')) out.shock = { kind: 'assets', assets: list(s('assets') as string), ...atField };
  if (s('loss-at')) out.shock = { kind: 'external_loss', node: s('loss-at'), ...atField };
  const targets = ['default', 'bad-debt', 'total-loss', 'total-bad-debt', 'total-liquidated'].filter((k) => f.has(k));
  if (targets.length > 1) return err(`give one target: --${targets.join(' or --')}`);
  // Conflicting flags are refused rather than one of them dropped without a word.
  const targetFlag = targets[0] ?? (f.has('above') ? 'above' : null);
  if (f.has('rank') && targetFlag !== null) return err(`--rank ranks every node by the shock that makes it default; it takes no target (drop --${targetFlag}, or --rank to search for that target)`);
  if (f.has('nodes') && !f.has('rank')) return err('--nodes lists the nodes --rank ranks; without --rank, give the one target (--default <node>, …)');
  if (targets.length === 0 && !f.has('rank') && !fromSpec) return err('give the target to reach: --default <node>, --bad-debt <venue> --above <usd>, --total-loss <usd>, --total-bad-debt <usd> or --total-liquidated <usd> (or --rank, every node\'s distance to default)');
  if (f.has('above') && targets.length > 0 && !f.has('bad-debt')) return err(`--above goes with --bad-debt <venue>; --${targets[0]} takes its level itself`);
  if (f.has('above') && !f.has('bad-debt') && !fromSpec) return err('--above goes with --bad-debt <venue>');
  if (s('default')) out.target = { kind: 'node_default', node: s('default') };
  const above = s('above') === null ? null : number(s('above') as string, 'above');
  if (above && !above.ok) return above;
  // With a spec, --above alone sets its target's level and --bad-debt alone keeps it.
  if (above && !f.has('bad-debt')) out.target = { above: above.value };
  if (s('bad-debt')) {
    if (!above && !fromSpec) return err('--bad-debt <venue> needs --above <usd>');
    out.target = { kind: 'venue_bad_debt', venue: s('bad-debt'), ...(above ? { above: above.value } : {}) };
  }
  for (const [flag, kind] of [['total-loss', 'total_loss'], ['total-bad-debt', 'total_bad_debt'], ['total-liquidated', 'total_liquidated']] as const) {
    if (!s(flag)) continue;
    const level = number(s(flag) as string, flag);
    if (!level.ok) return level;
    out.target = { kind, above: level.value };
  }
  for (const k of ['min', 'max', 'tolerance']) {
    if (!s(k)) continue;
    const n = number(s(k) as string, k);
    if (!n.ok) return n;
    out[k] = n.value;
  }
  if (s('samples')) {
    const n = integer(s('samples') as string, 'samples', 1);
    if (!n.ok) return n;
    out.samples = n.value;
  }
  if (s('nodes')) out.nodes = list(s('nodes') as string);
  return ok(out);
}

/** Reads an analysis command's arguments (after the command name). */
export function parseAnalysisArgs(cmd: AnalysisCommandName, rest: readonly string[]): Result<AnalysisCommand, string> {
  const p = split(rest, SPECS[cmd]);
  if (!p.ok) return p;
  const { positional, flags } = p.value;
  const [workspace, ...extra] = positional;
  if (workspace === undefined) return err(`${cmd} expects a workspace folder: firebreak ${cmd} <workspace-folder> …`);
  if (extra.length) return err(`${cmd} expects one workspace folder, got also: ${extra.join(' ')}`);
  const s = (k: string) => (typeof flags.get(k) === 'string' ? (flags.get(k) as string) : null);
  let workers: number | null = null;
  if (s('workers') !== null) {
    const w = integer(s('workers') as string, 'workers', 0);
    if (!w.ok) return w;
    workers = w.value;
  }
  const fields: Record<string, unknown> = {};
  if (cmd === 'sweep') {
    // The first and the second axis: each replaces the spec's (specWithFlags).
    for (const k of ['axis', 'axis2']) {
      if (s(k) === null) continue;
      const a = parseAxis(s(k) as string, k);
      if (!a.ok) return a;
      fields[k] = a.value;
    }
    const [a1, a2] = [fields.axis, fields.axis2] as ({ parameter: string } | undefined)[];
    if (a1 && a2 && a1.parameter === a2.parameter) {
      return err(`--axis and --axis2 set the same parameter (${a1.parameter}): the second would overwrite the first at every point; give two parameters`);
    }
    if (a2 && !a1 && s('spec') === null) return err('--axis2 <parameter>=… is the second axis: give the first with --axis <parameter>=<from>:<to>:<points>');
    if (s('kpi')) fields.kpi = s('kpi');
  } else if (cmd === 'reverse') {
    const r = reverseFields(flags, s('spec') !== null);
    if (!r.ok) return r;
    Object.assign(fields, r.value);
  } else if (cmd === 'montecarlo') {
    for (const k of ['draws', 'seed', 'worst']) {
      if (s(k) === null) continue;
      const n = integer(s(k) as string, k, k === 'draws' ? 1 : 0);
      if (!n.ok) return n;
      fields[k] = n.value;
    }
  }
  const scenario = s('scenario');
  if (cmd === 'debtrank' && scenario === null) return err('debtrank expects --scenario <file.json> (its step-0 external losses are the initial distress)');
  if (cmd !== 'debtrank' && scenario === null && s('spec') === null) return err(`${cmd} expects --scenario <file.json> or --spec <file.json>`);
  return ok({ cmd, workspace, scenario, specFile: s('spec'), fields, json: flags.has('json'), out: s('out'), workers, rank: flags.has('rank'), impact: flags.has('impact'), force: flags.has('force') });
}
