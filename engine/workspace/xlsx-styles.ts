import { attributes, nextTag, readTag } from './xml-text';

/**
 * Which cell styles of a workbook (the `s` attribute of a cell: an index into `<cellXfs>`) show
 * their number as a date or a time: Excel stores a date as a count of days, so a date typed into
 * a number column would otherwise be read as that count. 1 at a date style's index.
 */
export function dateStyles(styles: Uint8Array | null): Uint8Array {
  if (!styles) return new Uint8Array(0);
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  for (let p = nextTag(styles, 0); p >= 0; ) {
    const tag = readTag(styles, p);
    if (!tag) break;
    if (tag.name === 'cellXfs') inCellXfs = !tag.closing && !tag.selfClosing;
    else if (!tag.closing && tag.name === 'numFmt') {
      const a = attributes(styles, tag);
      custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
    } else if (!tag.closing && inCellXfs && tag.name === 'xf') xfs.push(Number(attributes(styles, tag).get('numFmtId') ?? 0));
    p = nextTag(styles, Math.max(tag.end, p + 1));
  }
  return Uint8Array.from(xfs, (id) => {
    const code = custom.get(id);
    return (code === undefined ? isBuiltInDate(id) : isDateFormat(code)) ? 1 : 0;
  });
}

/** Excel's built-in number formats that show dates or times (ECMA-376 §18.8.30, and the East Asian ones). */
function isBuiltInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * A format code shows a date or time when, outside quoted text, escaped characters and bracketed
 * parts (colours, locales, conditions; elapsed-time [h] [m] [s] count), it has a y, m, d, h or s.
 */
export function isDateFormat(code: string): boolean {
  const section = code.split(';')[0] ?? '';
  const elapsed = /\[(h+|m+|s+)\]/i.test(section);
  const bare = section.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/_./g, '').replace(/\*./g, '').replace(/\[[^\]]*\]/g, '');
  return elapsed || /[ymdhs]/i.test(bare);
}
