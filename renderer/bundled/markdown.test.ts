import { describe, expect, it } from 'vitest';
import { guideLink, renderGuide, slugOf } from './markdown';

describe('the guide renderer', () => {
  it('gives headings GitHub anchors and points images into the bundled docs folder', () => {
    const html = renderGuide('# What the model does *not* model\n\n![The results](images/results-view.png)\n\nSee [the CLI](cli.md#pack-unpack-and-projects).');
    expect(html).toContain('<h1 id="what-the-model-does-not-model">What the model does <em>not</em> model</h1>');
    expect(html).toContain('src="docs/images/results-view.png"');
    expect(html).toContain('href="cli.md#pack-unpack-and-projects"');
  });

  it('numbers repeated headings as GitHub does', () => {
    const html = renderGuide('## Steps\n\n## Steps\n');
    expect(html).toContain('id="steps"');
    expect(html).toContain('id="steps-1"');
    expect(renderGuide('## Steps\n')).toContain('id="steps"');
  });

  it('renders tables (the data formats page is mostly tables)', () => {
    const html = renderGuide('| column | unit |\n| --- | --- |\n| price | USD per unit |\n');
    expect(html).toMatch(/<table>[\s\S]*<td>price<\/td>[\s\S]*<\/table>/);
  });

  it('slugs like GitHub and classifies links', () => {
    expect(slugOf('Pack, unpack and projects')).toBe('pack-unpack-and-projects');
    expect(slugOf('Step 3: the oracle (delay)')).toBe('step-3-the-oracle-delay');
    expect(guideLink('model.md#what-the-model-does-not-model')).toEqual({ kind: 'page', page: 'model.md', anchor: 'what-the-model-does-not-model' });
    expect(guideLink('./cli.md')).toEqual({ kind: 'page', page: 'cli.md', anchor: null });
    expect(guideLink('#limits')).toEqual({ kind: 'anchor', anchor: 'limits' });
    expect(guideLink('https://example.org/x')).toEqual({ kind: 'outside', href: 'https://example.org/x' });
  });
});
