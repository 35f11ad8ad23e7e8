import { analysisWorkspace, type AnalysisWorkspace } from '../../engine/analysis/evaluate';
import { openWorkspace } from '../../engine/open-workspace';
import { workspaceFromRows, type Rows } from '../helpers/workspace';

/** An analysis workspace straight from row objects (kernel tests; rows are trusted). */
export async function openRows(rows: Rows): Promise<AnalysisWorkspace> {
  return analysisWorkspace(await openWorkspace(workspaceFromRows(rows)));
}
