import { docToJson } from '../scenario/draft';
import { selectActiveEntry } from '../store/scenario-slice';
import type { AppState } from '../store/store';
import { quietScenario, type Json } from './specs';

/** The active scenario as the engine reads it (null when there is none). */
export function activeScenarioJson(s: AppState): Json | null {
  const entry = selectActiveEntry(s);
  return entry === null ? null : docToJson(entry.doc);
}

/** The base of a reverse test or Monte Carlo: no other event, or the active scenario. */
export function baseScenario(s: AppState, base: 'quiet' | 'active'): Json {
  const active = activeScenarioJson(s);
  return base === 'active' && active !== null ? active : quietScenario(active);
}

/** Every scenario of the project, as JSON. */
export function scenarioList(s: AppState): { id: string; name: string; json: Json }[] {
  return s.scenarios.map((e) => ({ id: e.id, name: e.doc.name, json: docToJson(e.doc) }));
}
