import type { DebtRankResult, DistanceResult, Distribution, ImpactResult, MonteCarloResult, ReverseResult, SweepResult } from '../analysis/analysis-types';
import type { ReverseShock } from '../analysis/reverse-spec';
import { shockLabel, targetLabel } from '../analysis/reverse-spec';
import { columns, int, money, ms, percent } from './cli-format';

interface Meta {
  workspace: string;
  /** The spec changed workspace values: the scenario files reproduce only with them (overrides.json beside them). */
  overrides?: boolean;
  /** The --out folder, or null. */
  out?: string | null;
  import_ms: number;
  analysis_ms: number;
  workers: number;
  mode: string;
}

type Value = Record<string, unknown>;

const num = (x: number | null | undefined, f: (x: number) => string = String): string => (x === null || x === undefined || Number.isNaN(x) ? '—' : f(x));
const magnitude = (shock: ReverseShock, m: number | null): string => (m === null ? '—' : shock.kind === 'external_loss' ? money(m) : m === 0 ? '0%' : `−${(m * 100).toFixed(3)}%`);
const footer = (m: Meta, what: string) => `\n${what} on ${m.workers} worker${m.workers === 1 ? '' : 's'}${m.mode === 'in-process' ? ' (in process)' : ''}: import ${ms(m.import_ms)}, analysis ${ms(m.analysis_ms)}.\n`;

/** A sweep axis's value as the app shows it: changes and fractions in percent, amounts in USD, the rest as they are. */
function axisValue(parameter: string, v: number): string {
  const field = /\.(\w+)$/.exec(parameter)?.[1] ?? '';
  if (field === 'change' || field === 'fraction' || field === 'deviation') {
    const text = `${(v * 100).toFixed(2)}%`;
    return text.startsWith('-') ? `−${text.slice(1)}` : text;
  }
  if (field === 'amount_usd' || field === 'external_assets_usd' || field === 'depth_usd') return money(v);
  return String(v);
}

/** A KPI's value in its unit: USD for the sums, × for amplification, yes/no for converged, counts for the rest. */
function kpiText(kpi: string): (x: number) => string {
  if (kpi.endsWith('_usd')) return money;
  if (kpi === 'amplification') return (x) => `${x.toFixed(2)}×`;
  if (kpi === 'converged') return (x) => (x === 1 ? 'yes' : 'no');
  return (x) => int(x);
}

function sweepText(r: SweepResult, m: Meta): string {
  const lines = [`Sweep of ${m.workspace}: ${r.axes.map((a) => `${a.parameter} (${a.values.length} value${a.values.length === 1 ? '' : 's'})`).join(' × ')}`, ''];
  if (r.heatmap) {
    const [rowsAxis, colsAxis] = r.axes as [SweepResult['axes'][number], SweepResult['axes'][number]];
    lines.push(`${r.heatmap.kpi} — rows ${rowsAxis.parameter}, columns ${colsAxis.parameter}`);
    const unit = kpiText(r.heatmap.kpi);
    const rows = [['', ...colsAxis.values.map((v) => axisValue(colsAxis.parameter, v))], ...r.heatmap.values.map((row, i) => [axisValue(rowsAxis.parameter, rowsAxis.values[i] as number), ...row.map((x) => num(x, unit))])];
    lines.push(...columns(rows, rows[0]?.map(() => true)));
  } else {
    const axis = r.axes[0] as SweepResult['axes'][number];
    const rows = [[axis.parameter, 'total loss', 'bad debt', 'liquidated', 'defaults', 'amplification']];
    axis.values.forEach((v, i) =>
      rows.push([axisValue(axis.parameter, v), num(r.kpis.total_loss_usd[i], money), num(r.kpis.total_bad_debt_usd[i], money), num(r.kpis.total_liquidated_usd[i], money), num(r.kpis.defaults[i]), num(r.kpis.amplification[i], (x) => `${x.toFixed(2)}×`)]),
    );
    lines.push(...columns(rows, [false, true, true, true, true, true]));
  }
  return lines.join('\n') + footer(m, `${int(r.runs)} run${r.runs === 1 ? '' : 's'}`);
}

function distRow(name: string, d: Distribution, f: (x: number) => string): string[] {
  return [name, f(d.mean), f(d.var95), f(d.es95), f(d.var99), f(d.es99), f(d.max), percent(d.probability_positive)];
}

function monteCarloText(r: MonteCarloResult, m: Meta): string {
  const lines = [`Monte Carlo of ${m.workspace}: ${int(r.draws)} draws, seed ${r.seed}, ${r.distribution === 'normal' ? 'normal' : `Student-t ν = ${r.nu}`}, shocks to ${r.assets.join(', ')}`, ''];
  const rows = [['', 'mean', 'VaR 95%', 'ES 95%', 'VaR 99%', 'ES 99%', 'worst', 'P(> 0)']];
  rows.push(distRow('bad debt', r.total_bad_debt_usd, money), distRow('liquidations', r.total_liquidated_usd, money), distRow('total loss', r.total_loss_usd, money), distRow('defaults', r.defaults, (x) => x.toFixed(2)));
  // Bad debt per venue, the venues that took any in some draw, largest mean first.
  const venues = Object.entries(r.venues).filter(([, v]) => v.bad_debt_usd.max > 0).sort((a, b) => b[1].bad_debt_usd.mean - a[1].bad_debt_usd.mean);
  for (const [id, v] of venues) rows.push(distRow(`  bad debt at ${id}`, v.bad_debt_usd, money));
  lines.push(...columns(rows, [false, true, true, true, true, true, true, true]));
  const probs = Object.entries(r.default_probability).slice(0, 15);
  lines.push('', probs.length ? 'Default probability' : 'No node defaulted in any draw.');
  if (probs.length) lines.push(...columns(probs.map(([id, p]) => [`  ${id}`, percent(p, 2)]), [false, true]));
  if (r.worst.length) {
    lines.push('', `Worst draws by ${r.rank_by} (${openHint(m, 'each is written as', 'worst-<draw>.json')})`);
    const w = [['draw', 'bad debt', 'liquidated', 'defaults', 'shocks']];
    for (const d of r.worst) w.push([String(d.draw), money(d.total_bad_debt_usd), money(d.total_liquidated_usd), String(d.defaults), Object.entries(d.shocks).map(([a, x]) => `${a} ${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`).join(' ')]);
    lines.push(...columns(w, [true, true, true, true, false]));
  }
  return lines.join('\n') + footer(m, `${int(r.draws)} draws`);
}

/** Where a result's scenario file is written and how it is run again (with the spec's overrides when it had some). */
function openHint(m: Meta, what: string, file: string): string {
  const dir = m.out ?? '<dir>';
  const run = `firebreak run ${m.workspace} --scenario ${dir}/${file}${m.overrides ? ` --overrides ${dir}/overrides.json` : ''}`;
  return `${m.out ? '' : 'with --out <dir>, '}${what} ${dir}/${file}${m.overrides ? ', the spec\'s overrides as overrides.json' : ''}: open it with ${run}`;
}

function reverseText(r: ReverseResult, m: Meta): string {
  const lines = [`Reverse stress test of ${m.workspace}: smallest ${shockLabel(r.shock)} such that ${targetLabel(r.target)}`, ''];
  if (r.status === 'not_reached') {
    // The grid's ends are the range (--min, --max): a search that does not reach the target runs no bisection.
    const low = r.evaluations[0]?.magnitude ?? null;
    const high = r.evaluations[r.evaluations.length - 1]?.magnitude ?? null;
    lines.push(`Not reached over the range searched, ${magnitude(r.shock, low)} to ${magnitude(r.shock, high)} (${runsOf(r.evaluations.length)}): the largest shock tried does not bring it about; --max searches further.`);
  }
  else if (r.status === 'reached_at_min') lines.push(r.threshold !== null && r.threshold > 0 ? `Already reached at the smallest shock searched (${magnitude(r.shock, r.threshold)}); smaller ones were not searched.` : 'Already reached without the shock.');
  else lines.push(`Threshold: ${magnitude(r.shock, r.threshold)}  (between ${magnitude(r.shock, r.bracket?.[0] ?? null)} and ${magnitude(r.shock, r.bracket?.[1] ?? null)}, ${runsOf(r.evaluations.length)})`);
  if (!r.monotone) {
    const places = `${r.violations.length} place${r.violations.length === 1 ? '' : 's'}`;
    lines.push('', r.status === 'found' ? `Warning: the KPI is not monotone in the shock (${places}); a larger shock can do less harm here, so the threshold is the first crossing found:` : `Warning: the KPI is not monotone in the shock (${places}): a larger shock did less harm here:`);
    // The KPI in its unit: USD for the loss, bad debt and liquidation targets.
    const kpi = (x: number) => (r.target.kind === 'node_default' ? (x === 1 ? 'defaults' : 'does not default') : money(x));
    for (const v of r.violations.slice(0, 5)) lines.push(`  ${magnitude(r.shock, v.from.magnitude)} → ${kpi(v.from.value)}, ${magnitude(r.shock, v.to.magnitude)} → ${kpi(v.to.value)}`);
  }
  if (r.summary) {
    const s = r.summary;
    lines.push('', `At the threshold: liquidated ${money(s.total_liquidated_usd)}, bad debt ${money(s.total_bad_debt_usd)}, total loss ${money(s.total_loss_usd)}, ${Object.values(s.nodes).filter((n) => n.defaulted).length} default(s)`);
    if (r.path.length) lines.push(`Contagion path to ${r.pathNode}: ${r.path.join(' → ')}`);
    lines.push(`(${openHint(m, 'the run at the threshold is written as', 'threshold.json')})`);
  }
  return lines.join('\n') + footer(m, runsOf(r.evaluations.length));
}

function distanceText(r: DistanceResult, m: Meta): string {
  const lines = [`Distance to default in ${m.workspace}: the smallest ${shockLabel(r.shock)} that makes each node default`, ''];
  const rows = [['node', 'threshold', 'status']];
  // Met at the grid's first magnitude: "without the shock" only when that is no shock at all (--min 0).
  const atMin = (n: DistanceResult['nodes'][number]) => (n.threshold === null || n.threshold === 0 ? 'in default without the shock' : `in default at the smallest shock searched (${magnitude(r.shock, n.threshold)})`);
  const largest = magnitude(r.shock, r.samples[r.samples.length - 1] ?? null);
  for (const n of r.nodes) rows.push([n.node, n.status === 'found' ? magnitude(r.shock, n.threshold) : '—', n.status === 'found' ? (n.monotone ? '' : 'not monotone') : n.status === 'reached_at_min' ? atMin(n) : `not reached up to ${largest}`]);
  lines.push(...columns(rows, [false, true, false]));
  if (r.warnings?.length) lines.push('', ...r.warnings.map((w) => `Note: ${w}`));
  return lines.join('\n') + footer(m, `${int(r.nodes.length)} nodes`);
}

/** Rows a text table shows; --json and --out have them all. */
const SHOWN_ROWS = 25;
const moreRows = (n: number, what: string): string => `… and ${int(n)} more ${what} (--json or --out <dir> lists them all)`;

function debtRankText(r: DebtRankResult & { default_impact?: Omit<ImpactResult, 'tables'> }, m: Meta): string {
  const lines = [`DebtRank of ${m.workspace}`, '', `DebtRank: H = ${r.debtrank.H.toFixed(6)}, R = ${r.debtrank.R.toFixed(6)}; linear DebtRank: H = ${r.linear_debtrank.H.toFixed(6)}`, ''];
  const top = Object.entries(r.debtrank.nodes).filter(([, n]) => n.h > 0).sort((a, b) => b[1].h - a[1].h || (a[0] < b[0] ? -1 : 1));
  const rows = [['node', 'h', 'h initial', 'h linear']];
  for (const [id, n] of top.slice(0, SHOWN_ROWS)) rows.push([id, n.h.toFixed(4), n.h_initial.toFixed(4), (r.linear_debtrank.nodes[id]?.h ?? 0).toFixed(4)]);
  lines.push(...(top.length ? columns(rows, [false, true, true, true]) : ['No node is distressed: the scenario has no step-0 external loss.']));
  if (top.length > SHOWN_ROWS) lines.push(moreRows(top.length - SHOWN_ROWS, 'distressed nodes'));
  if (r.info.warnings.length) lines.push('', ...r.info.warnings.map((w) => `Note: ${w}`));
  const imp = r.default_impact;
  if (imp) {
    lines.push('', 'Default impact (loss to the others when the node loses all its external assets)');
    const t = [['node', 'loss to others', 'induced defaults', 'defaulted']];
    for (const n of imp.nodes.slice(0, SHOWN_ROWS)) t.push([n.node, money(n.loss_to_others_usd), String(n.induced_defaults), n.defaulted ? `step ${n.default_step}` : 'no']);
    lines.push(...columns(t, [false, true, true, false]));
    if (imp.nodes.length > SHOWN_ROWS) lines.push(moreRows(imp.nodes.length - SHOWN_ROWS, 'nodes'));
  }
  return lines.join('\n') + footer(m, 'DebtRank');
}

/** The text report of an analysis result (what `--json` prints as data). */
export function formatAnalysis(value: Value, meta: Meta): string {
  switch (value.kind) {
    case 'sweep':
      return sweepText(value as unknown as SweepResult, meta);
    case 'montecarlo':
      return monteCarloText(value as unknown as MonteCarloResult, meta);
    case 'reverse':
      return reverseText(value as unknown as ReverseResult, meta);
    case 'distance':
      return distanceText(value as unknown as DistanceResult, meta);
    default:
      return debtRankText(value as unknown as DebtRankResult, meta);
  }
}

function runsOf(n: number): string {
  return `${n} run${n === 1 ? '' : 's'}`;
}
