import { APP_VERSION } from '../build-info';
import { engineErrorText } from '../error-text';
import { docToJson } from '../scenario/draft';
import type { AppContext } from '../workflows/context';
import { withQuickShock } from '../workflows/run-flow';
import type { ReportDocument } from './report-doc';

export type ReportOutcome = { ok: true; doc: ReportDocument } | { ok: false; message: string };

/**
 * Asks the worker for the report of the run shown, from the exact scenario document it was run
 * from (the worker checks its hash against the run's stamp), and stamps it with the time.
 */
export async function makeReport(ctx: Pick<AppContext, 'engine' | 'store' | 'now'>): Promise<ReportOutcome> {
  const s = ctx.store.getState();
  const result = s.result;
  if (result === null) return { ok: false, message: 'Run a scenario first: a report shows the results of a run.' };
  if (s.resultDoc === null) return { ok: false, message: 'The scenario of this run is not known any more: run it again to make a report.' };
  const scenario = docToJson(s.resultQuick === null ? s.resultDoc : withQuickShock(s.resultDoc, s.resultQuick));
  const answer = await ctx.engine.request('results.report', { runId: result.runId, scenario });
  if (!answer.ok) return { ok: false, message: engineErrorText(answer.error) };
  const finished = s.history.find((h) => h.runId === result.runId)?.finishedAt;
  return {
    ok: true,
    doc: {
      data: answer.value,
      generatedAt: new Date(ctx.now()).toISOString(),
      runFinishedAt: finished === undefined ? null : new Date(finished).toISOString(),
      appVersion: APP_VERSION,
      source: s.workspaceSource,
    },
  };
}
