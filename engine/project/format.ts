import type { ResultTableName } from '../protocol';
import type { TableName } from '../workspace/schema';

/** The `format` field of every manifest: what kind of zip this is. */
export const PROJECT_FORMAT = 'firebreak-project';

/**
 * The layout version this engine writes and the newest it reads. Raise it when a reader of the
 * previous version would misread a new file; a reader refuses newer files by this number.
 */
export const PROJECT_FORMAT_VERSION = 1;

export const MANIFEST_ENTRY = 'manifest.json';
export const VIEW_ENTRY = 'view.json';
export const SUMMARY_ENTRY = 'results/summary.json';
export const RUN_ENTRY = 'results/run.json';
/** The scenario the results were run from, exactly (its canonical JSON hashes to the run's stamp). */
export const RUN_SCENARIO_ENTRY = 'results/scenario.json';

export const workspaceEntry = (table: TableName): string => `workspace/${table}.arrow`;
export const resultEntry = (table: ResultTableName): string => `results/${table}.arrow`;

/** Every entry name a project may hold; anything else in the zip is refused as unexpected. */
export const ENTRY_NAME = /^(manifest\.json|view\.json|workspace\/[a-z]+\.arrow|scenarios\/\d{3}-[a-z0-9-]{0,40}\.json|results\/(summary|run|scenario)\.json|results\/[a-z]+\.arrow)$/;

/** Scenarios are stored as `scenarios/001-flash-crash.json`: an index for order, a slug for people. */
export function scenarioEntry(index: number, name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `scenarios/${String(index + 1).padStart(3, '0')}-${slug}.json`;
}

/** Limits that keep a hostile or damaged file from exhausting memory before its hashes are checked. */
export const LIMITS = {
  /** Entries in one project (9 tables + 8 result files + manifest + view + scenarios). */
  entries: 1100,
  scenarios: 999,
  /** One entry, uncompressed: Arrow tables are read whole. */
  entryBytes: 2 ** 31 - 1,
  /** All entries together, uncompressed. */
  totalBytes: 6 * 2 ** 30,
  /** JSON entries (manifest, summary, run, scenarios, view state). */
  jsonBytes: 64 * 2 ** 20,
  nameLength: 200,
} as const;

export type OpenAs = 'editor' | 'viewer';

/** The manifest as stored (`manifest.json`), snake_case like the rest of the file. */
export interface ProjectManifest {
  format: typeof PROJECT_FORMAT;
  format_version: number;
  engine_version: string;
  /** ISO 8601, given by the caller: the engine has no clock. */
  created_at: string;
  /** `viewer` asks the app to open the project read-only (an executive's copy). */
  open_as: OpenAs;
  scenarios: { name: string; entry: string }[];
  /** The scenario the saved results were run from; null when the project holds no results. */
  results: { scenario: string } | null;
  /** SHA-256 (hex) and size of every other entry. */
  entries: Record<string, { sha256: string; bytes: number }>;
}
