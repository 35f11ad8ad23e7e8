import { Marked, type Tokens } from 'marked';

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slugOf(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Anchors given so far on the page being rendered: a repeated heading gets -1, -2… as on GitHub. */
const seen = new Map<string, number>();

function anchorOf(text: string): string {
  const slug = slugOf(text);
  const n = seen.get(slug) ?? 0;
  seen.set(slug, n + 1);
  return n === 0 ? slug : `${slug}-${n}`;
}

const guide = new Marked({
  gfm: true,
  walkTokens(token) {
    // Images live beside the pages in the bundle's docs/ folder.
    if (token.type === 'image' && !/^[a-z]+:|^\//i.test(token.href)) token.href = `docs/${token.href}`;
  },
  renderer: {
    heading(this: { parser: { parseInline(tokens: Tokens.Heading['tokens']): string } }, { tokens, depth, text }: Tokens.Heading) {
      return `<h${depth} id="${escapeAttr(anchorOf(text))}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
    },
  },
});

/** A guide page (trusted Markdown from the bundle) as HTML, with heading anchors and bundled image paths. */
export function renderGuide(markdown: string): string {
  seen.clear();
  return guide.parse(markdown, { async: false });
}

/** Where a link in the guide goes: another page (and anchor), an anchor on this page, or outside the app. */
export type GuideLink = { kind: 'page'; page: string; anchor: string | null } | { kind: 'anchor'; anchor: string } | { kind: 'outside'; href: string };

export function guideLink(href: string): GuideLink {
  if (href.startsWith('#')) return { kind: 'anchor', anchor: decodeURIComponent(href.slice(1)) };
  const m = /^(?:\.\/)?([\w.-]+\.md)(?:#(.*))?$/.exec(href);
  if (m) return { kind: 'page', page: m[1] as string, anchor: m[2] === undefined ? null : decodeURIComponent(m[2]) };
  return { kind: 'outside', href };
}
