import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { docFromJson } from '../scenario/draft';
import { setEventField } from '../scenario/edits';
import { createScenarioSlice, placeOf, selectActiveEntry, type ScenarioSlice } from './scenario-slice';

const doc = docFromJson({ name: 'Crash', events: [{ type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 }] }, 'x');
const change = (s: ScenarioSlice) => selectActiveEntry(s)?.doc.events[0]?.change;

describe('scenario slice', () => {
  it('undoes and redoes edits, one step per edit of another field or after a pause', () => {
    const store = create<ScenarioSlice>()(createScenarioSlice);
    store.getState().setScenarios([{ doc, origin: null }]);
    const edit = (v: number, at: number) => store.getState().editScenario((d) => setEventField(d, 0, 'change', v), '0.change', at);
    edit(-0.4, 1000);
    edit(-0.45, 1500); // same field within a second: the same undo step
    edit(-0.5, 4000);
    expect(change(store.getState())).toBe(-0.5);
    store.getState().undo();
    expect(change(store.getState())).toBe(-0.45);
    store.getState().undo();
    expect(change(store.getState())).toBe(-0.3);
    store.getState().undo();
    expect(change(store.getState())).toBe(-0.3);
    store.getState().redo();
    store.getState().redo();
    expect(change(store.getState())).toBe(-0.5);
    edit(-0.1, 9000);
    store.getState().undo();
    store.getState().undo();
    store.getState().editScenario((d) => setEventField(d, 0, 'at', 2));
    expect(selectActiveEntry(store.getState())?.future).toEqual([]);
  });

  it('keeps a verdict only for the draft it was about', () => {
    const store = create<ScenarioSlice>()(createScenarioSlice);
    store.getState().setScenarios([{ doc, origin: null }]);
    const old = selectActiveEntry(store.getState())?.doc;
    store.getState().editScenario((d) => setEventField(d, 0, 'change', 'abc'));
    if (old) store.getState().checked(old, []);
    expect(store.getState().problems).toBeNull();
    const now = selectActiveEntry(store.getState())?.doc;
    if (now) store.getState().checked(now, [{ index: 0, field: 'change', message: 'must be a number > −1, got "abc"' }]);
    expect(store.getState().problems?.length).toBe(1);
  });

  it('adds, selects and removes named scenarios, each with its own history', () => {
    const store = create<ScenarioSlice>()(createScenarioSlice);
    store.getState().setScenarios([{ doc, origin: 'demo/a.json' }, { doc: { ...doc, name: 'B' }, origin: null }], 1);
    expect(selectActiveEntry(store.getState())?.doc.name).toBe('B');
    const id = store.getState().addScenario({ ...doc, name: 'C' });
    expect(store.getState().activeScenario).toBe(id);
    store.getState().editScenario((d) => ({ ...d, name: 'C2' }));
    store.getState().removeScenario(id);
    expect(store.getState().scenarios.map((s) => s.doc.name)).toEqual(['Crash', 'B']);
    expect(selectActiveEntry(store.getState())?.doc.name).toBe('B');
  });

  it('puts a deleted scenario back where it stood, with its undo history, until the list is replaced', () => {
    const store = create<ScenarioSlice>()(createScenarioSlice);
    store.getState().setScenarios([{ doc, origin: null }, { doc: { ...doc, name: 'B' }, origin: null }, { doc: { ...doc, name: 'C' }, origin: null }], 1);
    store.getState().editScenario((d) => ({ ...d, name: 'B2' }));
    const b = store.getState().activeScenario as string;
    store.getState().removeScenario(b);
    expect(store.getState().scenarios.map((s) => s.doc.name)).toEqual(['Crash', 'C']);
    store.getState().restoreScenario();
    expect(store.getState().scenarios.map((s) => s.doc.name)).toEqual(['Crash', 'B2', 'C']);
    expect(store.getState().activeScenario).toBe(b);
    store.getState().undo();
    expect(selectActiveEntry(store.getState())?.doc.name).toBe('B');
    // Restored once; a new list leaves nothing to restore.
    store.getState().restoreScenario();
    expect(store.getState().scenarios).toHaveLength(3);
    store.getState().removeScenario(b);
    store.getState().setScenarios([{ doc, origin: null }]);
    store.getState().restoreScenario();
    expect(store.getState().scenarios.map((s) => s.doc.name)).toEqual(['Crash']);
  });

  it('keeps each scenario its selected event and the card it was left at, until the scenarios are replaced', () => {
    const store = create<ScenarioSlice>()(createScenarioSlice);
    store.getState().setScenarios([{ doc, origin: null }, { doc: { ...doc, name: 'B' }, origin: null }]);
    const [a, b] = store.getState().scenarios.map((e) => e.id) as [string, string];
    expect(placeOf(store.getState(), a)).toEqual({ selected: 0, card: null });
    store.getState().selectEvent(60);
    store.getState().leaveList(a, { index: 58, top: 163 });
    store.getState().selectScenario(b);
    expect(placeOf(store.getState(), b)).toEqual({ selected: 0, card: null });
    store.getState().selectEvent(9_000);
    store.getState().leaveList(b, { index: 9_000, top: -40 });
    store.getState().selectScenario(a);
    expect(placeOf(store.getState(), a)).toEqual({ selected: 60, card: { index: 58, top: 163 } });
    expect(placeOf(store.getState(), b)).toEqual({ selected: 9_000, card: { index: 9_000, top: -40 } });
    // Selecting the selected event again (a focus moving inside its card) changes nothing.
    const before = store.getState().places;
    store.getState().selectEvent(60);
    expect(store.getState().places).toBe(before);
    // A deleted scenario keeps its place for Undo.
    store.getState().removeScenario(b);
    store.getState().leaveList(b, { index: 8_999, top: 10 });
    store.getState().restoreScenario();
    expect(placeOf(store.getState(), b)).toEqual({ selected: 9_000, card: { index: 8_999, top: 10 } });
    // Another project's scenarios start afresh, and a list left after its scenario was replaced keeps nothing.
    store.getState().setScenarios([{ doc, origin: null }]);
    expect(store.getState().places).toEqual({});
    store.getState().leaveList(a, { index: 58, top: 163 });
    expect(store.getState().places).toEqual({});
    expect(placeOf(store.getState(), store.getState().activeScenario)).toEqual({ selected: 0, card: null });
  });
});
