import type { StateCreator } from 'zustand';
import type { ScenarioProblem } from '../../engine/scenario/validate';
import type { ScenarioDoc } from '../scenario/draft';
import type { CardAt } from '../scenario/event-window';

const HISTORY = 200;
/** Edits of one field within this time are one undo step (typing "-0.35" is one change). */
const COALESCE_MS = 1000;

export interface ScenarioEntry {
  id: string;
  doc: ScenarioDoc;
  past: ScenarioDoc[];
  future: ScenarioDoc[];
  /** Where it came from: a demo or a file name; null when made here. */
  origin: string | null;
}

/** Where the editor stood in one scenario, kept while other tabs and scenarios are shown. */
export interface EditorPlace {
  /** The selected event's index. */
  selected: number;
  /** The card in view when the list was left and where it stood; null until the list is first left. */
  card: CardAt | null;
}

const FIRST_PLACE: EditorPlace = { selected: 0, card: null };

export interface ScenarioSlice {
  scenarios: ScenarioEntry[];
  activeScenario: string | null;
  /** The engine's verdict on the active scenario's current draft; null while unchecked. */
  problems: ScenarioProblem[] | null;
  /** The draft those problems are about (so a stale answer is never shown against a newer draft). */
  checkedDoc: ScenarioDoc | null;
  lastEdit: { key: string; at: number } | null;
  /** The scenario deleted last and where it stood in the list, until it is restored or the list is replaced. */
  removedScenario: { entry: ScenarioEntry; at: number } | null;
  /** Viewer mode: every change to the scenarios is refused here, whatever asks (controls, shortcuts, menus); loading a project's is not a change. */
  editLocked: boolean;
  /** Each scenario's place in the editor, by scenario id; emptied when the scenarios are replaced. */
  places: Readonly<Record<string, EditorPlace>>;
  setEditLocked(locked: boolean): void;
  /** Selects an event of the active scenario. */
  selectEvent(index: number): void;
  /** Keeps where scenario `id`'s event list was left; a list whose scenario is gone keeps nothing. */
  leaveList(id: string, card: CardAt | null): void;
  setScenarios(entries: { doc: ScenarioDoc; origin: string | null }[], active?: number): void;
  addScenario(doc: ScenarioDoc, origin?: string | null): string;
  removeScenario(id: string): void;
  /** Puts the scenario deleted last back where it was, its undo history with it, and selects it. */
  restoreScenario(): void;
  selectScenario(id: string): void;
  /** Replaces the active draft; `key` names the field edited, so fast edits of it coalesce into one undo step. */
  editScenario(update: (doc: ScenarioDoc) => ScenarioDoc, key?: string, now?: number): void;
  undo(): void;
  redo(): void;
  checked(doc: ScenarioDoc, problems: ScenarioProblem[]): void;
}

let nextId = 1;
const newId = (): string => `sc-${nextId++}`;

export const selectActiveEntry = (s: ScenarioSlice): ScenarioEntry | null => s.scenarios.find((e) => e.id === s.activeScenario) ?? null;

export const placeOf = (s: ScenarioSlice, id: string | null): EditorPlace => (id === null ? undefined : s.places[id]) ?? FIRST_PLACE;

export const createScenarioSlice: StateCreator<ScenarioSlice, [], [], ScenarioSlice> = (set, get) => {
  const patchActive = (patch: (e: ScenarioEntry) => ScenarioEntry, extra: Partial<ScenarioSlice> = {}): void =>
    set((s) => ({ scenarios: s.scenarios.map((e) => (e.id === s.activeScenario ? patch(e) : e)), ...extra }));

  return {
    scenarios: [],
    activeScenario: null,
    problems: null,
    checkedDoc: null,
    lastEdit: null,
    removedScenario: null,
    editLocked: false,
    places: {},
    setEditLocked: (editLocked) => set({ editLocked }),
    selectEvent: (selected) => {
      const id = get().activeScenario;
      const place = placeOf(get(), id);
      if (id !== null && place.selected !== selected) set((s) => ({ places: { ...s.places, [id]: { ...place, selected } } }));
    },
    leaveList: (id, card) =>
      set((s) => (s.scenarios.some((e) => e.id === id) || s.removedScenario?.entry.id === id ? { places: { ...s.places, [id]: { ...placeOf(s, id), card } } } : s)),
    setScenarios: (entries, active = 0) => {
      const scenarios = entries.map(({ doc, origin }) => ({ id: newId(), doc, past: [], future: [], origin }));
      set({ scenarios, activeScenario: scenarios[active]?.id ?? scenarios[0]?.id ?? null, problems: null, checkedDoc: null, lastEdit: null, removedScenario: null, places: {} });
    },
    addScenario: (doc, origin = null) => {
      if (get().editLocked) return get().activeScenario ?? '';
      const id = newId();
      set((s) => ({ scenarios: [...s.scenarios, { id, doc, past: [], future: [], origin }], activeScenario: id, problems: null, checkedDoc: null, lastEdit: null }));
      return id;
    },
    removeScenario: (id) =>
      set((s) => {
        if (s.editLocked) return s;
        const at = s.scenarios.findIndex((e) => e.id === id);
        const entry = s.scenarios[at];
        if (entry === undefined) return s;
        const scenarios = s.scenarios.filter((e) => e.id !== id);
        const active = s.activeScenario === id ? (scenarios[Math.max(0, at - 1)]?.id ?? null) : s.activeScenario;
        return { scenarios, activeScenario: active, removedScenario: { entry, at }, ...(active !== s.activeScenario ? { problems: null, checkedDoc: null } : {}) };
      }),
    restoreScenario: () =>
      set((s) => {
        const r = s.removedScenario;
        if (r === null || s.editLocked) return s;
        const scenarios = [...s.scenarios.slice(0, r.at), r.entry, ...s.scenarios.slice(r.at)];
        return { scenarios, activeScenario: r.entry.id, removedScenario: null, problems: null, checkedDoc: null, lastEdit: null };
      }),
    selectScenario: (id) => {
      if (get().activeScenario !== id) set({ activeScenario: id, problems: null, checkedDoc: null, lastEdit: null });
    },
    editScenario: (update, key, now = Date.now()) => {
      const s = get();
      const entry = selectActiveEntry(s);
      if (!entry || s.editLocked) return;
      const doc = update(entry.doc);
      if (doc === entry.doc) return;
      const coalesce = key !== undefined && s.lastEdit !== null && s.lastEdit.key === key && now - s.lastEdit.at < COALESCE_MS && entry.past.length > 0;
      patchActive((e) => ({ ...e, doc, past: coalesce ? e.past : [...e.past, e.doc].slice(-HISTORY), future: [] }), {
        lastEdit: key === undefined ? null : { key, at: now },
      });
    },
    undo: () => {
      const entry = selectActiveEntry(get());
      if (!entry || entry.past.length === 0 || get().editLocked) return;
      patchActive((e) => ({ ...e, doc: e.past[e.past.length - 1] as ScenarioDoc, past: e.past.slice(0, -1), future: [e.doc, ...e.future] }), { lastEdit: null });
    },
    redo: () => {
      const entry = selectActiveEntry(get());
      if (!entry || entry.future.length === 0 || get().editLocked) return;
      patchActive((e) => ({ ...e, doc: e.future[0] as ScenarioDoc, past: [...e.past, e.doc], future: e.future.slice(1) }), { lastEdit: null });
    },
    checked: (doc, problems) => {
      if (selectActiveEntry(get())?.doc === doc) set({ problems, checkedDoc: doc });
    },
  };
};
