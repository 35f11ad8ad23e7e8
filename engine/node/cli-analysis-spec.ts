import { err, ok, type Result } from '../util/result';
import type { AnalysisCommandName } from './cli-analysis-args';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A reverse shock given by flags over the spec's: `--asset`, `--assets` or `--loss-at` replace
 * what is shocked, `--at` the step; each leaves the other to the spec (`--at 5` alone moves the
 * spec's shock to step 5, `--asset ETH` alone keeps the spec's step).
 */
function overShock(spec: unknown, flags: Record<string, unknown>): Result<unknown, string> {
  if (flags.kind !== undefined) {
    const at = flags.at ?? (isObject(spec) ? spec.at : undefined);
    return ok(at === undefined ? flags : { ...flags, at });
  }
  if (!isObject(spec)) return err('--at <step> sets the step of the shock, and there is none to move: give the shock too (--asset <id>, --assets <id,id,…> or --loss-at <node>) or a "shock" in the spec');
  return ok({ ...spec, ...flags });
}

/**
 * A reverse target given by flags over the spec's: a target flag replaces it, except that
 * `--bad-debt <venue>` alone keeps the level (`above`) of the spec's venue_bad_debt target, and
 * `--above <usd>` alone sets the level of the spec's target.
 */
function overTarget(spec: unknown, flags: Record<string, unknown>): Result<unknown, string> {
  if (flags.kind === 'venue_bad_debt' && flags.above === undefined) {
    if (isObject(spec) && spec.kind === 'venue_bad_debt' && spec.above !== undefined) return ok({ ...flags, above: spec.above });
    return err('--bad-debt <venue> needs --above <usd> (the spec has no bad-debt level to keep)');
  }
  if (flags.kind !== undefined) return ok(flags);
  if (!isObject(spec) || spec.kind === undefined) return err('--above <usd> sets the level of the target, and there is none: give --bad-debt <venue> --above <usd>, or a "target" in the spec');
  if (spec.kind === 'node_default') return err(`--above <usd> sets the level of a bad-debt or total target; the spec's target is a default (node_default), which has none`);
  return ok({ ...spec, ...flags });
}

/**
 * Sweep axes: `--axis` sets the first axis of the spec, `--axis2` the second; an axis the flags do
 * not give stays the spec's.
 */
function overAxes(spec: unknown, first: unknown, second: unknown): Result<unknown, string> {
  const axes: unknown[] = Array.isArray(spec) ? [...(spec as unknown[])] : [];
  if (first !== undefined) axes[0] = first;
  if (second !== undefined) {
    if (axes.length === 0) return err('--axis2 <parameter>=… is the second axis: give the first with --axis (or in the spec\'s "axes")');
    axes[1] = second;
  }
  return ok(axes);
}

/**
 * The spec an analysis runs: the --spec document (and the --scenario file), each field given by a
 * flag overriding the spec's own — `--min` its `min`, `--at` its `shock.at`, `--axis2` its second
 * axis, `--draws` its `draws` — and every other field kept.
 */
export function specWithFlags(cmd: AnalysisCommandName, spec: Record<string, unknown>, fields: Record<string, unknown>): Result<Record<string, unknown>, string> {
  const out: Record<string, unknown> = { ...spec };
  for (const [key, value] of Object.entries(fields)) {
    if (cmd === 'reverse' && (key === 'shock' || key === 'target')) {
      const merged = key === 'shock' ? overShock(spec.shock, value as Record<string, unknown>) : overTarget(spec.target, value as Record<string, unknown>);
      if (!merged.ok) return merged;
      out[key] = merged.value;
    } else if (cmd !== 'sweep' || (key !== 'axis' && key !== 'axis2')) out[key] = value;
  }
  if (cmd === 'sweep' && (fields.axis !== undefined || fields.axis2 !== undefined)) {
    const axes = overAxes(spec.axes, fields.axis, fields.axis2);
    if (!axes.ok) return axes;
    out.axes = axes.value;
  }
  return ok(out);
}
