import type { DefaultedNode } from '../store/selectors';
import { formatCount, formatUsd } from '../format';

const SHOWN = 50;

/**
 * Defaulted nodes in the order they failed, with their contagion paths; a row selects the node.
 * `tracing`: the run is a preview whose loss graph (and so its paths) is still being made.
 */
export function DefaultsTable({ nodes, selected, onSelect, tracing = false }: { nodes: readonly DefaultedNode[]; selected?: string | null; onSelect?(id: string): void; tracing?: boolean }) {
  if (nodes.length === 0) {
    return (
      <section className="defaults card" aria-label="Defaulted nodes">
        <h2>Defaulted nodes</h2>
        <p className="muted">No node defaulted in this run.</p>
      </section>
    );
  }
  return (
    <section className="defaults card" aria-label="Defaulted nodes">
      <h2>Defaulted nodes</h2>
      <table className="data-table" data-testid="defaults-table">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col" className="num">Default step</th>
            <th scope="col" className="num">Obligations (USD)</th>
            <th scope="col" className="num">Recovery (%)</th>
            <th scope="col">Contagion path</th>
          </tr>
        </thead>
        <tbody>
          {nodes.slice(0, SHOWN).map((node) => (
            <tr key={node.id} className={node.id === selected ? 'selected' : undefined} onClick={onSelect ? () => onSelect(node.id) : undefined}>
              <td>{onSelect ? <button type="button" className="link-button" onClick={() => onSelect(node.id)}>{node.id}</button> : node.id}</td>
              <td className="num">{node.default_step === null ? '—' : formatCount(node.default_step)}</td>
              <td className="num">{formatUsd(node.obligations_usd)}</td>
              <td className="num">{Number.isFinite(node.recovery_rate) ? (node.recovery_rate * 100).toFixed(1) : '—'}</td>
              <td className="path">{tracing ? <span className="muted">tracing…</span> : node.path.length === 0 ? '—' : node.path.join(' → ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {nodes.length > SHOWN ? <p className="muted">…and {formatCount(nodes.length - SHOWN)} more.</p> : null}
    </section>
  );
}
