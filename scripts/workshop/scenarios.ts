/** A scenario document as the engine reads it (MODEL §2), with the file it is written to. */
export interface WorkshopScenario {
  file: string;
  name: string;
  description: string;
  steps: number;
  events: Record<string, string | number>[];
  notes: { step: number; text: string }[];
}

const shock = (asset: string, change: number, at: number): Record<string, string | number> => ({ type: 'price_shock', asset, change, at });

/** The stress list of the workshop: one scenario per risk a treasury fears. */
export const SCENARIOS: readonly WorkshopScenario[] = [
  {
    file: 'flash-crash.json',
    name: 'Flash crash: majors −20 to −30%, exchanges down, feeds late',
    description:
      "ETH and stETH fall 25%, BTC and wBTC 22%, SOL 30% in one step. The lending protocols' ETH and stETH feeds stall for three steps, Kestrel's liquidation engine is down for four and Harbor's for two. Liquidations arrive late and all at once, into thin stETH and wBTC pools.",
    steps: 60,
    events: [
      shock('ETH', -0.25, 0),
      shock('stETH', -0.25, 0),
      shock('BTC', -0.22, 0),
      shock('wBTC', -0.22, 0),
      shock('SOL', -0.3, 0),
      { type: 'oracle_freeze', oracle: 'cl-eth', from: 0, to: 2 },
      { type: 'oracle_freeze', oracle: 'cl-steth', from: 0, to: 2 },
      { type: 'venue_outage', venue: 'kestrel', from: 0, to: 3 },
      { type: 'venue_outage', venue: 'harbor', from: 1, to: 2 },
    ],
    notes: [
      { step: 0, text: 'Majors gap down 20–30%. Apex, on fast feeds, liquidates at once — Northwind\'s 2,000 ETH long among 258 perps — and leaves $4.5M of bad debt. Funds 01 and 02, levered and owing Atlas $43M, default; Atlas, with a 4% cushion, defaults with them and stops liquidating. Northwind: −$18.5M.' },
      { step: 1, text: "Lumen and Crest still read the old ETH and stETH prices: their ETH loans look healthy. Kestrel's engine is down; Harbor's goes down too." },
      { step: 3, text: 'The ETH feed catches up: a backlog of 258 Lumen liquidations and 131 at Crest sells ETH into the pool, ETH another −5%. Harbor is back.' },
      { step: 4, text: "Kestrel's engine is back after four steps: 203 margin positions are liquidated at once and $1.5M of them had fallen through their collateral." },
      { step: 5, text: "Northwind's ETH loan at Lumen crosses its threshold and is liquidated in halves. ETH ends near $1,870 (−38%), SOL −42%; Northwind ends at $77M of equity, down 21%." },
    ],
  },
  {
    file: 'oracle-attack.json',
    name: "Oracle attack: Lumen's stETH feed reports 25% below the market",
    description:
      "Nothing happens to any market price. For two steps Lumen's stETH feed is manipulated to report 25% below the market: staked-ether loops, Northwind's among them, look under water and are liquidated at the false price; the liquidators sell the seized stETH into its thin pool, and the real price follows.",
    steps: 30,
    events: [{ type: 'oracle_override', oracle: 'cl-steth', change: -0.25, from: 1, to: 2 }],
    notes: [
      { step: 1, text: "No market moves. Lumen's stETH feed reports 25% below the market: every staked-ether loop, Northwind's included, looks under water. 301 loops are liquidated at the false price, and liquidators take 35% more stETH than the debt is worth." },
      { step: 2, text: 'The seized stETH is sold into its pool: the real stETH price falls 25% — the lie becomes true. The liquidations also buy ETH back, so ETH rises 5%: Northwind\'s own ETH gains part of what its loop lost.' },
      { step: 4, text: 'The feed is honest again, but stETH now really trades at about 70% of ETH: the remaining loops are liquidated and $6M of them have fallen through their collateral — bad debt for Lumen\'s suppliers.' },
    ],
  },
  {
    file: 'lender-default.json',
    name: 'Lender default: Atlas Credit loses its proprietary book',
    description:
      "Atlas Credit, a crypto lender with a 4% cushion, loses 80% of its cash and proprietary investments (a failed trade hidden from its depositors). It defaults on its depositors — Northwind's $10M deposit among them — and stops liquidating: the loans it made, Northwind's BTC credit line included, are frozen with it. Its depositors' losses spread to the retail cohorts.",
    steps: 30,
    events: [{ type: 'external_loss', node: 'atlas', fraction: 0.8, at: 0 }],
    notes: [
      { step: 0, text: "Atlas loses 80% of its cash and proprietary book. With a 4% cushion it cannot pay its depositors: it defaults and pays about 76 cents on the dollar. Northwind's $10M deposit loses $2.4M; the retail cohorts lose the rest." },
      { step: 1, text: "Atlas halts: it runs no more liquidations. Northwind's BTC credit line, and every loan Atlas made, stays open — safe for the borrowers in this run, but a frozen lender would call them in a real one." },
      { step: 2, text: 'No market moved: the loss spread only through the obligation network. Compare the contagion paths: event → atlas → depositor.' },
    ],
  },
  {
    file: 'stablecoin-depeg.json',
    name: 'Stablecoin depeg: Meridian Trust fails, XUSD loses its peg',
    description:
      "Meridian Trust, which holds 35% of XUSD's reserves and Northwind's $8M operating account, loses 85% of its assets. As it defaults, XUSD reprices to what its reserves recover; XUSD loops at Lumen are liquidated into a thin XUSD pool, pushing the price further down.",
    steps: 30,
    events: [{ type: 'external_loss', node: 'meridian-trust', fraction: 0.85, at: 0 }],
    notes: [
      { step: 0, text: "Meridian Trust loses 85% of its assets and defaults, paying 16 cents on the dollar — to the XUSD issuer, whose reserves it holds, to the market makers, and on Northwind's $8M operating account." },
      { step: 1, text: 'XUSD reprices through its backing: 35% of its reserves recover only 16%, so XUSD falls to $0.71. Northwind\'s 6M XUSD lose $1.7M.' },
      { step: 2, text: "Lumen's XUSD feed follows. 150 XUSD loops fall under their threshold and their collateral is sold into the thin XUSD pool: $0.65." },
      { step: 6, text: 'Three waves of loop liquidations later XUSD settles near $0.62 and the last loops leave $0.7M of bad debt. Northwind: −$9M, through the bank and the stablecoin.' },
    ],
  },
  {
    file: 'liquidity-withdrawal.json',
    name: 'Liquidity withdrawal: ETH and stETH pools lose two thirds of their depth, then a 12% sell-off',
    description:
      'Market makers pull out: the ETH pool keeps 35% of its depth and the stETH pool 30%. A 12% sell-off in ETH and stETH the next step would be routine in a deep market; in this one, the liquidations it triggers move prices far more.',
    steps: 80,
    events: [
      { type: 'depth_change', asset: 'ETH', factor: 0.35, at: 0 },
      { type: 'depth_change', asset: 'stETH', factor: 0.3, at: 0 },
      shock('ETH', -0.12, 1),
      shock('stETH', -0.12, 1),
    ],
    notes: [
      { step: 0, text: 'Market makers withdraw: the ETH pool keeps 35% of its depth, stETH 30%. Nothing is sold yet; nothing changes.' },
      { step: 1, text: 'ETH and stETH −12%. In a thin market Apex\'s perps and Kestrel\'s margin liquidations alone take ETH to −17%.' },
      { step: 2, text: 'Fund 01, levered and owing Atlas $25M, defaults; its holdings are fire-sold into the same thin pool.' },
      { step: 3, text: "Northwind's ETH long at Apex is liquidated; Lumen's and Crest's feeds catch up and their ETH loans start to go, wave after wave." },
      { step: 9, text: 'Fund 02 defaults; ETH is below $1,700. Each wave of liquidations sells into a pool a third as deep as last week.' },
      { step: 20, text: 'A 12% sell-off ends with ETH near $1,360 (−55%) after 45 steps: what liquidity withdrawal does to a leveraged book. Northwind: −$10M.' },
    ],
  },
];
