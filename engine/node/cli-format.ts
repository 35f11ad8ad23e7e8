import type { ScenarioEvent } from '../scenario/scenario';

const usd0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const usd2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat('en-US');

/** "$1,234,567" (whole dollars from $1,000, cents below). */
export function money(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  return `${sign}$${a >= 1000 ? usd0.format(a) : usd2.format(a)}`;
}

export function int(n: number): string {
  return count.format(n);
}

/** `1 position`, `2 positions`: a count and its noun (plural by an s unless given). */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${int(n)} ${n === 1 ? noun : plural}`;
}

/** A price with about six significant digits. */
export function price(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x >= 1000) return usd2.format(x);
  return Number(x.toPrecision(6)).toString();
}

export function percent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

export function signedPercent(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;
}

export function ms(x: number): string {
  return x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`;
}

/** A table as aligned columns; `right` marks right-aligned columns. */
export function columns(rows: readonly (readonly string[])[], right: readonly boolean[] = []): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - [...c].length);
        return right[i] ? pad + c : i === r.length - 1 ? c : c + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

/** "price_shock ETH −30%": an event by its type and target. */
export function eventLabel(e: ScenarioEvent): string {
  switch (e.type) {
    case 'price_shock':
      return `price_shock ${e.asset} ${signedPercent(e.change)}`;
    case 'depth_change':
      return `depth_change ${e.asset} ×${e.factor}`;
    case 'oracle_freeze':
      return `oracle_freeze ${e.oracle}`;
    case 'oracle_override':
      return `oracle_override ${e.oracle} ${e.price !== undefined ? `at ${price(e.price)}` : signedPercent(e.change ?? 0)}`;
    case 'venue_outage':
      return `venue_outage ${e.venue}`;
    case 'external_loss':
      return `external_loss ${e.node} ${e.amount_usd !== undefined ? money(e.amount_usd) : percent(e.fraction ?? 0)}`;
  }
}

/** When an event acts: "step 3" or "steps 0–2". */
export function eventWhen(e: ScenarioEvent): string {
  return 'at' in e ? `step ${e.at}` : e.from === e.to ? `step ${e.from}` : `steps ${e.from}–${e.to}`;
}
