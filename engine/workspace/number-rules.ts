import { showNumber } from './checked-table';
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

/** "must be > 0", "must be an integer ≥ 0", plus "did you mean 0.825?" for a fraction written as a percent. */
export function rangeRule(type: ColumnType, v: number): string {
  const range = describeRange(type);
  const rule = range.startsWith('integer') ? `must be an ${range}` : `must be ${range}`;
  return rule + percentHint(type, v);
}

/** For a fraction column (up to 1) holding a value above its range, up to 100: the fraction likely meant. */
export function percentHint(type: ColumnType, v: number): string {
  if (type.kind !== 'number' || !type.max || type.max.value !== 1) return '';
  const above = type.max.inclusive ? v > 1 : v >= 1;
  return above && v <= 100 ? `; did you mean ${showNumber(v / 100)}?` : '';
}
