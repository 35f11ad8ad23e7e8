import { useMemo, useState } from 'react';
import type { WorkspaceIds } from '../../engine/view/view-types';
import type { EventDraft } from '../scenario/draft';
import { PRESETS, targetsOf, type PresetId } from '../scenario/presets';
import { Modal } from './Modal';

interface Props {
  ids: WorkspaceIds;
  largestAsset: string | null;
  onAdd(events: EventDraft[], name: string): void;
  onNew(events: EventDraft[], name: string): void;
  onClose(): void;
}

/** Ready-made shocks: pick one, pick what it hits, add its events to the scenario or start a new one. */
export function PresetDialog({ ids, largestAsset, onAdd, onNew, onClose }: Props) {
  const [presetId, setPresetId] = useState<PresetId>('flash-crash-30');
  const preset = PRESETS.find((p) => p.id === presetId) ?? (PRESETS[0] as (typeof PRESETS)[number]);
  const options = useMemo(() => targetsOf(preset.target, ids), [preset, ids]);
  const [chosen, setChosen] = useState<string[]>(largestAsset === null ? [] : [largestAsset]);
  const targets = chosen.filter((c) => options.includes(c));
  const effective = targets.length > 0 ? targets : options.slice(0, 1);
  const events = preset.events(preset.multiple ? effective : effective.slice(0, 1), { ids, largestAsset });
  const name = `${preset.label}: ${effective.slice(0, 3).join(', ')}${effective.length > 3 ? '…' : ''}`;
  const toggle = (id: string) => setChosen((c) => (preset.multiple ? (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]) : [id]));

  return (
    <Modal
      title="Presets"
      onClose={onClose}
      wide
      testId="preset-dialog"
      footer={
        <>
          <span className="muted small">{events.length} event{events.length === 1 ? '' : 's'}</span>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" disabled={events.length === 0} onClick={() => onNew(events, name)}>
            New scenario
          </button>
          <button type="button" className="primary" disabled={events.length === 0} onClick={() => onAdd(events, name)}>
            Add to this scenario
          </button>
        </>
      }
    >
      <div className="preset-layout">
        <ul className="preset-list" role="radiogroup" aria-label="Preset">
          {PRESETS.map((p) => (
            <li key={p.id}>
              <label className={p.id === presetId ? 'on' : ''}>
                <input type="radio" name="preset" checked={p.id === presetId} onChange={() => setPresetId(p.id)} />
                <span>
                  <strong>{p.label}</strong>
                  <span className="muted small">{p.description}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        <fieldset className="preset-targets">
          <legend>{preset.multiple ? 'Applies to (one or more)' : 'Applies to'}</legend>
          {options.length === 0 ? <p className="muted">This workspace has nothing this preset can act on.</p> : null}
          <ul>
            {options.slice(0, 300).map((id) => (
              <li key={id}>
                <label>
                  <input type={preset.multiple ? 'checkbox' : 'radio'} name="preset-target" checked={effective.includes(id)} onChange={() => toggle(id)} />
                  {id}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </div>
    </Modal>
  );
}
