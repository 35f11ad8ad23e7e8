/**
 * fast-check arbitraries for random VALID workspaces (as the row objects `workspaceFromRows`
 * takes) and scenario documents (to be passed through `validateScenario`). Small and realistic:
 * 2–6 assets (USD counted; USD sometimes listed), 2–8 nodes with 1–3 venues, 0–3 oracles,
 * 0–3 feeds, 1–40 positions and perps (longs, shorts with USD collateral and token debt,
 * token/token, USD/USD), holdings, obligations (USD and tokens, cycles), backing, and events of
 * every type.
 */
import fc from 'fast-check';
import type { Rows } from '../helpers/workspace';

type Row = Record<string, string | number>;

export interface GenCase {
  rows: Rows;
  /** A scenario document (validate it with `validateScenario` before running). */
  scenario: ScenarioDoc;
}

export interface ScenarioDoc {
  name: string;
  steps: number;
  events: Record<string, string | number>[];
  options?: Record<string, boolean | number>;
}

export interface GenConfig {
  /** Only longs: collateral a token, debt USD (positions and long perps). */
  longOnly?: boolean;
  /** No oracles, no feeds, no oracle events. */
  noOracles?: boolean;
  /** No event targets a venue (no venue_outage, no external_loss on a venue) and venues hold no tokens. */
  quietVenues?: boolean;
  /** No depth_change events. */
  noDepthChange?: boolean;
  /** Force `liquidator_profit_check: false`. */
  noProfitCheck?: boolean;
  /** Exactly one price_shock on a random token at a random step (and no other event); its change is left to the test (placeholder 0). */
  singleShock?: boolean;
  /** Every obligation in USD. */
  usdObligations?: boolean;
  /** No perps, and every position has an explicit liquidation bonus ≥ 0.01. */
  positiveBonus?: boolean;
}

/**
 * Realistic numbers only: a uniform grid of 2^20 points in [lo, hi] (no denormals, no
 * 1e-300 bonuses that fast-check's double arbitrary likes to produce), and its log-uniform twin.
 */
const GRID = 1 << 20;
const uniform = (lo: number, hi: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: GRID }).map((i) => lo + ((hi - lo) * i) / GRID);
const logUniform = (lo: number, hi: number): fc.Arbitrary<number> =>
  fc.integer({ min: 0, max: GRID }).map((i) => Math.min(hi, Math.max(lo, Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / GRID))));

interface Shape {
  tokens: { id: string; price: number; depth: number | null }[];
  listUsd: boolean;
  venues: string[];
  entities: string[];
  steps: number;
}

const shapeArb: fc.Arbitrary<Shape> = fc
  .record({
    nTokens: fc.integer({ min: 1, max: 5 }),
    nVenues: fc.integer({ min: 1, max: 3 }),
    nEntities: fc.integer({ min: 1, max: 5 }),
    listUsd: fc.boolean(),
    steps: fc.integer({ min: 1, max: 25 }),
    tokenData: fc.array(fc.record({ price: logUniform(0.5, 5000), hasDepth: fc.integer({ min: 0, max: 5 }), depth: logUniform(2e5, 3e7) }), { minLength: 5, maxLength: 5 }),
  })
  .map(({ nTokens, nVenues, nEntities, listUsd, steps, tokenData }) => ({
    tokens: tokenData.slice(0, nTokens).map((d, i) => ({ id: `T${i}`, price: d.price, depth: d.hasDepth > 0 ? d.depth : null })),
    listUsd,
    venues: Array.from({ length: nVenues }, (_, i) => `V${i}`),
    entities: Array.from({ length: Math.min(nEntities, 8 - nVenues) }, (_, i) => `E${i}`),
    steps,
  }));

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.nat({ max: xs.length - 1 }).map((i) => xs[i] as T);

export function caseArb(cfg: GenConfig = {}): fc.Arbitrary<GenCase> {
  return shapeArb.chain((shape) => detailArb(shape, cfg));
}

function detailArb(shape: Shape, cfg: GenConfig): fc.Arbitrary<GenCase> {
  const tokens = shape.tokens.map((t) => t.id);
  const price: Record<string, number> = { USD: 1 };
  for (const t of shape.tokens) price[t.id] = t.price;
  const nodes = [...shape.venues, ...shape.entities];
  const allAssets = ['USD', ...tokens];
  const T = shape.steps;

  const oracleArb = fc.record({
    asset: pick(tokens),
    delay: fc.integer({ min: 0, max: 3 }),
    deviation: fc.oneof(fc.constant(0), uniform(0.001, 0.08)),
    heartbeat: fc.integer({ min: 1, max: 6 }),
  });
  type OracleSeed = { asset: string; delay: number; deviation: number; heartbeat: number };
  const oraclesArb: fc.Arbitrary<OracleSeed[]> = cfg.noOracles ? fc.constant([]) : fc.array(oracleArb, { maxLength: 3 });

  const kindArb: fc.Arbitrary<'long' | 'short' | 'cross' | 'usd'> = cfg.longOnly
    ? fc.constant('long')
    : fc.constantFrom<'long' | 'short' | 'cross' | 'usd'>('long', 'long', 'short', 'short', 'cross', 'usd');
  const positionArb = fc.record({
    perp: fc.integer({ min: 0, max: 3 }).map((v) => v === 0),
    kind: kindArb,
    owner: pick(nodes),
    venue: pick(shape.venues),
    a: pick(tokens),
    b: pick(tokens),
    value: logUniform(1e3, 3e6),
    hf: fc.oneof(uniform(1.0, 1.8), uniform(0.9, 1.05), uniform(1.5, 4)),
    zeroDebt: fc.integer({ min: 0, max: 15 }).map((v) => v === 0),
    lt: uniform(0.5, 0.95),
    bonus: fc.oneof(fc.constant(''), uniform(0, 0.15)),
    cf: fc.oneof(fc.constant(''), uniform(0.2, 1), fc.constant(1)),
    entry: uniform(0.8, 1.2),
    marginFrac: uniform(0.02, 0.6),
    mm: uniform(0, 0.1),
  });

  const holdingArb = fc.record({ owner: pick(nodes), asset: pick(allAssets), value: logUniform(1e2, 2e6) });
  const obligationArb = fc.record({
    debtor: pick(nodes),
    creditor: pick(nodes),
    value: logUniform(1e3, 3e6),
    asset: cfg.usdObligations ? fc.constant('USD') : fc.oneof({ weight: 3, arbitrary: fc.constant('USD') }, { weight: 1, arbitrary: pick(tokens) }),
    kind: fc.constantFrom('loan', 'deposit', 'custody', 'other', ''),
  });
  const backingArb = fc.record({ asset: pick(tokens), backer: pick(nodes), share: uniform(0.05, 1) });
  const nodeArb = fc.record({ external: fc.oneof(fc.constant(0), logUniform(1e3, 5e6), fc.constant('')) });

  const optionsArb = fc.option(
    fc.record(
      {
        fire_sale_on_default: fc.boolean(),
        halt_venue_on_default: fc.boolean(),
        liquidator_profit_check: fc.boolean(),
        tolerance: fc.constantFrom(1e-9, 1e-7, 1e-10),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  );

  return fc
    .record({
      nodeData: fc.array(nodeArb, { minLength: nodes.length, maxLength: nodes.length }),
      oracles: oraclesArb,
      feedPicks: fc.array(fc.record({ venue: pick(shape.venues), oracle: fc.nat({ max: 2 }) }), { maxLength: 3 }),
      positions: fc.array(positionArb, { minLength: 1, maxLength: 40, size: 'medium' }),
      holdings: fc.array(holdingArb, { maxLength: 6 }),
      obligations: fc.array(obligationArb, { maxLength: 10 }),
      backing: fc.array(backingArb, { maxLength: 3 }),
      events: fc.array(eventSeedArb(T), { maxLength: 6 }),
      shock: fc.record({ asset: pick(tokens), at: fc.integer({ min: 0, max: T - 1 }) }),
      options: optionsArb,
    })
    .map((d) => {
      const rows: Rows = {};
      const assets: Row[] = shape.tokens.map((t): Row => (t.depth === null ? { id: t.id, price: t.price } : { id: t.id, price: t.price, depth_usd: t.depth }));
      if (shape.listUsd) assets.splice(Math.min(1, assets.length), 0, { id: 'USD', price: 1 });
      rows.assets = assets;
      rows.nodes = nodes.map((id, i) => {
        const ext = d.nodeData[i]?.external ?? '';
        const r: Row = { id, kind: shape.venues.includes(id) ? 'venue' : 'entity' };
        if (ext !== '') r.external_assets_usd = ext;
        return r;
      });
      const oracles = d.oracles.map((o, i) => ({ id: `O${i}`, ...o }));
      if (oracles.length > 0) {
        rows.oracles = oracles.map((o) => ({ id: o.id, asset: o.asset, delay_steps: o.delay, deviation: o.deviation, heartbeat_steps: o.heartbeat }));
        const seen = new Set<string>();
        const feeds: Row[] = [];
        for (const f of d.feedPicks) {
          const o = oracles[f.oracle % oracles.length];
          if (!o) continue;
          const key = `${f.venue}|${o.asset}`;
          if (seen.has(key)) continue;
          seen.add(key);
          feeds.push({ venue: f.venue, asset: o.asset, oracle: o.id });
        }
        if (feeds.length > 0) rows.feeds = feeds;
      }

      const positions: Row[] = [];
      const perps: Row[] = [];
      d.positions.forEach((p, i) => {
        const owner = p.owner;
        if (p.perp && !cfg.positiveBonus && (p.kind === 'long' || p.kind === 'short')) {
          const size = p.value / (price[p.a] as number);
          const entry = (price[p.a] as number) * p.entry;
          const margin = size * entry * p.marginFrac;
          perps.push({ id: `Q${i}`, owner, venue: p.venue, asset: p.a, side: p.kind, size, entry_price: entry, margin_usd: margin, maintenance_margin: p.mm });
          return;
        }
        let ca: string;
        let da: string;
        switch (p.kind) {
          case 'long':
            [ca, da] = [p.a, 'USD'];
            break;
          case 'short':
            [ca, da] = ['USD', p.a];
            break;
          case 'cross':
            [ca, da] = p.a === p.b ? [p.a, 'USD'] : [p.a, p.b];
            break;
          case 'usd':
            [ca, da] = ['USD', 'USD'];
            break;
        }
        const coll = p.value / (price[ca] as number);
        const debt = p.zeroDebt ? 0 : (p.value * p.lt) / p.hf / (price[da] as number);
        const r: Row = {
          id: `P${i}`,
          owner,
          venue: p.venue,
          collateral_asset: ca,
          collateral_amount: coll,
          debt_asset: da,
          debt_amount: debt,
          liquidation_threshold: p.lt,
        };
        if (cfg.positiveBonus) r.liquidation_bonus = 0.01 + (p.bonus === '' ? 0.04 : p.bonus);
        else if (p.bonus !== '') r.liquidation_bonus = p.bonus;
        if (p.cf !== '') r.close_factor = p.cf;
        positions.push(r);
      });
      if (positions.length > 0) rows.positions = positions;
      if (perps.length > 0) rows.perps = perps;

      const holdings = d.holdings
        .filter((h) => !(cfg.quietVenues && shape.venues.includes(h.owner) && h.asset !== 'USD'))
        .map((h) => ({ owner: h.owner, asset: h.asset, amount: h.value / (price[h.asset] as number) }));
      if (holdings.length > 0) rows.holdings = holdings;
      const obligations = d.obligations
        .filter((o) => o.debtor !== o.creditor)
        .map((o) => {
          const r: Row = { debtor: o.debtor, creditor: o.creditor, amount: o.value / (price[o.asset] as number) };
          if (o.asset !== 'USD' || o.kind === 'loan') r.asset = o.asset;
          if (o.kind !== '') r.kind = o.kind;
          return r;
        });
      if (obligations.length > 0) rows.obligations = obligations;
      // "part of an asset's backing": the shares of one asset add up to at most 0.9, so that B ≥ 0.1.
      // (With 100 % backed by one defaulted node, B → 1e-12 and the node's debts in that token
      // fall below the clearing tolerance: its recovery rate, and with it B, then hinges on how
      // "to the tolerance" is read — an ambiguity of MODEL §4.6 reported separately.)
      const used: Record<string, number> = {};
      const backing: Row[] = [];
      for (const b of d.backing) {
        const share = Math.min(b.share, 0.9 - (used[b.asset] ?? 0));
        if (share < 0.01) continue;
        used[b.asset] = (used[b.asset] ?? 0) + share;
        backing.push({ asset: b.asset, backer: b.backer, share });
      }
      if (backing.length > 0) rows.backing = backing;

      const ctx: EventContext = { tokens, nodes, venues: shape.venues, oracles: oracles.map((o) => o.id), oraclePrice: Object.fromEntries(oracles.map((o) => [o.id, price[o.asset] as number])), steps: T };
      let events = d.events.map((e) => materializeEvent(e, ctx)).filter((e): e is Record<string, string | number> => e !== null);
      if (cfg.quietVenues) events = events.filter((e) => e.type !== 'venue_outage' && !(e.type === 'external_loss' && shape.venues.includes(String(e.node))));
      if (cfg.noDepthChange) events = events.filter((e) => e.type !== 'depth_change');
      if (cfg.singleShock) events = [{ type: 'price_shock', asset: d.shock.asset, change: 0, at: d.shock.at }];
      const scenario: ScenarioDoc = { name: 'random', steps: T, events };
      if (d.options) scenario.options = d.options;
      if (cfg.noProfitCheck) scenario.options = { ...scenario.options, liquidator_profit_check: false };
      return { rows, scenario };
    });
}

interface EventSeed {
  type: 'price_shock' | 'depth_change' | 'oracle_freeze' | 'oracle_override' | 'venue_outage' | 'external_loss';
  target: number;
  at: number;
  len: number;
  change: number;
  factor: number;
  usePrice: boolean;
  priceFactor: number;
  overrideChange: number;
  amount: number;
  fraction: number;
}

const eventSeedArb = (T: number): fc.Arbitrary<EventSeed> =>
  fc.record({
    type: fc.constantFrom<EventSeed['type']>('price_shock', 'price_shock', 'price_shock', 'depth_change', 'oracle_freeze', 'oracle_override', 'venue_outage', 'external_loss'),
    target: fc.nat({ max: 20 }),
    at: fc.integer({ min: 0, max: T - 1 }),
    len: fc.integer({ min: 0, max: 6 }),
    change: uniform(-0.6, 0.3),
    factor: logUniform(0.2, 3),
    usePrice: fc.boolean(),
    priceFactor: uniform(0.3, 2),
    overrideChange: uniform(-0.5, 0.5),
    amount: logUniform(1e3, 3e6),
    fraction: uniform(0, 1),
  });

interface EventContext {
  tokens: string[];
  nodes: string[];
  venues: string[];
  oracles: string[];
  /** Initial price of each oracle's asset. */
  oraclePrice: Record<string, number>;
  steps: number;
}

function materializeEvent(e: EventSeed, c: EventContext): Record<string, string | number> | null {
  const of = <T>(xs: readonly T[]): T | undefined => xs[e.target % Math.max(1, xs.length)];
  const from = e.at;
  const to = Math.min(c.steps - 1, e.at + e.len);
  switch (e.type) {
    case 'price_shock':
      return { type: e.type, asset: of(c.tokens) as string, change: e.change, at: e.at };
    case 'depth_change':
      return { type: e.type, asset: of(c.tokens) as string, factor: e.factor, at: e.at };
    case 'oracle_freeze': {
      const o = of(c.oracles);
      return o === undefined ? null : { type: e.type, oracle: o, from, to };
    }
    case 'oracle_override': {
      const o = of(c.oracles);
      if (o === undefined) return null;
      return e.usePrice ? { type: e.type, oracle: o, price: (c.oraclePrice[o] as number) * e.priceFactor, from, to } : { type: e.type, oracle: o, change: e.overrideChange, from, to };
    }
    case 'venue_outage':
      return { type: e.type, venue: of(c.venues) as string, from, to };
    case 'external_loss':
      return e.usePrice ? { type: e.type, node: of(c.nodes) as string, amount_usd: e.amount, at: e.at } : { type: e.type, node: of(c.nodes) as string, fraction: e.fraction, at: e.at };
  }
}

/** Deterministic Fisher–Yates permutation of `xs` from a 32-bit seed. */
export function shuffleWith<T>(xs: readonly T[], seed: number): T[] {
  const out = xs.slice();
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
