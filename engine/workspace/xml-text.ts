const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const LT = 60;
const GT = 62;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * XML character data as text: entities (`&amp;`, `&#233;`, `&#xE9;`) resolved, and Office's
 * `_xHHHH_` escapes (a line break is `_x000A_`) turned back into their characters.
 */
export function xmlText(b: Uint8Array, a: number, e: number): string {
  const s = decoder.decode(b.subarray(a, e));
  const t = s.includes('&') ? s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, entity) : s;
  return t.includes('_x') ? t.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : t;
}

function entity(m: string, body: string): string {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  }
  return ENTITIES[body] ?? m;
}

/** A tag read at `<`: its name (without namespace prefix), whether it closes or is empty, and where it ends. */
export interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** Where the attributes start and end (before `>` or `/>`). */
  attrStart: number;
  attrEnd: number;
  /** The position after `>`. */
  end: number;
}

/** The tag opening at b[lt] (which is `<`), or null when the document ends inside it. */
export function readTag(b: Uint8Array, lt: number): Tag | null {
  const gt = b.indexOf(GT, lt + 1);
  if (gt < 0) return null;
  let p = lt + 1;
  const closing = b[p] === 47;
  if (closing) p++;
  const nameStart = p;
  while (p < gt) {
    const c = b[p] as number;
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47) break;
    p++;
  }
  let name = decoder.decode(b.subarray(nameStart, p));
  const colon = name.indexOf(':');
  if (colon >= 0) name = name.slice(colon + 1);
  const selfClosing = b[gt - 1] === 47;
  return { name, closing, selfClosing, attrStart: p, attrEnd: selfClosing ? gt - 1 : gt, end: gt + 1 };
}

/** A tag's attributes by local name (namespace prefixes dropped), values unescaped. */
export function attributes(b: Uint8Array, tag: Tag): Map<string, string> {
  const out = new Map<string, string>();
  const text = decoder.decode(b.subarray(tag.attrStart, tag.attrEnd));
  const re = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const key = (m[1] as string).replace(/^.*:/, '');
    const raw = m[3] ?? m[4] ?? '';
    out.set(key, raw.includes('&') ? raw.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, entity) : raw);
  }
  return out;
}

/** Where the next `<` is from p, or -1. */
export function nextTag(b: Uint8Array, p: number): number {
  return b.indexOf(LT, p);
}

/** The text of every `<t>` in b[a, e) outside phonetic runs (`<rPh>`): a shared or inline string. */
export function runsText(b: Uint8Array, a: number, e: number): string {
  let out = '';
  let p = a;
  let phonetic = false;
  while (p < e) {
    const lt = b.indexOf(LT, p);
    if (lt < 0 || lt >= e) break;
    const tag = readTag(b, lt);
    if (!tag || tag.end > e) break;
    if (tag.name === 'rPh') phonetic = !tag.closing && !tag.selfClosing;
    else if (tag.name === 't' && !tag.closing && !tag.selfClosing && !phonetic) {
      const close = b.indexOf(LT, tag.end);
      const stop = close < 0 || close > e ? e : close;
      out += xmlText(b, tag.end, stop);
      p = stop;
      continue;
    }
    p = tag.end;
  }
  return out;
}
