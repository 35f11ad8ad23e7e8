import { SVGRenderer } from 'echarts/renderers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssetSeries, NodeSeries } from '../../engine/view/view-types';
import type { ChartOption } from './chart-option';
import { echarts } from './echarts';
import { badDebtOption } from './options/bad-debt';
import { defaultsOption } from './options/defaults';
import { liquidationsOption } from './options/liquidations';
import { levelsOption } from './options/liquidation-levels';
import { nodeCausesOption, nodeEquityOption } from './options/node-equity';
import { pricesOption } from './options/prices';
import { sankeyOption } from './options/sankey';
import { CHART_THEMES } from './palette';

// The app's own ECharts registration, drawn to SVG in Node: ECharts' development build says in
// the console what an option needs and lacks (a module not registered, a legacy layout), some of
// it with console.log; the production bundle the app ships (and the e2e tests drive) is silent,
// so this is where such a message is caught.
echarts.use([SVGRenderer]);

const t = CHART_THEMES.light;
const AS_OF = 'Crash · run-1 · 4 steps';
const prices: AssetSeries = { asset: 'ETH', marketPrice: [2100, 1900, 1800, 1750], fundamentalPrice: [2100, 2100, 2100, 2100], oracles: [{ oracle: 'cl-eth', reportedPrice: [3000, 3000, 1750, 1750] }] };
const node: NodeSeries = {
  runId: 'run-1',
  node: 'fund',
  kind: 'entity',
  defaultStep: 1,
  equityStartUsd: 2_500_000,
  equity: [1_600_000, 0, 0, 0],
  external: [0, 0, 0, 0],
  obligations: [0, 0, 0, 0],
  payments: [0, 0, 0, 0],
  byChannel: [{ channel: 'market', perStep: [900_000, 1_600_000, 0, 0] }],
  byCause: [
    { from: 'ETH', channel: 'market', amountUsd: 2_000_000 },
    { from: 'orbit', channel: 'counterparty', amountUsd: 500_000 },
  ],
  totalLossUsd: 2_500_000,
};

const charts: [string, ChartOption, number][] = [
  ['prices at step 2', pricesOption(prices, t, AS_OF, 2), 640],
  ['liquidations at step 1', liquidationsOption({ names: ['aave', 'spark'], values: [[5e6, 0, 1e6, 0], [0, 2e6, 0, 0]] }, 4, t, AS_OF, 1), 640],
  ['bad debt', badDebtOption([{ venue: 'aave', usd: 3e5 }], t, AS_OF), 640],
  ['defaults at step 3', defaultsOption([{ node: 'fund', kind: 'entity', step: 1, obligationsUsd: 4e6, recoveryRate: 0.5 }], 4, t, AS_OF, 3), 640],
  ['node equity at step 2', nodeEquityOption(node, t, AS_OF, { step: 2 }), 640],
  ['node equity, side panel', nodeEquityOption(node, t, AS_OF, { compact: true }), 356],
  ['node causes, side panel', nodeCausesOption(node, t, AS_OF, { compact: true }), 356],
  ['levels', levelsOption({ asset: 'ETH', price: 2000, binWidth: 0.05, drops: [0, 0.05], venues: ['aave'], usd: [[0, 100]], units: [[0, 0.05]], positions: [[0, 1]], beyondUsd: 0, unaffectedUsd: 0 }, { cumulative: false, unit: 'usd' }, t, AS_OF), 640],
  [
    'loss sankey',
    sankeyOption({ runId: 'r', step: 0, nodes: [{ id: 'event:0', kind: 'event', label: 'ETH −30% at step 0' }, { id: 'ETH', kind: 'asset', label: 'ETH' }], links: [{ source: 'event:0', target: 'ETH', usd: 10, channel: 'price' }], feedbackUsd: 0, totalUsd: 10 }, t, AS_OF),
    900,
  ],
];

describe('charts drawn by the app’s ECharts', () => {
  const spies: { mock: { calls: unknown[][] }; mockRestore(): void }[] = [];
  beforeEach(() => {
    spies.push(vi.spyOn(console, 'warn'), vi.spyOn(console, 'error'), vi.spyOn(console, 'log'));
  });
  afterEach(() => {
    for (const s of spies.splice(0)) s.mockRestore();
  });
  /** What ECharts said (warnings, errors, and its `[ECharts]` logs). */
  const said = () => spies.flatMap((s, i) => s.mock.calls.map((c: unknown[]) => c.map(String).join(' ')).filter((line: string) => i < 2 || line.startsWith('[ECharts]')));

  for (const [name, option, width] of charts) {
    it(`${name}: draws with no ECharts warning`, () => {
      const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height: 300 });
      chart.setOption(option, { notMerge: true });
      const svg = chart.renderToSVGString();
      chart.dispose();
      expect(svg).toContain('<svg');
      expect(said()).toEqual([]);
    });
  }

  it('says when an option asks for what is not registered (the check can fail)', () => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 300, height: 200 });
    chart.setOption({ grid: { containLabel: true }, xAxis: { type: 'category', data: ['a'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [1] }] });
    chart.renderToSVGString();
    chart.dispose();
    expect(said().join('\n')).toMatch(/containLabel/);
  });

  it('draws the step marker and the event’s words into the picture', () => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 300 });
    chart.setOption(pricesOption(prices, t, AS_OF, 2));
    expect(chart.renderToSVGString()).toContain('step 2');
    chart.setOption(charts[8]?.[1] as ChartOption, { notMerge: true });
    const svg = chart.renderToSVGString();
    chart.dispose();
    expect(svg).toContain('ETH −30% at step 0');
    expect(svg).not.toContain('event:0');
  });
});
