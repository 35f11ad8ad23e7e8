import { useEffect, useId, useState } from 'react';
import { parseField, type FieldValue } from '../scenario/draft';
import { FieldUnit } from './field-unit';

const plain = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 12, useGrouping: false });

/** The text a value shows as; a percent field shows fractions ×100 (−0.3 → −30). */
function textOf(value: FieldValue, percent: boolean): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return plain.format(percent ? value * 100 : value);
}

function valueOf(text: string, percent: boolean): FieldValue {
  const v = parseField(text);
  return typeof v === 'number' && percent ? Number((v / 100).toPrecision(12)) : v;
}

interface Props {
  label: string;
  unit: string;
  value: FieldValue;
  percent?: boolean;
  error?: string | null;
  help?: string;
  onChange(value: FieldValue): void;
  testId?: string;
}

/**
 * A number as typed: each edit that reads as a number is committed at once; text that does not
 * is committed as text so the engine's validation says what is wrong with it, inline.
 */
export function NumberField({ label, unit, value, percent = false, error, help, onChange, testId }: Props) {
  const id = useId();
  const [text, setText] = useState(() => textOf(value, percent));
  useEffect(() => {
    // Follow outside changes (undo, a preset) but not the echo of what is being typed.
    setText((t) => (valueOf(t, percent) === value ? t : textOf(value, percent)));
  }, [value, percent]);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label} <FieldUnit label={label} unit={unit} />
      </label>
      <input
        id={id}
        inputMode="decimal"
        value={text}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-err` : undefined}
        title={help}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          onChange(valueOf(e.target.value, percent));
        }}
      />
      {error ? (
        <p className="field-error" id={`${id}-err`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
