import { showNumber } from './checked-table';
import { MAX_MAGNITUDE } from '../util/magnitude';
import { parseDecimal } from './parse-decimal';
import { describeRange, type ColumnType } from './schema';

/** Why a cell is not a number, with the fix when the intent is plain. */
export function notANumberRule(text: string): string {
  const t = text.trim();
  const plain = parseDecimal(t);
  if (!Number.isNaN(plain)) return 'is too large for a number';
  if (/^[+-]?(\d+\.?\d*|\.\d+)%$/.test(t)) {
    return `is not a number; write fractions without % (${t} → ${showNumber(parseDecimal(t.slice(0, -1)) / 100)})`;
  }
  const thousands = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t);
  const decimalComma = /^[+-]?\d*,\d+$/.test(t);
  if (thousands && decimalComma) {
    return `is not a number; ${t} could mean ${t.replace(',', '.')} or ${t.replace(',', '')}: write one of them`;
  }
  if (thousands) return `is not a number; write it without thousands separators (${t.replace(/,/g, '')})`;
  if (decimalComma) return `is not a number; use a point as the decimal separator (${t.replace(',', '.')})`;
  return 'is not a number; write plain decimals such as 1.5, -2, .5 or 1e-3';
}

/**
 * "must be > 0", "must be an integer ≥ 0", plus "did you mean 0.825?" for a fraction written as
 * a percent, or — a liquidation threshold of 1.5 — the threshold of that collateral ratio.
 */
export function rangeRule(type: ColumnType, v: number, column = ''): string {
  if (type.kind === 'number' && type.max?.value === MAX_MAGNITUDE) {
    if (v > MAX_MAGNITUDE) return `must be at most ${MAX_MAGNITUDE}: the engine takes prices, pool depths and external assets up to ${MAX_MAGNITUDE} (amounts times them must stay finite)`;
    return rangeRule({ ...type, max: undefined }, v, column);
  }
  const range = describeRange(type);
  const rule = range.startsWith('integer') ? `must be an ${range}` : `must be ${range}`;
  return rule + percentHint(type, v, column);
}

/**
 * For a fraction column (up to 1) holding a value above its range: from 2 to 100 the fraction
 * likely meant (82.5 → 0.825). Between 1 and 2 a percent is unlikely but for a maintenance margin;
 * a liquidation threshold there is likely a collateral ratio (150%), whose threshold is its inverse.
 */
export function percentHint(type: ColumnType, v: number, column = ''): string {
  if (type.kind !== 'number' || !type.max || type.max.value !== 1) return '';
  const above = type.max.inclusive ? v > 1 : v >= 1;
  if (!above) return '';
  // A maintenance margin of 1 may well be 1%; a threshold, close factor or share of 1.5 is not 1.5%.
  if ((v >= 2 || column === 'maintenance_margin') && v <= 100) return `; did you mean ${showNumber(v / 100)}?`;
  if (column === 'liquidation_threshold' && v < 2) return `; if it is a collateral ratio (${showNumber(v * 100)}%), the threshold is its inverse, ${showNumber(Math.round((1 / v) * 1e4) / 1e4)}`;
  return '';
}
