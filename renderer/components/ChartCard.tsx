import type { ReactNode } from 'react';
import type { ChartOption } from '../charts/chart-option';
import { useEChart, type EChartEvents } from '../charts/useEChart';
import { ChartExport } from '../export/ChartExport';

interface Props extends EChartEvents {
  id: string;
  title: string;
  /** What the values are measured in, under the title. */
  unit: string;
  option: ChartOption | null;
  /** Controls on the right of the title (selectors, toggles). */
  controls?: ReactNode;
  /** Shown instead of the chart when there is nothing to draw yet. */
  placeholder?: string;
  height?: number;
  className?: string;
}

/** A titled chart of fixed height (no layout shift while data arrives). */
export function ChartCard({ id, title, unit, option, controls, placeholder, height = 300, className, onClick, onRendered }: Props) {
  const ref = useEChart(option, { onClick, onRendered });
  return (
    <section className={`card chart-card${className ? ` ${className}` : ''}`} aria-label={title} data-testid={`chart-${id}`}>
      <header className="card-head">
        <div className="card-title">
          <h2>{title}</h2>
          <p className="card-unit">{unit}</p>
        </div>
        {controls === undefined ? null : <div className="card-controls">{controls}</div>}
        <ChartExport id={id} title={title} unit={unit} box={ref} ready={option !== null} />
      </header>
      <div className="chart-box" style={{ height }}>
        <div ref={ref} className="chart" role="img" aria-label={`${title} (${unit})`} />
        {option === null ? <p className="chart-placeholder">{placeholder ?? 'Loading…'}</p> : null}
      </div>
    </section>
  );
}
