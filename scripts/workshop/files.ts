import { Prng } from '../../engine/util/prng';
import { SCHEMA, TABLE_NAMES, type TableName } from '../../engine/workspace/schema';
import { FUNDS, MARKET_MAKERS, RETAIL, backgroundBalances, backgroundPerps, backgroundPositions } from './background';
import { balance } from './balance';
import { Book, PRICES, type Row } from './book';
import { ASSETS, FEEDS, ORACLES, VENUES, northwindBook } from './northwind-book';
import { SCENARIOS } from './scenarios';

/** The seed of the committed dataset: change it and every background number changes. */
export const NORTHWIND_SEED = 'northwind-treasury-v1';
export const PERP_COUNT = 600;

const NAMES: Readonly<Record<string, string>> = {
  northwind: 'Northwind Treasury (our firm)',
  'meridian-trust': 'Meridian Trust (bank; holds 35% of XUSD reserves)',
  'xusd-issuer': 'XUSD issuer (65% of reserves in T-bills)',
  'lumen-suppliers': 'Lumen suppliers',
  'crest-suppliers': 'Crest suppliers',
  'apex-lps': 'Apex liquidity providers',
};

function nodeName(id: string): string {
  if (NAMES[id]) return NAMES[id];
  if (id.startsWith('fund-')) return `Fund ${id.slice(5)}${id === 'fund-01' || id === 'fund-02' ? ' (levered, borrows from Atlas)' : ''}`;
  if (id.startsWith('mm-')) return `Market maker ${id.slice(3)}`;
  return `Retail cohort ${id.slice(7)}`;
}

/** Builds the whole workspace: tables as rows, deterministically from the seed. */
export function northwindTables(): Partial<Record<TableName, Row[]>> {
  const rng = new Prng(NORTHWIND_SEED);
  const b = new Book();
  northwindBook(b);
  backgroundPositions(b, rng.fork('positions'));
  backgroundPerps(b, rng.fork('perps'), PERP_COUNT);
  backgroundBalances(b, rng.fork('balances'));
  const external = balance(b, rng.fork('balance'));

  const assets: Row[] = ASSETS.map((a) => {
    const row: Row = { id: a.id, price: PRICES[a.id] ?? 1 };
    if (a.depth !== null) row.depth_usd = a.depth;
    if (a.peg !== undefined) row.peg = a.peg;
    row.name = a.name;
    return row;
  });
  const entityIds = ['northwind', 'meridian-trust', 'xusd-issuer', 'lumen-suppliers', 'crest-suppliers', 'apex-lps', ...FUNDS, ...MARKET_MAKERS, ...RETAIL];
  const nodes: Row[] = [
    ...VENUES.map((v) => ({ id: v.id, kind: 'venue', name: v.name, external_assets_usd: external.get(v.id) ?? 0 })),
    ...entityIds.map((id) => ({ id, kind: 'entity', name: nodeName(id), external_assets_usd: external.get(id) ?? 0 })),
  ];
  return {
    assets,
    nodes,
    oracles: ORACLES.map((o) => ({ id: o.id, asset: o.asset, delay_steps: o.delay, deviation: o.deviation, heartbeat_steps: o.heartbeat })),
    feeds: FEEDS.map(([venue, asset, oracle]) => ({ venue, asset, oracle })),
    positions: b.rows('positions'),
    perps: b.rows('perps'),
    holdings: b.rows('holdings'),
    obligations: b.rows('obligations'),
    backing: [
      { asset: 'XUSD', backer: 'meridian-trust', share: 0.35 },
      { asset: 'XUSD', backer: 'xusd-issuer', share: 0.65 },
    ],
  };
}

function csvField(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function tableCsv(table: TableName, rows: readonly Row[]): string {
  const cols = SCHEMA[table].columns.map((c) => c.name).filter((c) => rows.some((r) => r[c] !== undefined));
  return `${[cols.join(','), ...rows.map((r) => cols.map((c) => csvField(r[c] ?? '')).join(','))].join('\n')}\n`;
}

/** Every file of assets/workshop/ the generator owns, by path relative to it. */
export function northwindFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const tables = northwindTables();
  for (const t of TABLE_NAMES) {
    const rows = tables[t];
    if (rows) files[`workspace/${t}.csv`] = tableCsv(t, rows);
  }
  for (const s of SCENARIOS) {
    const { file, ...doc } = s;
    files[`scenarios/${file}`] = `${JSON.stringify(doc, null, 2)}\n`;
  }
  return files;
}
