import { docToJson, type ScenarioDoc } from '../scenario/draft';
import { selectActiveEntry } from '../store/scenario-slice';
import type { AppContext } from './context';

const DELAY_MS = 150;

/**
 * Checks the active draft with the engine's own rules (scenario.validate) shortly after each
 * edit; the answer is kept only if the draft has not changed since. Returns the unsubscribe.
 */
export function watchScenario(ctx: AppContext): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last: ScenarioDoc | null = null;
  let lastWorkspace: string | null = null;
  const check = async (doc: ScenarioDoc): Promise<void> => {
    const v = await ctx.engine.request('scenario.validate', { scenario: docToJson(doc) });
    if (v.ok) ctx.store.getState().checked(doc, []);
    else if (v.error.kind === 'invalid-scenario') ctx.store.getState().checked(doc, v.error.problems);
    else if (v.error.kind !== 'no-workspace') ctx.store.getState().checked(doc, [{ index: null, field: null, message: v.error.message }]);
  };
  const schedule = (): void => {
    const s = ctx.store.getState();
    const doc = selectActiveEntry(s)?.doc ?? null;
    const ws = s.workspace?.hash ?? null;
    if (doc === null || ws === null || (doc === last && ws === lastWorkspace)) return;
    last = doc;
    lastWorkspace = ws;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void check(doc), DELAY_MS);
  };
  const unsubscribe = ctx.store.subscribe(schedule);
  schedule();
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}
