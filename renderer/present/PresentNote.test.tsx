import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PresentNote } from './PresentNote';

const notes = [{ step: 0, text: 'Majors gap down 20–30%. Northwind: −$18.5M.' }];
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('PresentNote', () => {
  it('says when the run shown is a quick-shock variant, whose figures the notes were not written for', () => {
    const html = renderToStaticMarkup(<PresentNote notes={notes} current={0} description="" variant="quick shock ETH −35%" onMove={() => true} />);
    expect(text(html)).toContain('Shown: a variant, quick shock ETH −35%. The notes tell the scenario as saved; its figures may differ.');
    expect(text(html)).toContain('Northwind: −$18.5M.');
  });

  it('says nothing more for the scenario as saved', () => {
    const html = renderToStaticMarkup(<PresentNote notes={notes} current={0} description="" onMove={() => true} />);
    expect(html).not.toContain('present-variant');
  });
});
