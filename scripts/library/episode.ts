import type { TableName } from '../../engine/workspace/schema';
import type { Sourced } from './sourced';

/** A document an episode's numbers come from. */
export interface SourceDocument {
  title: string;
  /** Outlet or issuer: "The Block", "Voyager Digital (press release)". */
  outlet: string;
  /** ISO date of publication (YYYY-MM-DD). */
  date: string;
  url: string;
}

/** A cell: text for ids, names and enums; a sourced number for every number. */
export type Cell = string | Sourced;
export type Row = Readonly<Record<string, Cell>>;

/** Event fields as MODEL §2 names them; the magnitudes are sourced, the steps are plain. */
export type EventDef =
  | { type: 'price_shock'; asset: string; change: Sourced; at: number }
  | { type: 'depth_change'; asset: string; factor: Sourced; at: number }
  | { type: 'oracle_freeze'; oracle: string; from: number; to: number }
  | { type: 'oracle_override'; oracle: string; price?: Sourced; change?: Sourced; from: number; to: number }
  | { type: 'venue_outage'; venue: string; from: number; to: number }
  | { type: 'external_loss'; node: string; amount_usd?: Sourced; fraction?: Sourced; at: number };

export interface ScenarioDef {
  /** File name under scenarios/, e.g. `collapse.json`. */
  file: string;
  name: string;
  description: string;
  steps: number;
  events: EventDef[];
  options?: Partial<Record<'fire_sale_on_default' | 'halt_venue_on_default' | 'liquidator_profit_check', boolean>>;
  notes: { step: number; text: string }[];
}

/** One episode of the library: a workspace, its scenarios, and where every number comes from. */
export interface EpisodeDef {
  /** Folder name under assets/library/. */
  id: string;
  title: string;
  period: string;
  /** One paragraph: what happened, in the terms of the model. */
  summary: string;
  /** What one step stands for, and the dates the steps map to. */
  stepUnit: string;
  timeline: { step: number; date: string; text: string }[];
  documents: Record<string, SourceDocument>;
  tables: Partial<Record<TableName, Row[]>>;
  scenarios: ScenarioDef[];
  /** Mechanisms of the real episode the model cannot express, and how they are approximated. */
  limits: string[];
  /** What a run shows, with its key numbers (written after running it; checked by test/library). */
  outcome: string[];
}
