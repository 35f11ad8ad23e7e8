import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FieldUnit, spokenUnit } from './field-unit';

describe('field units for screen readers', () => {
  it('says a unit once, in words, and nothing the label already says', () => {
    expect(spokenUnit('Change', '%')).toBe('percent');
    expect(spokenUnit('Depth factor', '×')).toBe('times');
    expect(spokenUnit('At step', 'step')).toBeNull();
    expect(spokenUnit('Asset', 'asset')).toBeNull();
    expect(spokenUnit('Steps', 'T')).toBeNull();
    expect(spokenUnit('Amount', 'USD')).toBe('USD');
  });

  it('shows the unit as written but hides it from readers, who hear the words instead', () => {
    const html = renderToStaticMarkup(<FieldUnit label="Change" unit="%" />);
    expect(html).toBe('<span class="unit" aria-hidden="true">%</span><span class="sr-only">(in percent)</span>');
    expect(renderToStaticMarkup(<FieldUnit label="At step" unit="step" />)).toBe('<span class="unit" aria-hidden="true">step</span>');
  });
});
