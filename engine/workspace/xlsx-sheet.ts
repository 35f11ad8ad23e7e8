import { F64Column, I32Column } from '../util/growable';
import { indexOfBytes } from './xlsx-book';
import { parseDecimal, parseDecimalBytes } from './parse-decimal';
import type { ProblemLog } from './problems';
import { DictBuilder, type RawColumn, type RawTable, type ReadOptions } from './raw-table';
import { BOOLEAN_ID, checkHeaders, identifierFlags } from './read-common';
import type { TableName } from './schema';
import { runsText, xmlText } from './xml-text';
import { attrAt, columnAt, digitsAt, isEnd, letters, typeOf } from './xlsx-cells';

const LT = 60;
const GT = 62;
const SLASH = 47;
const MAX_COLUMNS = 16384;
const IS_CLOSE = new TextEncoder().encode('</is>');
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** One column as the sheet is read: numbers or dictionary codes, one slot per data row. */
interface Column {
  numeric: boolean;
  /** Holds ids or references: a TRUE/FALSE cell is refused. */
  identifier: boolean;
  nums: F64Column;
  codes: I32Column;
  dict: DictBuilder;
  invalid: { row: number; text: string }[];
}

/**
 * Reads one worksheet's XML into a raw table (MODEL §1), in steps of about `budget` bytes.
 * The first non-empty row is the header; empty rows are skipped; row numbers are sheet rows.
 * Numbers are cells' stored values (not their display format); text cells, shared or inline,
 * are dictionary-encoded; a formula's cached result is read.
 */
export class SheetReader {
  done = 0;
  private p = 0;
  private finished = false;
  private headers: string[] | null = null;
  private headerCells: string[] = [];
  private cols: Column[] = [];
  private rows = 0;
  private readonly rowNumbers = new I32Column(1024);
  private sheetRow = 0;
  private rowHasValue = false;
  private readonly errorsBefore: number;

  constructor(
    private readonly b: Uint8Array,
    private readonly strings: readonly string[],
    private readonly table: TableName,
    private readonly source: string,
    private readonly opts: ReadOptions,
    private readonly log: ProblemLog,
    private readonly maxRows = Infinity,
    /** 1 at each cell style index that shows a date (Workbook.dateStyles). */
    private readonly dateStyles: Uint8Array = new Uint8Array(0),
  ) {
    this.errorsBefore = log.errors;
    const start = indexOfBytes(b, new TextEncoder().encode('<sheetData'), 0);
    this.p = start < 0 ? b.length : start;
  }

  /** Reads on for about `budget` bytes; true when the sheet is read. */
  step(budget: number): boolean {
    if (this.finished) return true;
    const b = this.b;
    const stop = Math.min(b.length, this.p + budget);
    while (this.p < stop) {
      const lt = b.indexOf(LT, this.p);
      if (lt < 0) {
        this.p = b.length;
        break;
      }
      const c1 = b[lt + 1] as number;
      if (c1 === 114 && b[lt + 2] === 111 && b[lt + 3] === 119 && isEnd(b[lt + 4] as number)) this.p = this.row(lt);
      else if (c1 === SLASH && b[lt + 2] === 115) {
        this.p = b.length; // </sheetData>
      } else this.p = Math.max(lt + 1, b.indexOf(GT, lt) + 1 || b.length);
      if (this.rows >= this.maxRows) this.p = b.length;
    }
    this.done = this.p;
    if (this.p < b.length) return false;
    this.finished = true;
    return true;
  }

  /** The table, or null when the sheet has problems (all logged). */
  result(): RawTable | null {
    if (!this.headers) {
      this.log.error(this.table, null, null, this.source, 'is empty; a header row naming the columns is expected');
      return null;
    }
    if (this.log.errors !== this.errorsBefore) return null;
    const n = this.rows;
    const columns: RawColumn[] = this.headers.map((header, j) => {
      const c = this.cols[j] as Column;
      return c.numeric
        ? { kind: 'number', header, values: c.nums.take().subarray(0, n), invalid: c.invalid }
        : { kind: 'string', header, codes: c.codes.take().subarray(0, n), dict: c.dict.dict };
    });
    return { table: this.table, source: this.source, rowCount: n, columns, rowNumbers: this.rowNumbers.take() };
  }

  /** Reads the row whose tag opens at lt; returns where reading goes on (after `</row>`). */
  private row(lt: number): number {
    const b = this.b;
    const gt = b.indexOf(GT, lt);
    if (gt < 0) return b.length;
    const at = attrAt(b, lt + 4, gt, 114);
    const r = at < 0 ? -1 : digitsAt(b, at);
    this.sheetRow = r > 0 ? r : this.sheetRow + 1;
    if (b[gt - 1] === SLASH) return gt + 1;
    this.rowHasValue = false;
    if (this.headers) this.openRow();
    else this.headerCells = [];
    let next = 0;
    let p = b.indexOf(LT, gt);
    let end = b.length;
    while (p >= 0) {
      const c1 = b[p + 1] as number;
      if (c1 === 99 && isEnd(b[p + 2] as number)) {
        const e = this.cell(p, next);
        next = this.lastCol + 1;
        p = e < 0 ? -1 : b.indexOf(LT, e);
      } else if (c1 === SLASH && b[p + 2] === 114 && b[p + 3] === 111 && b[p + 4] === 119) {
        end = p + 6; // </row>
        break;
      } else if (c1 === 114 && b[p + 2] === 111 && b[p + 3] === 119 && isEnd(b[p + 4] as number)) {
        end = p; // the next row: this one was never closed
        break;
      } else p = b.indexOf(LT, p + 1);
    }
    if (!this.headers) {
      if (this.rowHasValue) this.startColumns();
    } else if (this.rowHasValue) {
      this.rowNumbers.push(this.sheetRow);
      this.rows++;
    } else for (const c of this.cols) (c.numeric ? c.nums : c.codes).length = this.rows;
    return end;
  }

  /** Column of the last cell read. */
  private lastCol = 0;

  /**
   * Reads the cell at p (a `<c` tag) as column `next` unless it names its own; returns where its
   * element ends (-1 at the end of the document). Its column is left in `lastCol`.
   */
  private cell(p: number, next: number): number {
    const b = this.b;
    const gt = b.indexOf(GT, p);
    if (gt < 0) return -1;
    const refAt = attrAt(b, p + 2, gt, 114);
    const col = refAt < 0 ? next : columnAt(b, refAt, next);
    this.lastCol = col;
    if (b[gt - 1] === SLASH) return gt + 1;
    const typeAt = attrAt(b, p + 2, gt, 116);
    const type = typeAt < 0 ? 'n' : typeOf(b, typeAt);
    const styleAt = this.dateStyles.length > 0 ? attrAt(b, p + 2, gt, 115) : -1;
    const style = styleAt < 0 ? -1 : digitsAt(b, styleAt);
    let text: string | null = null;
    let numberAt = -1;
    let numberEnd = -1;
    let end = -1;
    let formula = false;
    let stored = false;
    for (let q = b.indexOf(LT, gt); q >= 0; ) {
      const n1 = b[q + 1] as number;
      if (n1 === SLASH && b[q + 2] === 99 && b[q + 3] === GT) {
        end = q + 4; // </c>
        break;
      }
      if (n1 === 118 && b[q + 2] === GT) {
        stored = true;
        const ve = b.indexOf(LT, q + 3);
        if (ve < 0) break;
        if (type === 'n') {
          numberAt = q + 3;
          numberEnd = ve;
        } else text = this.valueText(type, q + 3, ve);
        q = ve;
      } else if (n1 === 102 && isEnd(b[q + 2] as number)) {
        formula = true;
        q = b.indexOf(LT, q + 1);
      } else if (n1 === 105 && b[q + 2] === 115 && b[q + 3] === GT) {
        stored = true;
        const close = indexOfBytes(b, IS_CLOSE, q);
        if (close < 0) break;
        text = runsText(b, q + 4, close);
        q = b.indexOf(LT, close + 1);
      } else if ((n1 === 99 && isEnd(b[q + 2] as number)) || (n1 === SLASH && b[q + 2] === 114)) {
        end = q; // the next cell or the row's end: this cell was never closed
        break;
      } else q = b.indexOf(LT, q + 1);
    }
    if (type === 'b' && this.cols[col]?.identifier) this.cellError(col, BOOLEAN_ID, text);
    else if (formula && !stored && this.headers) this.cellError(col, 'is a formula without a stored result (the program that saved the workbook did not calculate it); open and save it in Excel, or paste its values', null);
    else if (style >= 0 && this.dateStyles[style] === 1 && type === 'n' && numberEnd > numberAt && this.cols[col]?.numeric) {
      this.cellError(col, 'is a date (Excel stores it as the number of days since 1900); this column takes a number: format the cell as a number', decoder.decode(b.subarray(numberAt, numberEnd)));
    } else if (style >= 0 && this.dateStyles[style] === 1 && type === 'n' && numberEnd > numberAt && this.headers) {
      // A date in a text column (a name, a column kept as it is): the date it shows, not its day count.
      this.store(col, excelDateText(parseDecimalBytes(b, numberAt, numberEnd)) ?? decoder.decode(b.subarray(numberAt, numberEnd)), -1, -1);
    } else this.store(col, text, numberAt, numberEnd);
    return end;
  }

  private valueText(type: string, a: number, e: number): string | null {
    const b = this.b;
    if (type === 's') {
      const k = parseDecimalBytes(b, a, e);
      const s = Number.isInteger(k) ? this.strings[k] : undefined;
      if (s === undefined) {
        this.error(`refers to shared text number ${decoder.decode(b.subarray(a, e))}, which the workbook does not have (damaged)`);
        return null;
      }
      return s;
    }
    if (type === 'b') return b[a] === 49 ? 'TRUE' : 'FALSE';
    return xmlText(b, a, e);
  }

  private store(col: number, text: string | null, numberAt: number, numberEnd: number): void {
    const hasNumber = numberAt >= 0 && numberEnd > numberAt;
    const empty = (text === null || text.trim() === '') && !hasNumber;
    if (empty) return;
    this.rowHasValue = true;
    if (!this.headers) {
      if (col < MAX_COLUMNS) this.headerCells[col] = text ?? decoder.decode(this.b.subarray(numberAt, numberEnd));
      return;
    }
    const c = this.cols[col];
    if (!c) {
      const shown = text ?? decoder.decode(this.b.subarray(numberAt, numberEnd));
      this.error(`has a value in column ${letters(col)}, which has no header; name the column or clear the cell`, shown);
      return;
    }
    const r = this.rows;
    if (c.numeric) {
      const v = hasNumber ? parseDecimalBytes(this.b, numberAt, numberEnd) : parseDecimal((text as string).trim());
      if (Number.isFinite(v)) c.nums.set(r, v);
      else c.invalid.push({ row: r, text: (text ?? decoder.decode(this.b.subarray(numberAt, numberEnd))).trim() });
      return;
    }
    c.codes.set(r, c.dict.code(text ?? String(parseDecimalBytes(this.b, numberAt, numberEnd))));
  }

  private openRow(): void {
    for (const c of this.cols) {
      if (c.numeric) c.nums.push(NaN);
      else c.codes.push(-1);
    }
  }

  private startColumns(): void {
    const cells = this.headerCells;
    const headers = Array.from({ length: cells.length }, (_, j) => (cells[j] ?? '').trim());
    const numeric = checkHeaders(headers, this.table, this.sheetRow, this.opts, this.log);
    if (!numeric) {
      this.p = this.b.length;
      this.headers = headers;
      return;
    }
    this.headers = headers;
    const ids = identifierFlags(headers, this.opts);
    this.cols = numeric.map((isNum, j) => ({ numeric: isNum, identifier: ids[j] ?? false, nums: new F64Column(1024), codes: new I32Column(1024), dict: new DictBuilder(), invalid: [] }));
  }

  /** A problem of the cell in column `col` of this row, under its header. */
  private cellError(col: number, rule: string, value: string | null): void {
    this.rowHasValue = true;
    this.log.error(this.table, this.sheetRow, this.headers?.[col] || letters(col), value, rule);
  }

  private error(rule: string, value: string | null = null): void {
    this.log.error(this.table, this.sheetRow, null, value, rule);
  }
}

/** Day 0 of Excel's 1900 date system as it counts from March 1900 on (it takes 1900 for a leap year). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A date cell's value (days since 1900, the fraction the time of day) as the date it shows:
 * 2024-01-05, or 2024-01-05T13:30:00 with a time of day; null outside the years 1900–9999.
 */
export function excelDateText(serial: number): string | null {
  if (!(serial >= 1 && serial < 2958466)) return null;
  const ms = Math.round((serial < 60 ? serial + 1 : serial) * 86_400_000 / 1000) * 1000;
  const iso = new Date(EXCEL_EPOCH_MS + ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}
