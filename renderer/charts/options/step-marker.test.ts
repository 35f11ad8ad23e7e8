import { describe, expect, it } from 'vitest';
import type { AssetSeries, DefaultEvent, NodeSeries, StackedSeries } from '../../../engine/view/view-types';
import { CHART_THEMES } from '../palette';
import { defaultsOption } from './defaults';
import { liquidationsOption } from './liquidations';
import { nodeEquityOption } from './node-equity';
import { pricesOption } from './prices';
import type { ChartOption } from '../chart-option';

const light = CHART_THEMES.light;
const AS_OF = 'Crash · run-1 · 4 steps';

type MarkData = { xAxis?: string; label?: { formatter?: string; show?: boolean } };
type Mark = { data: MarkData[]; lineStyle?: { color?: string; type?: string }; label?: { formatter?: string; show?: boolean } };

/** Every markLine data item of a chart, with the style it is drawn in (its own, else the markLine's). */
function marks(o: ChartOption): { x: string; color: string | undefined; label: string | undefined; shown: boolean }[] {
  const series = o.series as { markLine?: Mark }[];
  return series.flatMap((s) =>
    (s.markLine?.data ?? []).map((d) => {
      const own = d as MarkData & { lineStyle?: { color?: string } };
      const label = own.label ?? s.markLine?.label;
      return { x: String(d.xAxis), color: own.lineStyle?.color ?? s.markLine?.lineStyle?.color, label: label?.formatter, shown: label?.show !== false };
    }),
  );
}
const stepMarks = (o: ChartOption) => marks(o).filter((m) => m.color === light.text);

const prices: AssetSeries = { asset: 'ETH', marketPrice: [2100, 1900, 1800, 1750], fundamentalPrice: [2100, 2100, 2100, 2100], oracles: [{ oracle: 'cl-eth', reportedPrice: [3000, 3000, 1750, 1750] }] };
const stack: StackedSeries = { names: ['aave', 'spark'], values: [[5, 0, 1, 0], [0, 2, 0, 0]] };
const defaults: DefaultEvent[] = [{ node: 'fund', kind: 'entity', step: 1, obligationsUsd: 400, recoveryRate: 0.5 }];
const node: NodeSeries = {
  runId: 'run-1',
  node: 'fund',
  kind: 'entity',
  defaultStep: 1,
  equityStartUsd: 100,
  equity: [60, 0, 0, 0],
  external: [0, 0, 0, 0],
  obligations: [0, 0, 0, 0],
  payments: [0, 0, 0, 0],
  byChannel: [{ channel: 'market', perStep: [40, 60, 0, 0] }],
  byCause: [{ from: 'ETH', channel: 'market', amountUsd: 100 }],
  totalLossUsd: 100,
};

const builders: [string, (step: number | null) => ChartOption][] = [
  ['market vs oracle price', (step) => pricesOption(prices, light, AS_OF, step)],
  ['liquidations per step', (step) => liquidationsOption(stack, 4, light, AS_OF, step)],
  ['defaults timeline', (step) => defaultsOption(defaults, 4, light, AS_OF, step)],
  ['node equity', (step) => nodeEquityOption(node, light, AS_OF, { step })],
];

describe('the timeline’s step on every step-axis chart', () => {
  for (const [name, build] of builders) {
    it(`${name}: one line at the selected step, labelled with it; none when no step is selected`, () => {
      expect(stepMarks(build(2))).toEqual([{ x: '2', color: light.text, label: 'step 2', shown: true }]);
      expect(stepMarks(build(0))).toEqual([{ x: '0', color: light.text, label: 'step 0', shown: true }]);
      expect(stepMarks(build(null))).toEqual([]);
    });
  }

  it('keeps the marker when no venue liquidated anything, without a blank legend entry', () => {
    const o = liquidationsOption({ names: [], values: [] }, 4, light, AS_OF, 3);
    expect(stepMarks(o).map((m) => m.x)).toEqual(['3']);
    expect((o.legend as { data: string[] }).data).toEqual([]);
    expect(liquidationsOption({ names: [], values: [] }, 4, light, AS_OF, null).series).toEqual([]);
  });

  it('node equity: the default stays marked beside the step, and one label says it when they coincide', () => {
    expect(marks(nodeEquityOption(node, light, AS_OF, { step: 3 })).map((m) => [m.x, m.label, m.shown])).toEqual([
      ['1', 'default at step 1', true],
      ['3', 'step 3', true],
    ]);
    expect(marks(nodeEquityOption(node, light, AS_OF, { step: 1 })).map((m) => [m.x, m.shown])).toEqual([
      ['1', true],
      ['1', false],
    ]);
    expect(marks(nodeEquityOption(node, light, AS_OF)).map((m) => m.x)).toEqual(['1']);
  });

  it('node equity, compact (the network’s side panel): no axis names where the marker labels go', () => {
    const o = nodeEquityOption(node, light, AS_OF, { compact: true });
    expect((o.yAxis as { name: string }[]).map((a) => a.name)).toEqual(['', '']);
    expect((nodeEquityOption(node, light, AS_OF).yAxis as { name: string }[]).map((a) => a.name)).toEqual(['fund equity, USD', 'loss by channel, USD']);
  });
});
