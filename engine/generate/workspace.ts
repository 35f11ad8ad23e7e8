import { Prng } from '../util/prng';
import { valueBooks } from './books';
import { makeNetwork, setDepths, type Network } from './network';
import { makePerps, makePositions, type PerpColumns, type PositionColumns } from './positions';
import { benchmarkScenario } from './scenario';
import { headerLine, rowLine, writeTables, type CsvSink, type WrittenFile } from './tables';
import { makeUniverse, type Universe } from './universe';

export interface GenerateOptions {
  /** Leveraged positions in all: rows of `positions` plus rows of `perps` (about 15%). */
  positions: number;
  seed: number;
}

export const PERP_SHARE = 0.15;

/** A seeded synthetic workspace before it is written: the same options give the same workspace. */
export interface GeneratedWorkspace {
  u: Universe;
  pos: PositionColumns;
  perps: PerpColumns;
  net: Network;
  /** The benchmark scenario, as its JSON file holds it. */
  scenario: ReturnType<typeof benchmarkScenario>;
}

export function generateWorkspaceModel(opts: GenerateOptions): GeneratedWorkspace {
  const rng = new Prng(opts.seed);
  const perpCount = Math.round(opts.positions * PERP_SHARE);
  const u = makeUniverse(rng.fork('universe'), Math.max(20, Math.round(opts.positions / 50)));
  const pos = makePositions(rng.fork('positions'), u, opts.positions - perpCount);
  const perps = makePerps(rng.fork('perps'), u, perpCount);
  const books = valueBooks(u, pos, perps, u.byRole.perp[0] as number);
  const net = makeNetwork(rng.fork('network'), u, books);
  setDepths(u, books, net);
  return { u, pos, perps, net, scenario: benchmarkScenario(u) };
}

/** A CSV table collected in memory. */
class MemoryCsv implements CsvSink {
  private readonly parts: string[];
  rows = 0;
  bytes = 0;
  text = '';

  constructor(header: readonly string[]) {
    this.parts = [headerLine(header)];
  }

  line(text: string): void {
    this.rows++;
    this.parts.push(text);
  }

  chunk(text: string, rows: number): void {
    this.rows += rows;
    this.parts.push(text);
  }

  row(cells: readonly (string | number)[]): void {
    this.line(rowLine(cells));
  }

  close(): void {
    this.text = this.parts.join('');
    this.parts.length = 0;
  }
}

/** The workspace's CSV files as bytes, in memory (the same bytes the CLI writes), and its scenario. */
export function generateWorkspaceFiles(opts: GenerateOptions): { files: { name: string; bytes: Uint8Array }[]; scenario: GeneratedWorkspace['scenario'] } {
  const g = generateWorkspaceModel(opts);
  const sinks = new Map<string, MemoryCsv>();
  const written: WrittenFile[] = writeTables(
    (name, header) => {
      const sink = new MemoryCsv(header);
      sinks.set(`${name}.csv`, sink);
      return sink;
    },
    g.u,
    g.pos,
    g.perps,
    g.net,
  );
  const encoder = new TextEncoder();
  const files = written.map((f) => ({ name: f.name, bytes: encoder.encode((sinks.get(f.name) as MemoryCsv).text) }));
  return { files, scenario: g.scenario };
}
