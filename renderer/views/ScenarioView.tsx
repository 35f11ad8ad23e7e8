import { useCallback, useMemo, useRef, useState } from 'react';
import type { ScenarioProblem } from '../../engine/scenario/validate';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../app-context';
import type { EventActions } from '../components/EventCard';
import { Icon } from '../components/Icon';
import { NumberField } from '../components/NumberField';
import { PresetDialog } from '../components/PresetDialog';
import { DEFAULT_OPTIONS } from '../engine-client';
import type { ScenarioDoc } from '../scenario/draft';
import { addEvents, chooseAlternative, copyName, duplicateEvent, moveEvent, removeEvent, setDocField, setEventField, setEventType, setOption } from '../scenario/edits';
import { EVENT_ORDER, EVENT_SPECS, newEvent } from '../scenario/event-specs';
import { EventList } from '../scenario/EventList';
import { NotesEditor } from '../scenario/NotesEditor';
import { selectActive, selectBusy, selectCanRedo, selectCanUndo, selectCheckedDoc, selectOverview, selectProblems, selectScenarios } from '../store/selectors';
import { placeOf } from '../store/scenario-slice';
import { useAppStore, type AppState } from '../store/store';
import { selectCanEdit, useProjectStore } from '../project/project-store';
import { runActive } from '../workflows/run-flow';
import { starterScenario } from '../workflows/workspace-flow';

const pickEditor = (s: AppState) => ({
  scenarios: selectScenarios(s),
  active: selectActive(s),
  problems: selectProblems(s),
  checkedDoc: selectCheckedDoc(s),
  overview: selectOverview(s),
  canUndo: selectCanUndo(s),
  canRedo: selectCanRedo(s),
  busy: selectBusy(s),
  removed: s.removedScenario,
});

const pickPlace = (s: AppState) => placeOf(s, s.activeScenario);
const setSelected = (i: number) => useAppStore.getState().selectEvent(i);

const OPTION_LABELS: [keyof typeof DEFAULT_OPTIONS, string][] = [
  ['fire_sale_on_default', 'Defaulted nodes fire-sell their tokens'],
  ['halt_venue_on_default', 'A defaulted venue halts its liquidations'],
  ['liquidator_profit_check', 'Liquidators never buy at a loss'],
];

/** The scenarios of the project and the editor of the active one (MODEL §2), checked by the engine as you type. */
export function ScenarioView() {
  const ctx = useApp();
  const st = useAppStore(useShallow(pickEditor));
  // Kept in the store by scenario (the Results tab unmounts this view): another tab or scenario and back finds the same event selected, and the list where it was.
  const place = useAppStore(pickPlace);
  const [presets, setPresets] = useState(false);
  const canEdit = useProjectStore(selectCanEdit);
  const { active, overview } = st;
  // Never past the list: an index chosen before an undo or a delete may name no card now.
  const selected = Math.max(0, Math.min(place.selected, (active?.doc.events.length ?? 0) - 1));
  const edit = (update: (d: ScenarioDoc) => ScenarioDoc, key?: string) => useAppStore.getState().editScenario(update, key);
  const ids = overview?.ids ?? null;
  const defaults = { asset: overview?.byAsset[0]?.id ?? ids?.assets[0], oracle: ids?.oracles[0]?.id, venue: ids?.venues[0], node: ids?.entities[0] ?? ids?.venues[0] };
  const checked = active !== null && st.checkedDoc === active.doc;
  const problems = checked ? (st.problems ?? []) : [];
  const docProblems = problems.filter((p) => p.index === null);
  const firstBad = problems.reduce<number | null>((first, p) => (p.index !== null && (first === null || p.index < first) ? p.index : first), null);
  const goToEvent = (i: number): void => {
    setSelected(i);
    // The selected card is always drawn: once it is, into view, and the focus on its field in error.
    setTimeout(() => {
      const card = document.querySelector(`[data-testid="event-${i}"]`);
      card?.scrollIntoView({ block: 'center' });
      const field = card?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? card?.querySelector<HTMLElement>('input, select, button');
      field?.focus();
    }, 0);
  };
  const problemsOf = useMemo(() => {
    const by = new Map<number, ScenarioProblem[]>();
    for (const p of problems) if (p.index !== null) by.set(p.index, [...(by.get(p.index) ?? []), p]);
    return by;
  }, [problems]);
  const defaultsRef = useRef(defaults);
  defaultsRef.current = defaults;
  const actions = useMemo<EventActions>(
    () => ({
      select: setSelected,
      field: (i, f, v) => edit((d) => setEventField(d, i, f, v), `${i}.${f}`),
      alternative: (i, keep, drop, v) => edit((d) => chooseAlternative(d, i, keep, drop, v)),
      type: (i, t) => edit((d) => setEventType(d, i, t, defaultsRef.current)),
      move: (i, by) => {
        const refocus = focusFollows(i, i + by);
        edit((d) => moveEvent(d, i, by));
        setSelected(i + by);
        refocus();
      },
      duplicate: (i) => edit((d) => duplicateEvent(d, i)),
      remove: (i) => {
        const left = (useAppStore.getState().scenarios.find((e) => e.id === useAppStore.getState().activeScenario)?.doc.events.length ?? 1) - 1;
        edit((d) => removeEvent(d, i));
        // The focus goes to the event now in its place (the one before when it was the last), not to the page.
        const next = Math.min(i, left - 1);
        requestAnimationFrame(() => document.querySelector<HTMLElement>(next >= 0 ? `[data-testid="event-${next}"] button[aria-label^="Delete event"]` : '.add-event button')?.focus());
      },
    }),
    [],
  );
  // Notes whose step field holds text that is not a step: the draft (and the engine's verdict) keeps their last step.
  const [typingNotes, setTypingNotes] = useState<number[]>([]);
  const onStepTyping = useCallback((i: number, wrong: boolean) => setTypingNotes((now) => (wrong === now.includes(i) ? now : wrong ? [...now, i].sort((a, b) => a - b) : now.filter((x) => x !== i))), []);
  const docError = (field: string) => docProblems.filter((p) => p.field === field).map((p) => p.message).join('; ') || null;
  const nameNote = active === null ? null : scenarioNameNote(active.doc.name, active.id, st.scenarios);

  const newScenario = () => useAppStore.getState().addScenario(starterScenario(overview?.byAsset[0]?.id ?? null));
  const duplicate = () => {
    if (active === null) return;
    const doc = { ...active.doc, name: copyName(active.doc.name, st.scenarios.map((s) => s.doc.name)) };
    useAppStore.getState().addScenario(doc);
  };

  return (
    <div className="scenario-view" data-testid="scenario-view">
      <aside className="scenario-list" aria-label="Scenarios">
        <header>
          <h2>Scenarios</h2>
          <button type="button" className="icon-button" aria-label="New scenario" title="New scenario" disabled={!canEdit} onClick={newScenario}>
            <Icon name="plus" />
          </button>
        </header>
        <ul>
          {st.scenarios.map((s) => (
            <li key={s.id}>
              <button type="button" className={s.id === active?.id ? 'selected' : ''} aria-current={s.id === active?.id} onClick={() => useAppStore.getState().selectScenario(s.id)} title={s.origin ?? undefined}>
                {s.doc.name || 'Untitled'}
              </button>
            </li>
          ))}
        </ul>
        <div className="list-actions">
          <button type="button" disabled={active === null || !canEdit} onClick={duplicate}>
            <Icon name="copy" size={16} /> Duplicate
          </button>
          <button
            type="button"
            className="danger"
            disabled={active === null || st.scenarios.length <= 1 || !canEdit}
            aria-label={active === null ? 'Delete scenario' : `Delete scenario “${active.doc.name || 'Untitled'}”`}
            onClick={() => active && useAppStore.getState().removeScenario(active.id)}
            data-testid="scenario-delete"
          >
            <Icon name="trash" size={16} /> Delete
          </button>
        </div>
        {st.removed !== null && canEdit ? (
          <p className="removed-note small" role="status" data-testid="scenario-removed">
            Deleted “{st.removed.entry.doc.name || 'Untitled'}”.{' '}
            <button type="button" className="link-button" onClick={() => useAppStore.getState().restoreScenario()} data-testid="scenario-restore">
              Undo
            </button>
          </p>
        ) : null}
      </aside>
      {active === null ? (
        <p className="empty-view muted">No scenario yet. Make one with +, or import a scenario file.</p>
      ) : (
        <section
          className="editor"
          aria-label="Scenario editor"
          onKeyDown={(e) => {
            if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
            e.preventDefault();
            const by = e.key === 'ArrowUp' ? -1 : 1;
            if (selected + by < 0 || selected + by >= active.doc.events.length) return;
            const refocus = focusFollows(selected, selected + by);
            edit((d) => moveEvent(d, selected, by));
            setSelected(selected + by);
            refocus();
          }}
        >
          {canEdit ? null : <p className="viewer-note">This project is open read-only: its scenarios cannot be changed here. Save As makes an editable copy.</p>}
          <fieldset className="plain editor-fields" disabled={!canEdit}>
            <header className="editor-head">
              <div className="field grow">
                <label htmlFor="sc-name">Name</label>
                <input
                  id="sc-name"
                  data-testid="scenario-name"
                  value={active.doc.name}
                  aria-invalid={nameNote !== null}
                  aria-describedby={nameNote === null ? undefined : 'sc-name-note'}
                  onChange={(e) => edit((d) => setDocField(d, 'name', e.target.value), 'name')}
                />
                {nameNote === null ? null : (
                  <p id="sc-name-note" className="field-error" data-testid="scenario-name-note">
                    {nameNote}
                  </p>
                )}
              </div>
              <NumberField label="Steps" unit="T" value={active.doc.steps} error={docError('steps') ?? notesPast(active.doc)} onChange={(v) => edit((d) => setDocField(d, 'steps', v), 'steps')} testId="scenario-steps" />
              <div className="editor-tools">
                <button type="button" className="icon-button" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!st.canUndo} onClick={() => useAppStore.getState().undo()}>
                  <Icon name="undo" />
                </button>
                <button type="button" className="icon-button" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!st.canRedo} onClick={() => useAppStore.getState().redo()}>
                  <Icon name="redo" />
                </button>
                <button type="button" onClick={() => setPresets(true)} disabled={ids === null}>
                  Presets…
                </button>
                <button type="button" className="primary" disabled={st.busy || problems.length > 0} onClick={() => void runActive(ctx).then(() => useAppStore.getState().setView('results'))} data-testid="editor-run">
                  <Icon name="play" size={16} /> Run
                </button>
              </div>
            </header>
            <div className="field">
              <label htmlFor="sc-desc">Description</label>
              <textarea id="sc-desc" rows={2} value={active.doc.description} onChange={(e) => edit((d) => setDocField(d, 'description', e.target.value), 'description')} />
            </div>
            <p className={`validation ${!checked ? 'pending' : problems.length === 0 ? 'ok' : 'bad'}`} role="status" data-testid="scenario-validation">
              {!checked ? 'Checking…' : problems.length === 0 ? 'Valid: the engine accepts this scenario.' : `${problems.length} problem${problems.length === 1 ? '' : 's'}: fix ${problems.length === 1 ? 'it' : 'them'} to run.`}
              {firstBad !== null ? (
                // In a long list the card may be thousands of cards away, and not drawn: this brings it.
                <button type="button" className="link-button" onClick={() => goToEvent(firstBad)} data-testid="go-to-problem">
                  {` Go to event ${(firstBad + 1).toLocaleString('en-US')}`}
                </button>
              ) : null}
              {typingNotes.length > 0 ? (
                <span className="doc-problem" data-testid="notes-typing">
                  {`The step typed for note ${typingNotes.map((i) => i + 1).join(', ')} is not a step: ${typingNotes.length === 1 ? 'it keeps' : 'they keep'} the step ${typingNotes.length === 1 ? 'it had' : 'they had'} until it is.`}
                </span>
              ) : null}
              {docProblems
                // Shown where they are: at the Steps field and on each note.
                .filter((p) => p.field !== 'steps' && !p.field?.startsWith('notes['))
                .map((p, i) => (
                  <span key={i} className="doc-problem">
                    {p.field === null ? '' : `${p.field}: `}
                    {p.message}
                  </span>
                ))}
            </p>
            <h2>Events</h2>
            <EventList
              key={active.id}
              events={active.doc.events}
              ids={ids}
              problemsOf={problemsOf}
              selected={selected}
              actions={actions}
              from={place.card}
              onLeave={(card) => useAppStore.getState().leaveList(active.id, card)}
            />
            <div className="add-event">
              <span className="muted">Add</span>
              {EVENT_ORDER.map((t) => (
                <button type="button" key={t} onClick={() => edit((d) => addEvents(d, [newEvent(t, defaults)]))} title={EVENT_SPECS[t].summary}>
                  <Icon name="plus" size={14} /> {EVENT_SPECS[t].label}
                </button>
              ))}
            </div>
            <h2>Options</h2>
            <div className="options">
              {OPTION_LABELS.map(([k, label]) => (
                <label key={k} className="check">
                  <input
                    type="checkbox"
                    checked={typeof active.doc.options[k] === 'boolean' ? (active.doc.options[k] as boolean) : (DEFAULT_OPTIONS[k] as boolean)}
                    onChange={(e) => edit((d) => setOption(d, k, e.target.checked === DEFAULT_OPTIONS[k] ? undefined : e.target.checked))}
                  />
                  {label}
                </label>
              ))}
              {docProblems.filter((p) => p.field?.startsWith('options.')).map((p, i) => (
                <p key={i} className="field-error">
                  {p.field}: {p.message}
                </p>
              ))}
            </div>
            <NotesEditor doc={active.doc} problems={docProblems} onEdit={edit} onStepTyping={onStepTyping} />
          </fieldset>
        </section>
      )}
      {presets && ids !== null ? (
        <PresetDialog
          ids={ids}
          largestAsset={overview?.byAsset[0]?.id ?? null}
          onClose={() => setPresets(false)}
          onAdd={(events) => {
            edit((d) => addEvents(d, events));
            setPresets(false);
          }}
          onNew={(events, name) => {
            useAppStore.getState().addScenario({ name, description: '', steps: 50, events, options: {}, notes: [] });
            setPresets(false);
          }}
        />
      ) : null}
    </div>
  );
}

/** What is wrong with a scenario's name, or null: the list, reports and the command line go by it. */
export function scenarioNameNote(name: string, id: string, all: readonly { id: string; doc: { name: string } }[]): string | null {
  if (name.trim() === '') return 'Give it a name: the scenario list, reports and the command line go by it.';
  if (all.some((e) => e.id !== id && e.doc.name.trim() === name.trim())) return 'Another scenario has this name: a saved project will call this one “… (2)”, and the lists cannot tell them apart.';
  return null;
}

const FOCUSABLE = 'input, select, textarea, button';

/** Where the horizon leaves a storyboard note behind it, said at the Steps field: "note 2 is at step 45; the last step is 9". */
export function notesPast(doc: ScenarioDoc): string | null {
  if (typeof doc.steps !== 'number' || !Number.isInteger(doc.steps) || doc.steps < 1) return null;
  const steps = doc.steps;
  const past = doc.notes.map((n, i) => ({ n, i })).filter(({ n }) => n.step >= steps);
  if (past.length === 0) return null;
  const first = past[0] as { n: { step: number }; i: number };
  return `note ${first.i + 1} is at step ${first.n.step}${past.length > 1 ? ` (and ${past.length - 1} more after step ${steps - 1})` : ''}; the last step is ${steps - 1}`;
}

/**
 * Before an event moves from card `from` to card `to`: what puts the focus, once the list is drawn
 * again, on the same control of the event in its new place (the caret stayed in the old card,
 * which then held another event, and a second Move pressed moved that one back).
 */
function focusFollows(from: number, to: number): () => void {
  const card = document.querySelector(`[data-testid="event-${from}"]`);
  const at = document.activeElement;
  const k = card !== null && at !== null && card.contains(at) ? [...card.querySelectorAll(FOCUSABLE)].indexOf(at) : -1;
  return () => {
    if (k < 0) return;
    requestAnimationFrame(() => {
      const controls = [...(document.querySelector(`[data-testid="event-${to}"]`)?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
      // A Move button at the end of the list is disabled there: its neighbour takes the focus.
      const target = controls[k] && !(controls[k] as HTMLButtonElement).disabled ? controls[k] : controls.slice(k - 1, k + 2).find((c) => !(c as HTMLButtonElement).disabled);
      target?.focus();
    });
  };
}
