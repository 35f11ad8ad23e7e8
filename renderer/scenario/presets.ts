import type { WorkspaceIds } from '../../engine/view/view-types';
import type { EventDraft } from './draft';

export type PresetId = 'flash-crash-20' | 'flash-crash-30' | 'oracle-freeze' | 'oracle-manipulation' | 'cex-outage' | 'lender-default' | 'stablecoin-reserve-loss' | 'liquidity-withdrawal';

export interface PresetContext {
  ids: WorkspaceIds;
  /** The asset with the most collateral posted in it. */
  largestAsset: string | null;
}

export type TargetKind = 'asset' | 'oracle' | 'venue' | 'node' | 'backed-asset';

export interface Preset {
  id: PresetId;
  label: string;
  description: string;
  target: TargetKind;
  /** Several targets at once (e.g. a crash of ETH and stETH). */
  multiple: boolean;
  events(targets: string[], ctx: PresetContext): EventDraft[];
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'flash-crash-20',
    label: 'Flash crash −20%',
    description: 'The chosen assets gap down 20% at step 0.',
    target: 'asset',
    multiple: true,
    events: (assets) => assets.map((asset) => ({ type: 'price_shock', asset, change: -0.2, at: 0 })),
  },
  {
    id: 'flash-crash-30',
    label: 'Flash crash −30%',
    description: 'The chosen assets gap down 30% at step 0.',
    target: 'asset',
    multiple: true,
    events: (assets) => assets.map((asset) => ({ type: 'price_shock', asset, change: -0.3, at: 0 })),
  },
  {
    id: 'oracle-freeze',
    label: 'Oracle freeze',
    description: 'The chosen feeds stall for three steps while their asset falls 20%.',
    target: 'oracle',
    multiple: true,
    events: (oracles, { ids }) => {
      const assets = [...new Set(oracles.map((o) => ids.oracles.find((x) => x.id === o)?.asset).filter((a): a is string => a !== undefined))];
      return [
        ...assets.map((asset): EventDraft => ({ type: 'price_shock', asset, change: -0.2, at: 0 })),
        ...oracles.map((oracle): EventDraft => ({ type: 'oracle_freeze', oracle, from: 0, to: 2 })),
      ];
    },
  },
  {
    id: 'oracle-manipulation',
    label: 'Oracle manipulation',
    description: 'The chosen feed reports half the market price for two steps; no market price moves.',
    target: 'oracle',
    multiple: false,
    events: (oracles) => oracles.map((oracle) => ({ type: 'oracle_override', oracle, change: -0.5, from: 0, to: 1 })),
  },
  {
    id: 'cex-outage',
    label: 'CEX outage',
    description: 'The chosen venues run no liquidations for five steps while the asset with the most collateral falls 15%.',
    target: 'venue',
    multiple: true,
    events: (venues, { largestAsset }) => [
      ...(largestAsset === null ? [] : [{ type: 'price_shock', asset: largestAsset, change: -0.15, at: 0 } as EventDraft]),
      ...venues.map((venue): EventDraft => ({ type: 'venue_outage', venue, from: 0, to: 4 })),
    ],
  },
  {
    id: 'lender-default',
    label: 'Lender default',
    description: 'The chosen lender loses 90% of its off-book assets (an exploit or fraud) at step 0.',
    target: 'node',
    multiple: false,
    events: (nodes) => nodes.map((node) => ({ type: 'external_loss', node, fraction: 0.9, at: 0 })),
  },
  {
    id: 'stablecoin-reserve-loss',
    label: 'Stablecoin reserve loss',
    description: 'Every backer of the chosen asset loses all its off-book assets at step 0: the asset reprices through its backing.',
    target: 'backed-asset',
    multiple: false,
    events: (assets, { ids }) =>
      [...new Set(ids.backing.filter((b) => assets.includes(b.asset)).map((b) => b.backer))].map((node) => ({ type: 'external_loss', node, fraction: 1, at: 0 })),
  },
  {
    id: 'liquidity-withdrawal',
    label: 'Liquidity withdrawal',
    description: 'The chosen pools lose 65% of their depth, then the assets fall 10%.',
    target: 'asset',
    multiple: true,
    events: (assets) => [
      ...assets.map((asset): EventDraft => ({ type: 'depth_change', asset, factor: 0.35, at: 0 })),
      ...assets.map((asset): EventDraft => ({ type: 'price_shock', asset, change: -0.1, at: 1 })),
    ],
  },
];

/** The ids a preset can target in a workspace. */
export function targetsOf(kind: TargetKind, ids: WorkspaceIds): string[] {
  switch (kind) {
    case 'asset':
      return ids.assets;
    case 'oracle':
      return ids.oracles.map((o) => o.id);
    case 'venue':
      return ids.venues;
    case 'node':
      return [...ids.venues, ...ids.entities];
    case 'backed-asset':
      return [...new Set(ids.backing.map((b) => b.asset))];
  }
}
