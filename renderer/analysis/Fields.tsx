import { useId, type ReactNode } from 'react';
import { FieldUnit } from '../components/field-unit';

interface FieldProps {
  label: string;
  unit?: string;
  /** Problems the engine found with this field, shown under it. */
  errors?: string[];
  help?: string;
  className?: string;
  children: (id: string, invalid: boolean, describedBy: string | undefined) => ReactNode;
}

/** A labelled form field with the engine's problems with it inline. */
export function Field({ label, unit, errors = [], help, className, children }: FieldProps) {
  const id = useId();
  const invalid = errors.length > 0;
  return (
    <div className={`field${invalid ? ' has-error' : ''}${className ? ` ${className}` : ''}`} title={help}>
      <label htmlFor={id}>
        {label} {unit ? <FieldUnit label={label} unit={unit} /> : null}
      </label>
      {children(id, invalid, invalid ? `${id}-err` : undefined)}
      {invalid ? (
        <p className="field-error" id={`${id}-err`} role="alert">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

interface TextProps {
  label: string;
  unit?: string;
  value: string;
  onChange(value: string): void;
  errors?: string[];
  help?: string;
  placeholder?: string;
  testId?: string;
  className?: string;
}

/** A number (or any value) as typed: the engine's rules say what is wrong with it. */
export function TextField({ label, unit, value, onChange, errors, help, placeholder, testId, className }: TextProps) {
  return (
    <Field label={label} unit={unit} errors={errors} help={help} className={className}>
      {(id, invalid, describedBy) => (
        <input id={id} value={value} inputMode="decimal" placeholder={placeholder} aria-invalid={invalid} aria-describedby={describedBy} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

interface SelectProps {
  label: string;
  unit?: string;
  value: string;
  options: readonly (readonly [value: string, label: string])[];
  onChange(value: string): void;
  errors?: string[];
  help?: string;
  testId?: string;
  className?: string;
}

export function SelectField({ label, unit, value, options, onChange, errors, help, testId, className }: SelectProps) {
  const known = options.some(([v]) => v === value);
  return (
    <Field label={label} unit={unit} errors={errors} help={help} className={className}>
      {(id, invalid, describedBy) => (
        <select id={id} value={value} aria-invalid={invalid} aria-describedby={describedBy} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
          {known ? null : <option value={value}>{value === '' ? '—' : value}</option>}
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The form's problems that belong to no single field. */
export function FormProblems({ problems, testId }: { problems: string[]; testId?: string }) {
  if (problems.length === 0) return null;
  return (
    <ul className="an-problems" role="alert" data-testid={testId}>
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}
