import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { Modal } from '../components/Modal';
import { bundledIndex, fetchBundled } from './bundled-index';
import { useHelpStore } from './help-store';
import { guideLink, renderGuide } from './markdown';
import './bundled.css';

const TITLES: Record<string, string> = {
  'index.md': 'Contents',
  'getting-started.md': 'Getting started',
  'data-formats.md': 'Data formats',
  'model.md': 'The model',
  'library.md': 'Scenario library',
  'cli.md': 'Command line',
  'security.md': 'Security and offline',
  'packaging.md': 'Packaging',
};

/** The bundle's pages in reading order: those the guide knows first, any others after. */
function ordered(pages: string[]): string[] {
  const known = Object.keys(TITLES);
  if (pages.length === 0) return known;
  return [...known.filter((p) => pages.includes(p)), ...pages.filter((p) => !known.includes(p))];
}

/** The user guide (docs/, bundled): pages rendered in the app, links between them followed inside it. */
export function GuideDialog({ page }: { page: string }) {
  const { openGuide, closeGuide } = useHelpStore.getState();
  const [pages, setPages] = useState<string[]>([]);
  const [markdown, setMarkdown] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [outside, setOutside] = useState<string | null>(null);
  const [anchor, setAnchor] = useState<string | null>(null);
  const body = useRef<HTMLElement | null>(null);

  useEffect(() => {
    void bundledIndex().then((i) => setPages(i?.docs ?? []));
  }, []);
  useEffect(() => {
    let live = true;
    setMarkdown(null);
    setMissing(false);
    void fetchBundled(`docs/${page}`).then((bytes) => {
      if (!live) return;
      if (bytes === null) setMissing(true);
      else setMarkdown(new TextDecoder().decode(bytes));
    });
    return () => {
      live = false;
    };
  }, [page]);
  const html = useMemo(() => (markdown === null ? '' : renderGuide(markdown)), [markdown]);
  useEffect(() => {
    const root = body.current;
    if (root === null || html === '') return;
    const target = anchor === null ? null : root.querySelector(`[id="${CSS.escape(anchor)}"]`);
    if (target instanceof HTMLElement) target.scrollIntoView({ block: 'start' });
    else root.scrollTop = 0;
  }, [html, anchor]);

  const onClick = (e: MouseEvent<HTMLElement>) => {
    const a = e.target instanceof Element ? e.target.closest('a') : null;
    const href = a?.getAttribute('href');
    if (href === null || href === undefined) return;
    e.preventDefault();
    const link = guideLink(href);
    if (link.kind === 'page') {
      setAnchor(link.anchor);
      setOutside(null);
      openGuide(link.page);
    } else if (link.kind === 'anchor') {
      setAnchor(null);
      queueMicrotask(() => setAnchor(link.anchor));
    } else setOutside(link.href);
  };

  return (
    <Modal title="User guide" onClose={closeGuide} wide testId="guide-dialog">
      <div className="guide">
        <nav className="guide-nav" aria-label="Guide pages">
          {ordered(pages).map((p) => (
            <button key={p} type="button" className={`link-button${p === page ? ' current' : ''}`} aria-current={p === page ? 'page' : undefined} onClick={() => (setAnchor(null), openGuide(p))}>
              {TITLES[p] ?? p.replace(/\.md$/, '')}
            </button>
          ))}
        </nav>
        <article className="guide-page" ref={body} onClick={onClick} data-testid="guide-page">
          {outside === null ? null : (
            <p className="note small" role="status">
              Firebreak does not open web pages. The link is <code>{outside}</code>; copy it into a browser on a connected machine if you need it.
            </p>
          )}
          {missing ? <p className="inline-error">This page is missing from this build.</p> : markdown === null ? <p className="muted">Loading…</p> : <div dangerouslySetInnerHTML={{ __html: html }} />}
        </article>
      </div>
    </Modal>
  );
}
