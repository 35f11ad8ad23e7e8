import { attributes, nextTag, readTag, runsText, xmlText } from './xml-text';
import { readZipDirectory, unzipEntrySync, type ZipEntry } from './zip';
import { dateStyles } from './xlsx-styles';

/** A worksheet of a workbook: its name and the zip entry of its XML. */
export interface SheetRef {
  name: string;
  entry: ZipEntry;
}

/** An .xlsx workbook opened: its sheets in order and its shared strings. */
export interface Workbook {
  sheets: SheetRef[];
  strings: string[];
  /** 1 at each cell style index whose number format shows a date or time (xlsx-styles.ts). */
  dateStyles: Uint8Array;
}

/** Largest part (one sheet's XML, the shared strings) unpacked, bytes. */
export const MAX_PART_BYTES = 1024 * 1024 * 1024;

/**
 * Opens an .xlsx workbook (Office Open XML, MODEL §1): the zip directory (checked), the
 * workbook's sheet list and where each sheet is, and the shared strings. Why it cannot be
 * opened otherwise.
 */
export function openWorkbook(bytes: Uint8Array): Workbook | string {
  const entries = readZipDirectory(bytes);
  if (typeof entries === 'string') return entries;
  const part = (name: string): Uint8Array | string | null => {
    const e = entries.get(name);
    return e ? unzipEntrySync(bytes, e, MAX_PART_BYTES) : null;
  };
  const bookPath = officeDocument(part('_rels/.rels')) ?? 'xl/workbook.xml';
  const book = part(bookPath);
  if (book === null) return 'it is a zip archive but not an Excel workbook (it has no workbook part)';
  if (typeof book === 'string') return book;
  const dir = bookPath.includes('/') ? bookPath.slice(0, bookPath.lastIndexOf('/') + 1) : '';
  const rels = part(`${dir}_rels/${bookPath.slice(dir.length)}.rels`);
  if (typeof rels === 'string') return rels;
  const targets = relationships(rels);
  const sheets: SheetRef[] = [];
  for (const tag of tags(book, 'sheet')) {
    const a = attributes(book, tag);
    const name = a.get('name');
    const target = targets.get(a.get('id') ?? '');
    if (name === undefined || target === undefined) continue;
    const path = resolve(dir, target);
    const entry = entries.get(path);
    if (entry) sheets.push({ name, entry });
  }
  const sst = [...targets.entries()].find(([, t]) => /sharedStrings\.xml$/i.test(t))?.[1];
  const stringsPart = part(sst ? resolve(dir, sst) : `${dir}sharedStrings.xml`);
  if (typeof stringsPart === 'string') return stringsPart;
  const st = [...targets.values()].find((t) => /styles\.xml$/i.test(t));
  const stylesPart = part(st ? resolve(dir, st) : `${dir}styles.xml`);
  if (typeof stylesPart === 'string') return stylesPart;
  return { sheets, strings: stringsPart ? sharedStrings(stringsPart) : [], dateStyles: dateStyles(stylesPart) };
}

/** The workbook part's path from the package relationships. */
function officeDocument(rels: Uint8Array | string | null): string | null {
  if (!rels || typeof rels === 'string') return null;
  for (const tag of tags(rels, 'Relationship')) {
    const a = attributes(rels, tag);
    if ((a.get('Type') ?? '').endsWith('/officeDocument')) return resolve('', a.get('Target') ?? '');
  }
  return null;
}

function relationships(rels: Uint8Array | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!rels) return out;
  for (const tag of tags(rels, 'Relationship')) {
    const a = attributes(rels, tag);
    const id = a.get('Id');
    const target = a.get('Target');
    if (id !== undefined && target !== undefined) out.set(id, target);
  }
  return out;
}

/** A relationship target as a zip entry name: `worksheets/sheet1.xml` from `xl/`, or an absolute `/xl/…`. */
function resolve(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** Every opening tag named `name` (namespace prefix aside). */
function* tags(b: Uint8Array, name: string): Generator<ReturnType<typeof readTag> & object> {
  for (let p = nextTag(b, 0); p >= 0; ) {
    const tag = readTag(b, p);
    if (!tag) return;
    if (!tag.closing && tag.name === name) yield tag;
    p = nextTag(b, Math.max(tag.end, p + 1));
  }
}

/**
 * The shared strings, in order: each `<si>` is its `<t>` text, or the text of all its runs
 * (phonetic runs aside). The plain `<si><t>…</t></si>` is read without decoding any tag name.
 */
export function sharedStrings(b: Uint8Array): string[] {
  const out: string[] = [];
  const n = b.length;
  let p = 0;
  for (;;) {
    const lt = b.indexOf(60, p);
    if (lt < 0 || lt + 4 > n) break;
    // "<si>" or "<si " (also with a namespace prefix: then the general path).
    if (b[lt + 1] === 115 && b[lt + 2] === 105 && (b[lt + 3] === 62 || b[lt + 3] === 32)) {
      const open = b.indexOf(62, lt);
      const close = indexOfBytes(b, SI_CLOSE, open);
      if (open < 0 || close < 0) break;
      out.push(plainT(b, open + 1, close) ?? runsText(b, open + 1, close));
      p = close + SI_CLOSE.length;
    } else p = lt + 1;
  }
  return out;
}

const SI_CLOSE = new TextEncoder().encode('</si>');

/** `<t>text</t>` or `<t xml:space="preserve">text</t>` filling b[a, e) exactly, else null. */
function plainT(b: Uint8Array, a: number, e: number): string | null {
  if (b[a] !== 60 || b[a + 1] !== 116 || (b[a + 2] !== 62 && b[a + 2] !== 32)) return null;
  const gt = b.indexOf(62, a);
  const lt = b.indexOf(60, gt);
  if (gt < 0 || lt !== e - 4 || b[lt + 1] !== 47 || b[lt + 2] !== 116 || b[lt + 3] !== 62) return null;
  return b[gt - 1] === 47 ? '' : xmlText(b, gt + 1, lt);
}

/** The first index of `needle` in b from `from`, or -1. */
export function indexOfBytes(b: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0] as number;
  for (let p = b.indexOf(first, from); p >= 0; p = b.indexOf(first, p + 1)) {
    let k = 1;
    while (k < needle.length && b[p + k] === needle[k]) k++;
    if (k === needle.length) return p;
  }
  return -1;
}
