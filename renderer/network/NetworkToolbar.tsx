import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NetworkGraph } from '../../engine/view/network-types';
import { useAppStore, type AppState } from '../store/store';
import { NETWORK_KINDS, type NetworkKind } from './network-slice';

const pick = (s: AppState) => ({ filters: s.networkFilters, stressShare: s.stressShare });
const LOSS_STEPS = [0, 1e3, 1e5, 1e6, 1e7, 1e8];

/** Filters (kind, venue, loss size), the stress share, the drawing (nodes or groups) and search by id. */
export function NetworkToolbar({ graph, onFind }: { graph: NetworkGraph; onFind(id: string): boolean }) {
  const t = useAppStore(useShallow(pick));
  const s = useAppStore.getState();
  const [query, setQuery] = useState('');
  const [missing, setMissing] = useState(false);
  const venues = graph.ids.filter((_, i) => graph.kind[i] === 1);
  const toggle = (k: NetworkKind) => {
    const on = t.filters.kinds.includes(k);
    s.setNetworkFilters({ kinds: on ? t.filters.kinds.filter((x) => x !== k) : [...t.filters.kinds, k] });
  };
  const find = () => {
    const q = query.trim();
    if (q === '') return;
    const exact = graph.ids.includes(q) ? q : graph.ids.find((id) => id.toLowerCase().includes(q.toLowerCase()));
    setMissing(exact === undefined || !onFind(exact));
  };
  return (
    <div className="network-toolbar" role="toolbar" aria-label="Network filters">
      <fieldset className="kind-toggles">
        <legend className="sr-only">Kinds shown</legend>
        {NETWORK_KINDS.map((k) => (
          <label key={k} className={t.filters.kinds.includes(k) ? 'chip on' : 'chip'}>
            <input type="checkbox" checked={t.filters.kinds.includes(k)} onChange={() => toggle(k)} data-testid={`kind-${k}`} />
            {k === 'entity' ? 'entities' : `${k}s`}
          </label>
        ))}
      </fieldset>
      <label>
        <span className="muted">venue</span>
        <select value={t.filters.venue ?? ''} onChange={(e) => s.setNetworkFilters({ venue: e.target.value === '' ? null : e.target.value })} aria-label="Venue">
          <option value="">all</option>
          {venues.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </label>
      <label>
        <span className="muted">lost at least</span>
        <select value={t.filters.minLossUsd} onChange={(e) => s.setNetworkFilters({ minLossUsd: Number(e.target.value) })} aria-label="Minimum loss">
          {LOSS_STEPS.map((x) => (
            <option key={x} value={x}>
              {x === 0 ? 'any' : `${new Intl.NumberFormat('en-US', { notation: 'compact' }).format(x)} USD`}
            </option>
          ))}
        </select>
      </label>
      <label title="A node counts as stressed when its equity is down more than this share of its start">
        <span className="muted">stressed past</span>
        <select value={t.stressShare} onChange={(e) => s.setStressShare(Number(e.target.value))} aria-label="Stress share">
          {[0.05, 0.1, 0.2, 0.3, 0.5].map((x) => (
            <option key={x} value={x}>
              {Math.round(x * 100)}% down
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="muted">draw</span>
        <select value={t.filters.aggregate} onChange={(e) => s.setNetworkFilters({ aggregate: e.target.value as 'auto' | 'nodes' | 'groups' })} aria-label="Drawing">
          <option value="auto">auto</option>
          <option value="nodes">every node</option>
          <option value="groups">by venue and kind</option>
        </select>
      </label>
      <form
        className="network-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          find();
        }}
      >
        <input
          type="search"
          placeholder="find id…"
          aria-label="Find a node by id"
          value={query}
          className={missing ? 'invalid' : undefined}
          onChange={(e) => {
            setQuery(e.target.value);
            setMissing(false);
          }}
          data-testid="network-search"
        />
      </form>
    </div>
  );
}
