import { Field, makeData, RecordBatch, Schema, Struct, Table, type Data, type Vector } from 'apache-arrow';
import { CHANNELS } from '../losses/loss-graph';
import type { ResultTableName } from '../protocol';
import type { Simulation } from '../sim/simulation';
import { boolVector, compactDictVector, dictVector, f64Vector, i32Vector } from '../util/arrow-columns';
import type { F64Column, I32Column, U8Column } from '../util/growable';
import type { IdList } from '../util/id-list';

export type ResultTables = Record<ResultTableName, Table>;

/**
 * The result tables of MODEL §6 as Arrow tables (ids as dictionary strings), plus `oracles`
 * (step, oracle, asset, reported_price, updated) for market-vs-oracle charts. Columns are
 * copied out of the recorder once, so the tables can be transferred.
 */
export function resultTables(sim: Simulation): ResultTables {
  const m = sim.cw.model;
  const r = sim.recorder;
  const nodeIds = m.nodeIds;
  const assetIds = m.assetIds;
  const ids = (col: I32Column, dict: readonly string[] | IdList) => compactDictVector(col.take(), dict);
  const f = (col: F64Column) => f64Vector(col.take());
  const b = (col: U8Column) => boolVector(col.take());
  const i = (col: I32Column) => i32Vector(col.take());

  const vertexNames = [...nodeIds, ...assetIds, ...Array.from({ length: sim.plan.eventCount }, (_, k) => `event:${k}`)];
  const g = sim.loss;
  const tables: Record<ResultTableName, Record<string, Vector>> = {
    prices: {
      step: i(r.prices.step),
      asset: ids(r.prices.asset, assetIds),
      market_price: f(r.prices.market_price),
      fundamental_price: f(r.prices.fundamental_price),
      net_flow: f(r.prices.net_flow),
    },
    venues: {
      step: i(r.venues.step),
      venue: ids(r.venues.venue, nodeIds),
      liquidations: i(r.venues.liquidations),
      repaid_usd: f(r.venues.repaid_usd),
      seized_usd: f(r.venues.seized_usd),
      bad_debt_usd: f(r.venues.bad_debt_usd),
      halted: b(r.venues.halted),
      outage: b(r.venues.outage),
    },
    nodes: {
      step: i(r.nodes.step),
      node: ids(r.nodes.node, nodeIds),
      external_usd: f(r.nodes.external_usd),
      obligations_usd: f(r.nodes.obligations_usd),
      payments_usd: f(r.nodes.payments_usd),
      equity_usd: f(r.nodes.equity_usd),
      recovery_rate: f(r.nodes.recovery_rate),
      defaulted: b(r.nodes.defaulted),
    },
    losses: {
      step: i(g.step),
      from: ids(g.from, vertexNames),
      to: ids(g.to, vertexNames),
      channel: dictVector(Int32Array.from(g.channel.take()), CHANNELS),
      amount_usd: f(g.amount),
      impact_usd: f(g.impact),
    },
    liquidations: {
      step: i(r.liquidations.step),
      position: ids(r.liquidations.position, m.positionIds),
      venue: ids(r.liquidations.venue, nodeIds),
      owner: ids(r.liquidations.owner, nodeIds),
      repaid_usd: f(r.liquidations.repaid_usd),
      seized_units: f(r.liquidations.seized_units),
      bad_debt_usd: f(r.liquidations.bad_debt_usd),
      close_out: b(r.liquidations.close_out),
    },
    oracles: {
      step: i(r.oracles.step),
      oracle: ids(r.oracles.oracle, m.oracleIds),
      asset: ids(r.oracles.asset, assetIds),
      reported_price: f(r.oracles.reported_price),
      updated: b(r.oracles.updated),
    },
  };
  const out = {} as ResultTables;
  for (const [name, cols] of Object.entries(tables) as [ResultTableName, Record<string, Vector>][]) {
    // Arrow takes an empty column as nullable: a table without rows would have another schema than one with.
    const vectors = Object.values(cols);
    const fields = Object.entries(cols).map(([column, v]) => new Field(column, v.type, v.length > 0 && v.nullCount > 0));
    const length = vectors[0]?.length ?? 0;
    const chunks = vectors.map((v) => (v.data.length === 1 ? v.data[0] : null));
    if (chunks.some((c) => !c)) out[name] = new Table(cols);
    else {
      const schema = new Schema(fields);
      out[name] = new Table([new RecordBatch(schema, makeData({ type: new Struct(fields), length, nullCount: 0, children: chunks as Data[] }))]);
    }
  }
  return out;
}
