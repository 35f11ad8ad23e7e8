import { APP_VERSION } from '../build-info';
import { engineErrorText } from '../error-text';
import { docToJson } from '../scenario/draft';
import type { AppContext } from '../workflows/context';
import { withQuickShock } from '../workflows/run-flow';
import type { ReportDocument } from './report-doc';
import type { ReportData } from '../../engine/report/report-types';
import type { QuickShock } from '../store/run-slice';
import { formatPercent } from '../format';

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
  const data = s.resultQuick === null ? answer.value : asVariant(answer.value, s.resultQuick);
  const finished = s.history.find((h) => h.runId === result.runId)?.finishedAt;
  return {
    ok: true,
    doc: {
      data,
      generatedAt: new Date(ctx.now()).toISOString(),
      runFinishedAt: finished === undefined ? null : new Date(finished).toISOString(),
      appVersion: APP_VERSION,
      source: s.workspaceSource,
    },
  };
}

/**
 * A quick-shock run's report says so in its title and description: the run is a variant of the
 * scenario (its events list the slider's shock), not the scenario as saved.
 */
function asVariant(data: ReportData, quick: QuickShock): ReportData {
  const pct = formatPercent(quick.change);
  const shock = `${quick.asset} ${quick.change > 0 ? '+' : ''}${pct} at step 0`;
  const saved = data.scenario.description.trim();
  return {
    ...data,
    scenario: {
      ...data.scenario,
      name: `${data.scenario.name} — quick shock: ${shock}`,
      description: `A variant of the scenario: the quick-shock slider set the step-0 shock of ${quick.asset} to ${pct} (the events list it).${saved === '' ? '' : ` As saved: ${saved}`}`,
    },
  };
}
