import { describe, expect, it } from 'vitest';
import { dateStyles, isDateFormat } from './xlsx-styles';

describe('xlsx styles: which show dates', () => {
  it('reads format codes as Excel shows them', () => {
    for (const date of ['yyyy-mm-dd', 'd/m/yy', 'mmm yyyy', 'h:mm AM/PM', '[h]:mm:ss', 'dd"."mm"."yyyy', '[$-409]mmmm d, yyyy;@']) expect(isDateFormat(date), date).toBe(true);
    for (const number of ['General', '0.00', '#,##0', '0.00E+00', '#,##0 "USD"', '[$$-409]#,##0.00', '[Red]0.00;[Blue]-0.00', '0.0\\h', '_(* #,##0_);_(* (#,##0)']) expect(isDateFormat(number), number).toBe(false);
  });

  it('marks the cell formats (cellXfs, not cellStyleXfs) whose number format is a date, built in or custom', () => {
    const xml = new TextEncoder().encode(
      '<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="#,##0.000"/></numFmts>' +
        '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
        '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="4"/><xf numFmtId="22"><alignment/></xf></cellXfs></styleSheet>',
    );
    expect(Array.from(dateStyles(xml))).toEqual([0, 1, 1, 0, 0, 1]);
    expect(dateStyles(null).length).toBe(0);
  });
});
