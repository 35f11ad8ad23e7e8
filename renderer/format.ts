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

const sig = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });

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
