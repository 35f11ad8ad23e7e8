import { quoteCell } from '../results/to-csv';
import type { Network } from './network';
import { PROFILES, type PerpColumns, type PositionColumns } from './positions';
import type { Universe } from './universe';

export interface WrittenFile {
  name: string;
  rows: number;
  bytes: number;
}

/** Where a table's CSV text goes (a file in Node, memory anywhere); the header line is written when it opens. */
export interface CsvSink {
  readonly rows: number;
  readonly bytes: number;
  /** One data line, already joined, with its trailing newline. */
  line(text: string): void;
  /** Several data lines, already joined. */
  chunk(text: string, rows: number): void;
  /** One row of cells; text cells are quoted as needed. */
  row(cells: readonly (string | number)[]): void;
  close(): void;
}

/** Opens the sink of one table (`name` without extension). */
export type OpenSink = (name: string, header: readonly string[]) => CsvSink;

/** The CSV header line of a table. */
export function headerLine(header: readonly string[]): string {
  return header.map((h) => quoteCell(h)).join(',') + '\n';
}

/** A row's CSV line: numbers as JavaScript prints them, text quoted as needed. */
export function rowLine(cells: readonly (string | number)[]): string {
  return cells.map((c) => (typeof c === 'number' ? String(c) : quoteCell(c))).join(',') + '\n';
}

const ROWS_PER_FLUSH = 4096;

/** Writes the workspace tables of a synthetic workspace as CSV, a sink per table. */
export function writeTables(open: OpenSink, u: Universe, pos: PositionColumns, perps: PerpColumns, net: Network): WrittenFile[] {
  const files: WrittenFile[] = [];
  const done = (name: string, w: CsvSink): void => {
    w.close();
    files.push({ name: `${name}.csv`, rows: w.rows, bytes: w.bytes });
  };
  const nodeId = u.nodes.map((n) => quoteCell(n.id));
  const assetId = u.assets.map((a) => quoteCell(a.id));
  const assetOrUsd = (a: number): string => (a < 0 ? 'USD' : (assetId[a] as string));

  let w = open('assets', ['id', 'price', 'depth_usd', 'peg', 'name']);
  for (const a of u.assets) w.row([a.id, a.price, Number.isNaN(a.depthUsd) ? '' : a.depthUsd, a.peg === null ? '' : a.peg, a.name]);
  done('assets', w);

  w = open('nodes', ['id', 'kind', 'name', 'external_assets_usd']);
  for (const n of u.nodes) w.row([n.id, isVenue(n.role) ? 'venue' : 'entity', n.name, n.external]);
  done('nodes', w);

  w = open('oracles', ['id', 'asset', 'delay_steps', 'deviation', 'heartbeat_steps']);
  for (const o of u.oracles) w.row([o.id, o.asset, o.delay, o.deviation, o.heartbeat]);
  done('oracles', w);

  w = open('feeds', ['venue', 'asset', 'oracle']);
  for (const f of u.feeds) w.row([f.venue, f.asset, f.oracle]);
  done('feeds', w);

  w = open('backing', ['asset', 'backer', 'share']);
  for (const b of u.backing) w.row([b.asset, b.backer, b.share]);
  done('backing', w);

  w = open('positions', ['id', 'owner', 'venue', 'collateral_asset', 'collateral_amount', 'debt_asset', 'debt_amount', 'liquidation_threshold', 'liquidation_bonus', 'close_factor']);
  const profileTail = PROFILES.map((p) => [`${p.lt},${p.bonus},${p.cf}\n`, `,${p.coll},`, `,${p.debt},`] as const);
  const width = Math.max(7, String(pos.count).length);
  let lines: string[] = [];
  for (let i = 0; i < pos.count; i++) {
    const [tail, coll, debt] = profileTail[pos.profile[i] as number] as readonly [string, string, string];
    lines.push(`pos-${String(i + 1).padStart(width, '0')},${nodeId[pos.owner[i] as number]},${nodeId[pos.venue[i] as number]}${coll}${pos.collAmount[i]}${debt}${pos.debtAmount[i]},${tail}`);
    if (lines.length === ROWS_PER_FLUSH) {
      w.chunk(lines.join(''), lines.length);
      lines = [];
    }
  }
  w.chunk(lines.join(''), lines.length);
  done('positions', w);

  w = open('perps', ['id', 'owner', 'venue', 'asset', 'side', 'size', 'entry_price', 'margin_usd', 'maintenance_margin']);
  const perpVenue = nodeId[u.byRole.perp[0] as number] as string;
  lines = [];
  for (let i = 0; i < perps.count; i++) {
    lines.push(
      `perp-${String(i + 1).padStart(width, '0')},${nodeId[perps.owner[i] as number]},${perpVenue},${assetId[perps.asset[i] as number]},${perps.long[i] ? 'long' : 'short'},${perps.size[i]},${perps.entry[i]},${perps.margin[i]},${perps.mm[i]}\n`,
    );
    if (lines.length === ROWS_PER_FLUSH) {
      w.chunk(lines.join(''), lines.length);
      lines = [];
    }
  }
  w.chunk(lines.join(''), lines.length);
  done('perps', w);

  w = open('holdings', ['owner', 'asset', 'amount']);
  for (let k = 0; k < net.holdingOwner.length; k++) {
    w.line(`${nodeId[net.holdingOwner[k] as number]},${assetOrUsd(net.holdingAsset[k] as number)},${net.holdingAmount[k]}\n`);
  }
  done('holdings', w);

  w = open('obligations', ['debtor', 'creditor', 'amount', 'asset', 'kind']);
  for (let k = 0; k < net.debtor.length; k++) {
    w.line(`${nodeId[net.debtor[k] as number]},${nodeId[net.creditor[k] as number]},${net.amount[k]},${assetOrUsd(net.asset[k] as number)},${net.kind[k]}\n`);
  }
  done('obligations', w);
  return files;
}

function isVenue(role: string): boolean {
  return role === 'lender' || role === 'cex' || role === 'perp';
}
