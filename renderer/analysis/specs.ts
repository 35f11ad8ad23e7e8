/**
 * The analysis specs (engine/analysis/*-spec.ts JSON) built from the forms. Numbers are read as
 * typed ("−30%" is −0.3); anything else is passed on as text for the engine to name the problem.
 */
import type { McForm, ReverseForm, SweepForm, SystemicForm } from '../store/analysis-slice';

export type Json = Record<string, unknown>;

/** A typed value: a number (percentages divided by 100), undefined when empty, else the text. */
export function readValue(text: string): number | string | undefined {
  let t = text.trim().replace(/[−–]/g, '-').replace(/[\s_]/g, '');
  // "0,35" is a decimal comma; "1,000" and "1,000.5" have thousands separators.
  t = /^-?\d+,\d{1,2}%?$/.test(t) ? t.replace(',', '.') : t.replace(/,/g, '');
  if (t === '') return undefined;
  const percent = t.endsWith('%');
  const digits = percent ? t.slice(0, -1) : t;
  // Decimal notation only: Number() also reads "0x10", "0b11" and "0o7".
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(digits)) return text.trim();
  const n = Number(digits);
  if (!Number.isFinite(n)) return text.trim();
  return percent ? Number((n / 100).toPrecision(12)) : n;
}

const put = (o: Json, key: string, text: string): void => {
  const v = readValue(text);
  if (v !== undefined) o[key] = v;
};

/** The base of a reverse test or Monte Carlo with no event of its own: the active scenario's horizon and options. */
export function quietScenario(active: Json | null): Json {
  return { name: 'No other event', steps: active?.steps ?? 50, events: [], options: active?.options ?? {} };
}

export function sweepSpec(form: SweepForm, scenario: Json): Json {
  const axes = form.axes.map((a) => {
    const axis: Json = { parameter: a.param };
    put(axis, 'from', a.from);
    put(axis, 'to', a.to);
    put(axis, 'points', a.points);
    return axis;
  });
  return { scenario, axes, kpi: form.kpi };
}

export function reverseShock(form: ReverseForm): Json {
  const shock: Json = { kind: form.shockKind };
  if (form.shockKind === 'asset') shock.asset = form.asset;
  else if (form.shockKind === 'assets') shock.assets = form.assets;
  else shock.node = form.node;
  put(shock, 'at', form.at);
  return shock;
}

function range(form: ReverseForm, out: Json): Json {
  put(out, 'min', form.min);
  put(out, 'max', form.max);
  put(out, 'tolerance', form.tolerance);
  put(out, 'samples', form.samples);
  return out;
}

export function reverseTarget(form: ReverseForm): Json {
  if (form.targetKind === 'node_default') return { kind: 'node_default', node: form.targetNode };
  const target: Json = { kind: form.targetKind };
  if (form.targetKind === 'venue_bad_debt') target.venue = form.targetVenue;
  put(target, 'above', form.above);
  return target;
}

export function reverseSpec(form: ReverseForm, scenario: Json): Json {
  return range(form, { scenario, shock: reverseShock(form), target: reverseTarget(form) });
}

/** Distance to default of every node that owes something, under the reverse test's shock and search settings. */
export function distanceSpec(form: ReverseForm, scenario: Json): Json {
  return range(form, { scenario, shock: reverseShock(form) });
}

/** The key of a pair of assets, whichever order they are given in. */
export const corrKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The correlation of assets i and j as typed (1 on the diagonal, 0 where none was given). */
export function corrText(form: McForm, i: number, j: number): string {
  if (i === j) return '1';
  return form.corr[corrKey(form.assets[i] as string, form.assets[j] as string)] ?? '0';
}

export function mcSpec(form: McForm, scenario: Json): Json {
  const n = form.assets.length;
  const spec: Json = {
    scenario,
    assets: form.assets,
    vols: form.assets.map((a) => readValue(form.vols[a] ?? '') ?? null),
    correlation: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => readValue(corrText(form, i, j)) ?? null)),
    rank_by: form.metric,
    worst: 10,
  };
  put(spec, 'draws', form.draws);
  put(spec, 'seed', form.seed);
  put(spec, 'at', form.at);
  put(spec, 'nu', form.nu);
  if (form.jumps) {
    const jumps: Json = { scope: form.jumpScope };
    put(jumps, 'probability', form.jumpProbability);
    put(jumps, 'mean', form.jumpMean);
    put(jumps, 'vol', form.jumpVol);
    spec.jumps = jumps;
  }
  return spec;
}

/** The scenario whose step-0 external losses are DebtRank's initial distress. */
export function debtRankScenario(form: SystemicForm, scenarios: { id: string; json: Json }[], active: Json | null): Json {
  if (form.source === 'scenario') {
    const chosen = scenarios.find((s) => s.id === form.scenarioId);
    if (chosen !== undefined) return chosen.json;
  }
  const event: Json = { type: 'external_loss', node: form.node, at: 0 };
  put(event, 'fraction', form.fraction);
  return { ...quietScenario(active), name: `${form.node} loses ${form.fraction} of its external assets`, events: [event] };
}

/** Default impact of every node, with the horizon and options of the active scenario. */
export function impactSpec(active: Json | null): Json {
  return { scenario: quietScenario(active) };
}

/** Lines of an `invalid-request` spec error ("The sweep spec has 2 problems:\n  a\n  b") as a list. */
export function specProblems(message: string): string[] {
  const lines = message.split('\n');
  if (lines.length > 1 && /^The \w+ spec has \d+ problem/.test(lines[0] as string)) return lines.slice(1).map((l) => l.trim()).filter((l) => l !== '');
  return [message];
}

/** Problems by form field: the first field whose prefixes a problem starts with takes it; the rest are the form's. */
export function problemsByField(problems: readonly string[], fields: Readonly<Record<string, readonly string[]>>): { byField: Record<string, string[]>; rest: string[] } {
  const byField: Record<string, string[]> = {};
  const rest: string[] = [];
  for (const p of problems) {
    const field = Object.entries(fields).find(([, prefixes]) => prefixes.some((x) => p.startsWith(x)))?.[0];
    if (field === undefined) rest.push(p);
    else (byField[field] ??= []).push(p);
  }
  return { byField, rest };
}

/** Adds or removes an asset (in the workspace's order); a new pair starts at a correlation of 0.7. */
export function toggleAsset(form: McForm, order: readonly string[], asset: string, on: boolean): Partial<McForm> {
  const assets = order.filter((a) => (a === asset ? on : form.assets.includes(a)));
  if (!on) return { assets };
  const corr = { ...form.corr };
  for (const other of form.assets) corr[corrKey(other, asset)] ??= '0.7';
  return { assets, vols: { ...form.vols, [asset]: form.vols[asset] ?? '0.15' }, corr };
}
