/** What a screen reader should hear of a field's unit, or null: nothing the label already says, a name for a sign. */
export function spokenUnit(label: string, unit: string): string | null {
  if (unit === '%') return 'percent';
  if (unit === '×') return 'times';
  if (unit.length <= 1 || label.toLowerCase().includes(unit.toLowerCase())) return null;
  return unit;
}

/** A field label's unit: shown as it is, read as a screen reader should hear it ("Change (in percent)", not "Change %"). */
export function FieldUnit({ label, unit }: { label: string; unit: string }) {
  const spoken = spokenUnit(label, unit);
  return (
    <>
      <span className="unit" aria-hidden="true">
        {unit}
      </span>
      {spoken === null ? null : <span className="sr-only">(in {spoken})</span>}
    </>
  );
}
