import type { ImportProblem } from '../workspace/problems';
import type { RunSummary } from '../results/summary-types';
import type { Scenario } from '../scenario/scenario';
import { columns, counted, eventLabel, eventWhen, int, money, ms, percent, price, signedPercent } from './cli-format';
import { warningText } from './cli-problems';

export interface ReportInput {
  summary: RunSummary;
  scenario: Scenario;
  workspace: string;
  counts: Record<string, number>;
  /** Initial price of each asset, by id. */
  startPrices: Record<string, number>;
  /** Display names of nodes, by id (absent or empty: the id is shown alone). */
  names: Record<string, string>;
  importMs: number;
  runMs: number;
  engineVersion: string;
  /** The import's warnings (files left out, unknown columns, suspicious values): said with the run's. */
  importWarnings?: readonly ImportProblem[];
}

const TOP = 10;

/** The readable report of a run: KPIs with units, defaults with their contagion paths, venues, prices, warnings. */
export function formatReport(r: ReportInput): string {
  const s = r.summary;
  const out: string[] = [];
  const label = (id: string): string => {
    const m = /^event:(\d+)$/.exec(id);
    if (m) {
      const e = r.scenario.events[Number(m[1])];
      return e ? `${id} (${eventLabel(e)})` : id;
    }
    return id;
  };
  const who = (id: string): string => (r.names[id] && r.names[id] !== id ? `${id} (${r.names[id]})` : id);
  const nodeCount = Object.keys(s.nodes).length;
  const defaults = Object.entries(s.nodes)
    .filter(([, n]) => n.defaulted)
    .sort((a, b) => (a[1].default_step ?? 0) - (b[1].default_step ?? 0) || (a[0] < b[0] ? -1 : 1));

  out.push(`Firebreak ${r.engineVersion} — ${s.scenario}`);
  const c = r.counts;
  const sizes = ['positions', 'perps', 'nodes', 'obligations'].filter((k) => c[k] !== undefined).map((k) => counted(c[k] as number, k.slice(0, -1)));
  out.push(`Workspace ${r.workspace}: ${sizes.join(', ')}; imported in ${ms(r.importMs)}, simulated in ${ms(r.runMs)}`);
  if (r.scenario.events.length) {
    out.push('Events:');
    r.scenario.events.forEach((e, i) => out.push(`  event:${i}  ${eventLabel(e)}, ${eventWhen(e)}`));
  }
  out.push('');
  out.push(`Outcome (${int(s.steps_run)} step${s.steps_run === 1 ? '' : 's'} run, ${s.converged ? 'converged to a fixed point' : 'stopped at the horizon without converging'})`);
  out.push(
    ...columns(
      [
        ['  Total liquidated', money(s.total_liquidated_usd), 'debt repaid by liquidations'],
        ['  Bad debt', money(s.total_bad_debt_usd), 'left at venues after collateral ran out'],
        ['  Defaults', `${int(defaults.length)} of ${int(nodeCount)}`, 'nodes that could not pay their obligations'],
        ['  Total loss', money(s.total_loss_usd), 'equity lost, all nodes'],
        ['  Direct loss', money(s.direct_loss_usd), 'first-round loss of the events alone'],
        ['  Amplification', s.amplification === null ? 'n/a' : `${s.amplification.toFixed(2)}×`, 'total loss / direct loss'],
        ['  Steps run', int(s.steps_run), s.converged ? 'converged' : 'not converged'],
      ],
      [false, true, false],
    ),
  );

  out.push('');
  if (defaults.length === 0) out.push('Defaults: none');
  else {
    out.push(`Defaults, in order of step (${int(defaults.length)}):`);
    for (const [id, n] of defaults.slice(0, 50)) {
      out.push(`  step ${n.default_step}  ${who(id)}: paid ${money(n.payments_usd)} of ${money(n.obligations_usd)} owed (recovery ${percent(n.recovery_rate)})`);
      if (n.path.length) out.push(`           path: ${n.path.map(label).join(' → ')}`);
    }
    if (defaults.length > 50) out.push(`  … and ${int(defaults.length - 50)} more`);
  }

  const venues = Object.entries(s.venues).sort((a, b) => b[1].bad_debt_usd - a[1].bad_debt_usd || b[1].liquidated_usd - a[1].liquidated_usd);
  if (venues.length) {
    out.push('');
    out.push('Top venues by bad debt:');
    const rows = [['  venue', 'bad debt', 'liquidated', 'halted']];
    for (const [id, v] of venues.slice(0, TOP)) rows.push([`  ${who(id)}`, money(v.bad_debt_usd), money(v.liquidated_usd), v.halted_step === null ? '—' : `from step ${v.halted_step}`]);
    out.push(...columns(rows, [false, true, true, false]));
  }

  const losers = Object.entries(s.nodes)
    .map(([id, n]) => [id, n.equity_start_usd - n.equity_end_usd, n] as const)
    .filter(([, loss]) => loss > 0)
    .sort((a, b) => b[1] - a[1]);
  if (losers.length) {
    out.push('');
    out.push('Largest equity losses:');
    const rows = [['  node', 'start', 'end', 'loss', 'path']];
    for (const [id, loss, n] of losers.slice(0, TOP)) rows.push([`  ${id}`, money(n.equity_start_usd), money(n.equity_end_usd), money(loss), n.path.join(' → ')]);
    out.push(...columns(rows, [false, true, true, true, false]));
  }

  const assets = Object.keys(s.final_prices);
  if (assets.length) {
    out.push('');
    out.push('Prices (USD per unit):');
    const rows = [['  asset', 'start', 'end', 'change']];
    for (const a of assets) {
      const p0 = r.startPrices[a];
      const p1 = s.final_prices[a] as number;
      rows.push([`  ${a}`, p0 === undefined ? '—' : price(p0), price(p1), p0 ? signedPercent(p1 / p0 - 1) : '—']);
    }
    out.push(...columns(rows, [false, true, true, true]));
  }

  out.push('');
  const imported = r.importWarnings ?? [];
  if (s.warnings.length === 0 && imported.length === 0) out.push('Warnings: none');
  else {
    out.push('Warnings:');
    for (const w of s.warnings) out.push(`  - ${w}`);
    for (const p of imported.slice(0, TOP)) out.push(`  - ${warningText(p)}`);
    if (imported.length > TOP) out.push(`  - … and ${int(imported.length - TOP)} more import warnings (firebreak validate lists them all)`);
  }
  return out.join('\n') + '\n';
}
