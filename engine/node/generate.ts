import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Prng } from '../util/prng';
import { err, ok, type Result } from '../util/result';
import { valueBooks } from './generate-books';
import { makeNetwork, setDepths } from './generate-network';
import { makePerps, makePositions } from './generate-positions';
import { benchmarkScenario } from './generate-scenario';
import { makeUniverse } from './generate-universe';
import type { WrittenFile } from './generate-write';
import { writeTables } from './generate-write';

export interface GenerateOptions {
  /** Leveraged positions in all: rows of `positions` plus rows of `perps` (about 15%). */
  positions: number;
  seed: number;
}

export interface GenerateReport {
  dir: string;
  files: WrittenFile[];
  positions: number;
  perps: number;
  nodes: number;
  obligations: number;
  holdings: number;
}

export const PERP_SHARE = 0.15;

/**
 * Writes a seeded synthetic workspace (CSV tables) and its benchmark scenario (`scenario.json`)
 * into `dir`. The same options give byte-identical files.
 */
export function generateWorkspace(dir: string, opts: GenerateOptions): Result<GenerateReport, string> {
  const rng = new Prng(opts.seed);
  const perpCount = Math.round(opts.positions * PERP_SHARE);
  const u = makeUniverse(rng.fork('universe'), Math.max(20, Math.round(opts.positions / 50)));
  const pos = makePositions(rng.fork('positions'), u, opts.positions - perpCount);
  const perps = makePerps(rng.fork('perps'), u, perpCount);
  const books = valueBooks(u, pos, perps, u.byRole.perp[0] as number);
  const net = makeNetwork(rng.fork('network'), u, books);
  setDepths(u, books, net);
  try {
    mkdirSync(dir, { recursive: true });
    const files = writeTables(dir, u, pos, perps, net);
    const scenario = JSON.stringify(benchmarkScenario(u), null, 2) + '\n';
    writeFileSync(join(dir, 'scenario.json'), scenario);
    files.push({ name: 'scenario.json', rows: 0, bytes: Buffer.byteLength(scenario) });
    return ok({ dir, files, positions: pos.count, perps: perps.count, nodes: u.nodes.length, obligations: net.debtor.length, holdings: net.holdingOwner.length });
  } catch (e) {
    return err(`could not write the workspace to ${dir}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
