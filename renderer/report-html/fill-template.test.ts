import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../report/report-doc';
import { asReportDocument } from '../report/report-doc';
import { DATA_MARK, fillReportTemplate, scriptSafeJson, TITLE_MARK } from './fill-template';

const TEMPLATE = `<!doctype html><title>${TITLE_MARK}</title><script type="application/json" id="firebreak-report-data">${DATA_MARK}</script><script>viewer()</script>`;

function doc(name: string): ReportDocument {
  return {
    data: {
      format: 1,
      runId: 'run-1',
      scenario: { name, description: '', steps: 3 },
      kpis: { total_liquidated_usd: 1, total_bad_debt_usd: 0, total_loss_usd: 0, direct_loss_usd: 0, amplification: null, steps_run: 1, converged: true, nodes: 1, defaults: 0 },
      finalPrices: {},
      stamp: { engine_version: '0.1.0', workspace_hash: 'a'.repeat(64), scenario_hash: 'b'.repeat(64) },
      charts: { runId: 'run-1', scenario: name, stepsRun: 1, prices: [], liquidations: { names: [], values: [] }, liquidationCounts: { names: [], values: [] }, badDebt: [], defaults: [] },
      defaults: [],
      losers: [],
      network: { stressedShare: 0.1, vertices: [], edges: [] },
      assumptions: { horizon: 'h', events: [], options: [] },
      warnings: [],
    },
    generatedAt: '2026-11-30T10:05:00.000Z',
    runFinishedAt: null,
    appVersion: '0.1.0',
    source: null,
  };
}

describe('fillReportTemplate', () => {
  it('fills the title (escaped) and the data (script-safe JSON) once each', () => {
    const hostile = 'Crash </script><script>alert(1)</script> $& $1 <!-- \u2028';
    const html = fillReportTemplate(TEMPLATE, doc(hostile));
    expect(html).toContain('<title>Stress report — Crash &#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62; $&#38; $1 &#60;!-- \u2028</title>');
    const data = /id="firebreak-report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(data).not.toMatch(/[<>\u2028]/);
    // The page holds exactly its two scripts whatever the scenario is called.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(asReportDocument(JSON.parse(data))).toEqual(doc(hostile));
  });

  it('refuses a template without its marks, or with them twice', () => {
    expect(() => fillReportTemplate('<html></html>', doc('x'))).toThrow(/exactly once/);
    expect(() => fillReportTemplate(TEMPLATE + DATA_MARK, doc('x'))).toThrow(/exactly once/);
  });

  it('escapes < > & and the JavaScript line separators as \\u escapes', () => {
    expect(scriptSafeJson({ a: '<&>\u2029' })).toBe('{"a":"\\u003c\\u0026\\u003e\\u2029"}');
  });
});

describe('asReportDocument', () => {
  it('accepts a report and refuses what is not one', () => {
    expect(asReportDocument(doc('x'))).not.toBeNull();
    expect(asReportDocument({ ...doc('x'), generatedAt: 5 })).toBeNull();
    expect(asReportDocument({ ...doc('x'), data: { ...doc('x').data, format: 2 } })).toBeNull();
    expect(asReportDocument({ ...doc('x'), data: { ...doc('x').data, charts: { prices: 'x' } } })).toBeNull();
    expect(asReportDocument(null)).toBeNull();
  });
});
