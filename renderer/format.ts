// Grouped from 4 digits on, as the full figures are: $8,285.63T beside $13,668.84T, not $8285.63T.
const usdCompact = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 2, useGrouping: 'always' });
const usdFull = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `$12.35M`: compact dollars for a card; the unit (USD) is in the card's label. */
export function formatUsd(value: number): string {
  // −0 and amounts that round to $0 are $0, not -$0.
  return Number.isFinite(value) ? usdCompact.format(Math.abs(value) < 0.005 ? 0 : value) : '—';
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

const sig = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2, useGrouping: 'always' });

/** A price in USD per unit: enough digits for a stablecoin (0.9987) and for BTC (61,234.5). */
export function formatPrice(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 1 ? 2 : 4;
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** `−30.0%` for a fraction −0.3 (a real minus sign). */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return '—';
  const text = `${(fraction * 100).toFixed(digits)}%`;
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** A plain number with up to six significant digits (units of a token). */
export function formatNumber(value: number): string {
  return Number.isFinite(value) ? sig.format(value) : '—';
}

/** `12.3M` without a currency sign, for axes whose unit is named once. */
export function formatCompact(value: number): string {
  return Number.isFinite(value) ? compact.format(value) : '—';
}

/** `1 run`, `12 runs`. */
export function runsText(n: number): string {
  return `${formatCount(n)} run${n === 1 ? '' : 's'}`;
}
