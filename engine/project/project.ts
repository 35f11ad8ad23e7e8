import type { ProjectScenario } from '../protocol';
import type { Scenario } from '../scenario/scenario';
import type { ResultTables } from '../results/tables';
import type { RunStamp, RunSummary } from '../results/summary-types';
import type { Workspace } from '../workspace/workspace';
import type { OpenAs, ProjectManifest } from './format';

/** The results a project carries, so that it opens showing them without a re-run. */
export interface SavedResults {
  /**
   * The scenario they were run from, as validated for the run (defaults filled): its canonical
   * JSON hashes to `stamp.scenario_hash`. Read back from a file it is checked by that hash only.
   */
  scenario: Scenario | unknown;
  /** The project scenario they belong to, by its name in the project (where two share a document name, the one made unique); else the document's own name. */
  name?: string;
  summary: RunSummary;
  stamp: RunStamp;
  /** Simulation time when it ran, ms. */
  runMs: number;
  tables: ResultTables;
}

/** Everything a `.firebreak` file holds, in engine form. */
export interface ProjectInput {
  workspace: Workspace;
  scenarios: ProjectScenario[];
  results: SavedResults | null;
  /** Opaque JSON of the UI; null when there is none. */
  viewState: unknown;
  openAs: OpenAs;
}

export interface ProjectContents extends ProjectInput {
  manifest: ProjectManifest;
  encrypted: boolean;
}
