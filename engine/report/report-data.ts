import { CHANNELS } from '../losses/loss-graph';
import type { RunStamp, RunSummary } from '../results/summary-types';
import type { Scenario, ScenarioEvent } from '../scenario/scenario';
import type { Simulation } from '../sim/simulation';
import { runCharts } from '../view/run-charts';
import { describeEvent, describeHorizon, describeOptions, eventLabel } from './describe-event';
import type { ReportData, ReportHop, ReportNetwork, ReportPathNode, ReportVertex } from './report-types';

/** Defaulted nodes listed in a report (the count of all is in the KPIs). */
export const REPORT_DEFAULTS = 200;
/** Nodes that lost without defaulting, the largest first. */
export const REPORT_LOSERS = 10;
/** Equity down by more than this share of its start: `stressed`. */
export const STRESSED_SHARE = 0.1;

interface PairEdges {
  steps: number[];
  channels: number[];
  impacts: number[];
}

/**
 * The report of a finished run (MODEL §5–§6): KPIs, chart aggregates, defaults with their contagion
 * paths and the loss on each hop, the network of those paths at the final step, and the scenario's
 * events and options in plain language. `scenario` must be the one the run was made from.
 */
export function buildReportData(runId: string, sim: Simulation, summary: RunSummary, stamp: RunStamp, scenario: Scenario): ReportData {
  const m = sim.cw.model;
  const nN = m.nodeIds.length;
  const nA = m.assetIds.length;
  const kindOf = new Map<string, 'entity' | 'venue'>();
  for (let i = 0; i < nN; i++) kindOf.set(m.nodeIds[i] as string, m.nodeIsVenue[i] === 1 ? 'venue' : 'entity');

  const entries = Object.entries(summary.nodes);
  const defaulted = entries
    .filter(([, n]) => n.defaulted)
    .sort(([a, x], [b, y]) => (x.default_step ?? 0) - (y.default_step ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  const loss = (n: { equity_start_usd: number; equity_end_usd: number }) => Math.max(0, n.equity_start_usd - n.equity_end_usd);
  const losers = entries
    .filter(([, n]) => !n.defaulted && loss(n) > 0)
    .sort(([a, x], [b, y]) => loss(y) - loss(x) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, REPORT_LOSERS);
  const shown = [...defaulted.slice(0, REPORT_DEFAULTS), ...losers];

  // Vertex ids → loss-graph indices: nodes, then assets, then events (MODEL §5).
  const vertexIndex = new Map<string, number>();
  for (let i = 0; i < nN; i++) vertexIndex.set(m.nodeIds[i] as string, i);
  for (let a = 0; a < nA; a++) vertexIndex.set(m.assetIds[a] as string, nN + a);
  for (let e = 0; e < scenario.events.length; e++) vertexIndex.set(`event:${e}`, nN + nA + e);

  const V = nN + nA + scenario.events.length;
  const wanted = new Map<number, PairEdges>();
  for (const [, n] of shown) {
    for (let h = 1; h < n.path.length; h++) {
      const from = vertexIndex.get(n.path[h - 1] as string);
      const to = vertexIndex.get(n.path[h] as string);
      if (from !== undefined && to !== undefined) wanted.set(from * V + to, { steps: [], channels: [], impacts: [] });
    }
  }
  const g = sim.loss;
  if (wanted.size > 0) {
    const step = g.step.view();
    const from = g.from.view();
    const to = g.to.view();
    const channel = g.channel.view();
    const impact = g.impact.view();
    for (let k = 0; k < step.length; k++) {
      const pair = wanted.get((from[k] as number) * V + (to[k] as number));
      if (pair === undefined) continue;
      pair.steps.push(step[k] as number);
      pair.channels.push(channel[k] as number);
      pair.impacts.push(impact[k] as number);
    }
  }

  const last = sim.stepsRun - 1;
  const hop = (a: string, b: string, bound: number): ReportHop => {
    const pair = wanted.get((vertexIndex.get(a) ?? -1) * V + (vertexIndex.get(b) ?? -1));
    const byChannel = new Float64Array(CHANNELS.length);
    let amount = 0;
    if (pair) {
      for (let k = 0; k < pair.steps.length; k++) {
        if ((pair.steps[k] as number) > bound) continue;
        const x = pair.impacts[k] as number;
        amount += x;
        byChannel[pair.channels[k] as number] = (byChannel[pair.channels[k] as number] as number) + x;
      }
    }
    let best = 0;
    for (let c = 1; c < CHANNELS.length; c++) if ((byChannel[c] as number) > (byChannel[best] as number)) best = c;
    return { from: a, to: b, amountUsd: amount, channel: CHANNELS[best] as string };
  };
  const pathNode = ([id, n]: [string, RunSummary['nodes'][string]]): ReportPathNode => {
    const bound = n.default_step ?? last;
    return {
      node: id,
      kind: kindOf.get(id) ?? 'entity',
      step: n.default_step,
      equityStartUsd: n.equity_start_usd,
      equityEndUsd: n.equity_end_usd,
      obligationsUsd: n.obligations_usd,
      recoveryRate: n.recovery_rate,
      path: n.path,
      hops: n.path.slice(1).map((b, h) => hop(n.path[h] as string, b, bound)),
    };
  };
  const defaults = defaulted.slice(0, REPORT_DEFAULTS).map(pathNode);
  const loserNodes = losers.map(pathNode);

  const events = scenario.events.map((e, index) => ({ index, type: e.type, subject: subjectOf(e), id: `event:${index}`, label: eventLabel(e), text: describeEvent(e) }));
  return {
    format: 1,
    runId,
    scenario: { name: scenario.name, description: scenario.description, steps: scenario.steps },
    kpis: {
      total_liquidated_usd: summary.total_liquidated_usd,
      total_bad_debt_usd: summary.total_bad_debt_usd,
      total_loss_usd: summary.total_loss_usd,
      direct_loss_usd: summary.direct_loss_usd,
      amplification: summary.amplification,
      steps_run: summary.steps_run,
      converged: summary.converged,
      nodes: entries.length,
      defaults: defaulted.length,
    },
    finalPrices: summary.final_prices,
    stamp,
    charts: runCharts(runId, sim, summary),
    defaults,
    losers: loserNodes,
    network: pathNetwork([...defaults, ...loserNodes], summary, kindOf, new Map(events.map((e) => [e.id, e.label]))),
    assumptions: { horizon: describeHorizon(scenario), events, options: describeOptions(scenario.options) },
    warnings: summary.warnings,
  };
}

function subjectOf(e: ScenarioEvent): string {
  return 'asset' in e ? e.asset : 'oracle' in e ? e.oracle : 'venue' in e ? e.venue : e.node;
}

/** The vertices and hops of the paths shown, each node in its state at the final step. */
function pathNetwork(paths: ReportPathNode[], summary: RunSummary, kindOf: Map<string, 'entity' | 'venue'>, eventLabels: Map<string, string>): ReportNetwork {
  const vertices = new Map<string, ReportVertex>();
  const edges = new Map<string, ReportHop>();
  for (const p of paths) {
    for (const id of p.path) {
      if (vertices.has(id)) continue;
      const node = summary.nodes[id];
      const kind = kindOf.get(id);
      if (node !== undefined && kind !== undefined) {
        const lost = Math.max(0, node.equity_start_usd - node.equity_end_usd);
        const stressed = lost > STRESSED_SHARE * Math.max(0, node.equity_start_usd);
        vertices.set(id, { id, label: id, kind, state: node.defaulted ? 'defaulted' : stressed ? 'stressed' : 'healthy', lossUsd: lost });
      } else if (eventLabels.has(id)) {
        vertices.set(id, { id, label: eventLabels.get(id) as string, kind: 'event', state: 'event', lossUsd: 0 });
      } else {
        vertices.set(id, { id, label: id, kind: 'asset', state: 'asset', lossUsd: 0 });
      }
    }
    for (const h of p.hops) {
      const key = `${h.from}\u0000${h.to}`;
      const seen = edges.get(key);
      if (seen === undefined || h.amountUsd > seen.amountUsd) edges.set(key, h);
    }
  }
  return { stressedShare: STRESSED_SHARE, vertices: [...vertices.values()], edges: [...edges.values()] };
}
