import type { LossSankey } from '../../../engine/view/network-types';
import type { ChartOption } from '../chart-option';
import type { ChartTheme } from '../palette';
import { baseOption, usdFull } from './common';

/** Colours of the Sankey's vertices by kind (sources left, bearers right). */
export function sankeyColor(kind: string, theme: ChartTheme): string {
  switch (kind) {
    case 'event':
      return '#CC79A7';
    case 'asset':
      return theme.palette[0] as string;
    case 'venue':
      return theme.palette[1] as string;
    case 'entity':
      return theme.palette[3] as string;
    default:
      return theme.other;
  }
}

/** Where the loss went, as a Sankey: link width = USD of loss, coloured by the source's kind. */
export function sankeyOption(s: LossSankey, theme: ChartTheme, asOf: string): ChartOption {
  const base = baseOption(theme, asOf);
  const kind = new Map(s.nodes.map((n) => [n.id, n.kind]));
  // Vertices are keyed by id; events read as what they did (`ETH −30% at step 0`), not `event:0`.
  const label = new Map(s.nodes.map((n) => [n.id, n.label]));
  const read = (id: string) => label.get(id) ?? id;
  return {
    ...base,
    legend: undefined,
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (p) => {
        const item = p as unknown as { dataType: string; data: { source?: string; target?: string; name?: string; value?: number; channel?: string } };
        if (item.dataType === 'edge') return `${esc(read(item.data.source ?? ''))} → ${esc(read(item.data.target ?? ''))}<br/>${usdFull(item.data.value ?? 0)} · ${esc(item.data.channel ?? '')}`;
        return `<b>${esc(read(item.data.name ?? ''))}</b> (${esc(kind.get(item.data.name ?? '') ?? '')})`;
      },
    },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 140,
        top: 16,
        bottom: 28,
        nodeGap: 10,
        nodeWidth: 14,
        layoutIterations: 32,
        emphasis: { focus: 'adjacency' },
        data: s.nodes.map((n) => ({ name: n.id, itemStyle: { color: sankeyColor(n.kind, theme), borderColor: theme.background } })),
        links: s.links.map((l) => ({ source: l.source, target: l.target, value: l.usd, channel: l.channel, lineStyle: { color: sankeyColor(kind.get(l.source) ?? 'other', theme), opacity: 0.35 } })),
        label: { color: theme.text, fontSize: 11, textBorderColor: theme.background, textBorderWidth: 2, formatter: (p: { name: string }) => read(p.name) },
      },
    ],
  };
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
