import { describe, expect, it } from 'vitest';
import { runRows } from '../../test/helpers/run';
import { networkStructure } from './network-graph';
import { contagionPath } from './network-path';
import { networkRun } from './network-run';
import { E_EVENT, E_OBLIGATION, K_ASSET, K_ENTITY, K_VENUE, S_ACTIVE, S_DEFAULTED, S_HEALTHY, S_STRESSED } from './network-types';
import { lossSankey } from './sankey';

/*
 * Three nodes, no prices in play: fund owes bank 80 USD, cex owes fund 40 USD (custody).
 * Start: bank 100 + 80 = 180; fund 50 + 40 − 80 = 10; cex 100 − 40 = 60.
 * Step 0: fund loses 60 of external assets (only its 50 go: never below 0). It can pay
 * 0 + 40 of its 80 → defaults, recovery 0.5; bank receives 40, equity 140 (lost 40 = 22% of 180).
 * Loss graph: event:0 → fund exogenous, impact 50 (amount scaled to the 10 of equity it had);
 * fund → bank counterparty 80·(1 − 0.5) = 40.
 */
const run = runRows(
  {
    assets: [{ id: 'ETH', price: 100 }],
    nodes: [
      { id: 'bank', kind: 'entity', external_assets_usd: 100 },
      { id: 'fund', kind: 'entity', external_assets_usd: 50 },
      { id: 'cex', kind: 'venue', external_assets_usd: 100 },
    ],
    obligations: [
      { debtor: 'fund', creditor: 'bank', amount: 80 },
      { debtor: 'cex', creditor: 'fund', amount: 40, kind: 'custody' },
    ],
  },
  { name: 'fund hacked', steps: 5, events: [{ type: 'external_loss', node: 'fund', amount_usd: 60, at: 0 }] },
);
const g = networkStructure(run.sim.cw.model, 'h');
const v = (id: string) => g.ids.indexOf(id);

describe('networkStructure', () => {
  it('has nodes, then assets, then oracles, with obligations as debtor → creditor edges', () => {
    expect(g.ids).toEqual(['bank', 'cex', 'fund', 'USD', 'ETH']);
    expect([...g.kind]).toEqual([K_ENTITY, K_VENUE, K_ENTITY, K_ASSET, K_ASSET]);
    expect([...g.shown]).toEqual([1, 1, 1, 0, 1]);
    const edges = [...g.edgeFrom].map((f, e) => [g.ids[f], g.ids[g.edgeTo[e] as number], g.edgeKind[e], g.edgeUsd[e]]);
    expect(edges).toEqual(
      expect.arrayContaining([
        ['fund', 'bank', E_OBLIGATION, 80],
        ['cex', 'fund', E_OBLIGATION, 40],
      ]),
    );
    expect(edges.length).toBe(2);
    // Entities with no position are grouped with the venue they have claims with; the rest alone.
    expect(g.groupLabels[g.group[v('fund')] as number]).toBe('entities · cex');
    expect(g.groupLabels[g.group[v('bank')] as number]).toBe('entities · no venue');
    expect(g.groupLabels[g.group[v('cex')] as number]).toBe('cex');
  });
});

describe('networkRun', () => {
  const last = run.sim.stepsRun - 1;
  it('colours by state: the fund defaulted at step 0, the bank stressed past 20% but not past 25%', () => {
    const r = networkRun('r', g, run.sim, 0.2);
    const at = (t: number, id: string) => r.state[t * r.vertices + (id.startsWith('event:') ? g.ids.length + Number(id.slice(6)) : v(id))];
    expect(r.vertices).toBe(6);
    expect(at(0, 'fund')).toBe(S_DEFAULTED);
    expect(at(last, 'fund')).toBe(S_DEFAULTED);
    expect(at(0, 'bank')).toBe(S_STRESSED);
    expect(at(0, 'cex')).toBe(S_HEALTHY);
    expect(at(0, 'event:0')).toBe(S_ACTIVE);
    expect(r.loss[0 * r.vertices + v('bank')]).toBeCloseTo(40, 9);
    expect(r.loss[0 * r.vertices + v('fund')]).toBeCloseTo(10, 9);
    expect([...r.defaultStep]).toEqual([-1, -1, 0]);
    expect([...r.defaultOrder]).toEqual([v('fund')]);
    const calm = networkRun('r', g, run.sim, 0.25);
    expect(calm.state[v('bank')]).toBe(S_HEALTHY);
  });

  it('puts the loss on the edges it flowed along: 50 from the event into the fund, 40 from the fund to the bank', () => {
    const r = networkRun('r', g, run.sim, 0.2);
    expect(r.eventLabels).toEqual(['fund loses 60 USD at step 0']);
    expect([...r.eventEdgeFrom]).toEqual([5]);
    expect([...r.eventEdgeTo]).toEqual([v('fund')]);
    const flows = [...r.flowEdge].map((e, k) => [e, r.flowStep[k], r.flowUsd[k]]);
    const oblig = [...g.edgeFrom].findIndex((f, e) => f === v('fund') && g.edgeTo[e] === v('bank'));
    expect(flows).toEqual([
      [oblig, 0, 40],
      [g.edgeFrom.length, 0, 50],
    ]);
    expect(r.unmappedUsd).toBe(0);
    expect(E_EVENT).toBe(6);
  });
});

describe('contagionPath', () => {
  it('walks back from the bank to the event with the amount at each hop', () => {
    const p = contagionPath('r', run.sim, 'bank', null);
    expect(p?.vertices).toEqual(['event:0', 'fund', 'bank']);
    expect(p?.hops).toEqual([
      { from: 'event:0', to: 'fund', channel: 'exogenous', amountUsd: 50, step: 0 },
      { from: 'fund', to: 'bank', channel: 'counterparty', amountUsd: 40, step: 0 },
    ]);
    expect(p?.vertices).toEqual(run.summary.nodes.bank?.path);
    // The event reads as the network labels it, not as its id.
    expect(p?.labels).toEqual(['fund loses 60 USD at step 0', 'fund', 'bank']);
    expect(contagionPath('r', run.sim, 'cex', null)?.hops).toEqual([]);
    expect(contagionPath('r', run.sim, 'nobody', null)).toBeNull();
  });
});

describe('lossSankey', () => {
  it('shows where the loss went: the event → the fund (50) → the bank (40); 10 + 40 borne', () => {
    const s = lossSankey('r', run.sim, null);
    expect(s.links).toEqual([
      { source: 'event:0', target: 'fund', usd: 50, channel: 'exogenous' },
      { source: 'fund', target: 'bank', usd: 40, channel: 'counterparty' },
    ]);
    expect(s.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['bank', 'entity'],
      ['event:0', 'event'],
      ['fund', 'entity'],
    ]);
    expect(s.nodes.map((n) => n.label)).toEqual(['bank', 'fund loses 60 USD at step 0', 'fund']);
    expect(s.totalUsd).toBeCloseTo(50, 9);
    expect(s.feedbackUsd).toBe(0);
  });
});
