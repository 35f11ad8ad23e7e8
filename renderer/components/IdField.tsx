import { useId } from 'react';
import type { FieldValue } from '../scenario/draft';
import { FieldUnit } from './field-unit';

const SELECT_LIMIT = 400;

interface Props {
  label: string;
  unit: string;
  value: FieldValue;
  options: readonly string[];
  error?: string | null;
  onChange(value: string): void;
  testId?: string;
}

/** An id from the workspace: a list when there are few, a searchable box when there are many. */
export function IdField({ label, unit, value, options, error, onChange, testId }: Props) {
  const id = useId();
  const current = value === undefined ? '' : String(value);
  const known = options.includes(current);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label} <FieldUnit label={label} unit={unit} />
      </label>
      {options.length <= SELECT_LIMIT ? (
        <select id={id} value={current} aria-invalid={Boolean(error)} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
          {known ? null : <option value={current}>{current === '' ? 'choose…' : `${current} (unknown)`}</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <>
          <input id={id} list={`${id}-list`} value={current} aria-invalid={Boolean(error)} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
          <datalist id={`${id}-list`}>
            {options.slice(0, 5000).map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
