const usdCompact = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 2 });
const usdFull = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `$12.35M`: compact dollars for a card; the unit (USD) is in the card's label. */
export function formatUsd(value: number): string {
  return Number.isFinite(value) ? usdCompact.format(value) : '—';
}

/** `$12,345,678`: the exact figure, for a tooltip. */
export function formatUsdFull(value: number): string {
  return Number.isFinite(value) ? usdFull.format(value) : '—';
}

export function formatCount(value: number): string {
  return Number.isFinite(value) ? integer.format(value) : '—';
}

/** `3.42×`, or `n/a` when there was no direct loss to amplify. */
export function formatMultiple(value: number | null): string {
  return value === null || !Number.isFinite(value) ? 'n/a' : `${value.toFixed(2)}×`;
}
