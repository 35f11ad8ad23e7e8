import type { EpisodeDef, Row } from '../episode';
import { assumed, calibrated, derived, reported, setting, sig } from '../sourced';

const ETH0 = 195.64;
const ETH_CRASH = 126.28;
const ETH_CLOSE = sig(ETH0 * (1 - 0.43), 5);
const ETH_LOW = 90;

/** Vault cohorts: minimum collateral ratio 150%; debt in DAI; sizes calibrated (see note). */
const COHORTS: { ratio: number; debt: number }[] = [
  { ratio: 1.55, debt: 18e6 },
  { ratio: 1.75, debt: 15e6 },
  { ratio: 2.0, debt: 15e6 },
  { ratio: 2.5, debt: 20e6 },
  { ratio: 3.5, debt: 32e6 },
];

function cohortNode(c: { ratio: number }): Row {
  const pct = Math.round(c.ratio * 100);
  return { id: `vaults-${pct}`, kind: 'entity', name: `ETH vaults at about ${pct}% collateral` };
}

function cohortPosition(c: { ratio: number; debt: number }): Row {
  const pct = Math.round(c.ratio * 100);
  return {
    id: `eth-a-${pct}`,
    owner: `vaults-${pct}`,
    venue: 'maker',
    collateral_asset: 'ETH',
    collateral_amount: derived(sig((c.ratio * c.debt) / ETH0), 'thenewstrace-2020-03-12', `collateral at ${pct}% of the debt at $195.64`),
    debt_asset: 'DAI',
    debt_amount: calibrated(c.debt, 'cohort sizes: about $100M of DAI in ETH vaults (DAI supply reached 100M in late 2019), spread so that the low-collateral vaults leave a deficit near the reported 5.67M DAI'),
    liquidation_threshold: derived(sig(1 / 1.5), 'forum-makerdao-2020-03-12', 'vaults are liquidated below 150% collateralization: 1/1.5'),
    liquidation_bonus: setting(0.13, "Maker's 13% liquidation penalty, which the liquidator gains"),
    close_factor: setting(1, 'a liquidation ("bite") auctions the whole vault'),
  };
}

export const blackThursday: EpisodeDef = {
  id: 'black-thursday-2020',
  title: "Black Thursday: ETH halves, Maker's oracle lags, liquidations find no bidders",
  period: 'March 2020',
  summary:
    "On 12–13 March 2020 ether falls from about $195 to $90. MakerDAO's ETH vaults must be liquidated by auction, but the Ethereum network is congested: Maker's price feed lags the market (by about $30 at one point) and keepers' bots stall on gas. For hours, vaults that should be sold are not; when auctions do run, many find no bidder but one who bids zero. Maker is left with 5.67M DAI of bad debt, covered by minting and selling MKR.",
  stepUnit: 'about two hours (12 March 10:00 UTC – 13 March 2020)',
  timeline: [
    { step: 0, date: '2020-03-12 ~10:00 UTC', text: 'ETH falls 35% in 30 minutes, $195.64 → $126.28; gas prices spike; the feeds lag' },
    { step: 4, date: '2020-03-12 evening', text: 'ETH closes the day 43% down (≈ $111.5)' },
    { step: 6, date: '2020-03-12 night', text: 'Maker\'s feed catches up; the backlog of liquidations runs; zero-bid auctions' },
    { step: 8, date: '2020-03-13', text: 'ETH at its low, about $90' },
  ],
  documents: {
    'thenewstrace-2020-03-12': { title: 'Ethereum down 35% as crypto market loses $68.61 billion in 30 minutes', outlet: 'The News Trace (NewsBTC)', date: '2020-03-12', url: 'https://thenewstrace.com/ethereum-down-35-as-crypto-market-loses-68-61-billion-in-30-minutes/16146/' },
    'newsbtc-2020-03-13': { title: 'Ethereum fell 43% yesterday: its worst day ever', outlet: 'NewsBTC', date: '2020-03-13', url: 'https://www.newsbtc.com/news/ethereum/ethereum-fell-43-percent-yesterday-worst-day-ever/' },
    '365shuku-312': { title: 'The 312 crash: ETH recovered to $145 then fell to $89 on 13 March', outlet: '365shuku', date: '2025-03', url: 'https://www.365shuku.com/8230.html' },
    'forum-makerdao-2020-03-12': { title: 'Black Thursday response thread (vaults under 150% collateral are liquidated by auction)', outlet: 'MakerDAO forum', date: '2020-03-12', url: 'https://forum.makerdao.com/t/black-thursday-response-thread/1433/1' },
    'whiterabbit-2020-03-14': { title: 'Black Thursday for MakerDAO: $8.32 million was liquidated for 0 DAI', outlet: 'Whiterabbit (Medium)', date: '2020-03-14', url: 'https://medium.com/@whiterabbit_hq/black-thursday-for-makerdao-8-32-million-was-liquidated-for-0-dai-36b83cac56b6' },
    'glassnode-2020-03-19': { title: 'Million ether sold for free through Maker (Glassnode: the medianizer showed a price $30 higher)', outlet: 'Currencies.ru (citing Glassnode)', date: '2020-03-19', url: 'http://currencies.ru/million-ether-sold-for-free-through-maker-20031820580032.htm' },
    'twooxen-2019-11-07': { title: 'MakerDAO creates vote to increase DAI ceiling after hitting 100 million outstanding', outlet: 'TwoOxen', date: '2019-11-07', url: 'https://twooxen.com/2019/11/07/makerdao-creates-vote-to-increase-dai-ceiling-after-hitting-100-million-outstanding/' },
    'blockonomi-2020-03': { title: 'MakerDAO emergency: $5 million DAI raised in MKR auctions', outlet: 'Blockonomi', date: '2020-03', url: 'https://blockonomi.com/makerdao-emergency-5-million-dai-raised/' },
  },
  tables: {
    assets: [
      { id: 'ETH', price: reported(ETH0, 'thenewstrace-2020-03-12', 'ETH at $195.64 before the crash'), depth_usd: assumed(10e9, "ether's market depth in March 2020 as one pool (selling $100M moves it about 2%); not reported"), name: 'Ether' },
      { id: 'DAI', price: setting(1, 'the peg'), peg: setting(1, 'the peg'), name: 'Dai (single-asset view: its 2020 premium is not modelled)' },
    ],
    nodes: [
      { id: 'maker', kind: 'venue', name: 'MakerDAO ETH vaults (losses fall on MKR holders)' },
      ...COHORTS.map(cohortNode),
    ],
    oracles: [
      { id: 'maker-eth', asset: 'ETH', delay_steps: setting(1, "the Oracle Security Module releases a price one hour late; one step here"), deviation: setting(0, 'updates every step it is not stalled'), heartbeat_steps: setting(1, 'updates every step') },
    ],
    feeds: [{ venue: 'maker', asset: 'ETH', oracle: 'maker-eth' }],
    positions: COHORTS.map(cohortPosition),
  },
  scenarios: [
    {
      file: 'black-thursday.json',
      name: 'Black Thursday: a lagging feed, liquidations with no bidders, bad debt',
      description:
        "Approximate, from public reports. ETH falls 35% in half an hour and 54% in a day. Maker's feed reports about $30 above the market for half a day: vaults below 150% are liquidatable, but at the feed's price no keeper can bid without a loss (the profit check fails — the model's 'no bidders'). When the feed catches up, the backlog is liquidated at once, with collateral now worth less than the debt: Maker is left with bad debt.",
      steps: 30,
      events: [
        { type: 'price_shock', asset: 'ETH', change: derived(sig(ETH_CRASH / ETH0 - 1), 'thenewstrace-2020-03-12', 'ETH from $195.64 to $126.28 in 30 minutes'), at: 0 },
        { type: 'oracle_override', oracle: 'maker-eth', change: derived(sig(30 / ETH_CRASH), 'glassnode-2020-03-19', "Maker's medianizer showed a price about $30 above the market (≈ +24% at $126): the feeds could not get updates through the congested network"), from: 0, to: 5 },
        { type: 'price_shock', asset: 'ETH', change: derived(sig(ETH_CLOSE / ETH_CRASH - 1), 'newsbtc-2020-03-13', 'the day closes 43% down: ≈ $111.5'), at: 4 },
        { type: 'price_shock', asset: 'ETH', change: derived(sig(ETH_LOW / ETH_CLOSE - 1), '365shuku-312', 'the low of about $90 on 13 March'), at: 8 },
      ],
      notes: [
        { step: 0, text: "ETH −35% in half an hour. Maker's feed is stuck about $30 above the market. Vaults below 150% at the feed's price are liquidatable, but a keeper would pay more for the debt than the collateral fetches at market: no bids." },
        { step: 4, text: 'ETH closes the day 43% down. The backlog grows: the low-collateral vaults are now worth less than their debt, and still no one liquidates them.' },
        { step: 6, text: "The feed catches up. Every vault under 150% is liquidated at once; for the lowest cohorts the collateral no longer covers the debt plus the 13% penalty, and the shortfall is Maker's bad debt. In March 2020 this was 5.67M DAI, much of it from auctions won with bids of zero — a mechanism (gas, failing keeper bots, auction rules) the model does not have." },
        { step: 8, text: 'ETH at about $90: the remaining vaults hold. Maker covered its deficit by minting and auctioning MKR (about $5M of DAI raised).' },
      ],
    },
    {
      file: 'honest-feed.json',
      name: 'Counterfactual: the same crash with a feed that keeps up',
      description:
        "Approximate, from public reports; a counterfactual. The same price path as black-thursday.json, but Maker's feed is never stuck: it follows the market one step (about two hours) late. Liquidations run as the price falls, while most collateral still covers the debt; compare the bad debt with the stuck-feed run to see what the lagging oracle cost.",
      steps: 30,
      events: [
        { type: 'price_shock', asset: 'ETH', change: derived(sig(ETH_CRASH / ETH0 - 1), 'thenewstrace-2020-03-12', 'ETH from $195.64 to $126.28 in 30 minutes'), at: 0 },
        { type: 'price_shock', asset: 'ETH', change: derived(sig(ETH_CLOSE / ETH_CRASH - 1), 'newsbtc-2020-03-13', 'the day closes 43% down: ≈ $111.5'), at: 4 },
        { type: 'price_shock', asset: 'ETH', change: derived(sig(ETH_LOW / ETH_CLOSE - 1), '365shuku-312', 'the low of about $90 on 13 March'), at: 8 },
      ],
      notes: [
        { step: 0, text: 'ETH −35%. The feed reports the new price: the vaults under 150% are liquidated at once, most of them while their collateral still covers the debt and the penalty.' },
        { step: 4, text: 'The day closes 43% down; the next cohort is liquidated as it crosses 150%, with collateral to spare.' },
        { step: 8, text: 'At $90 the rest hold. The bad debt is the part of the lowest cohort that the 35% gap in half an hour put under water — a fraction of the stuck-feed run.' },
      ],
    },
  ],
  limits: [
    "Auctions are not modelled: a liquidation repays the debt at the liquidator's price at once. The zero-bid auctions (36% of liquidations, $8.32M of ETH for nothing) are represented only by their cause — keepers could not bid at the feed's price — through the liquidator profit check with a feed above the market.",
    'Gas and mempool congestion are not modelled: the lagging feed is an oracle override ($30 above market for twelve hours), sourced from the reported gap.',
    "DAI's premium (it traded above $1.08) is not modelled: DAI stays at $1.",
    "The vault population is calibrated: five cohorts of collateralization sized so that the bad debt is of the reported order. The DAI supply (~100M) is reported; the split is not.",
    'The MKR debt auctions that recapitalized Maker afterwards are outside the model: the loss stays with the maker node (MKR holders).',
  ],
  outcome: [
    "`black-thursday.json`: no liquidation runs at steps 0–5 while the feed is stuck above the market (the profit check fails: no bidders); at step 6 the backlog is liquidated at once — $62M of debt repaid, 5.69M DAI of bad debt (reported: 5.67M) from the 155% and 175% cohorts.",
    '`honest-feed.json`: the same crash with a feed that keeps up liquidates as the price falls and leaves about 2.07M of bad debt — the stuck feed cost Maker about 3.6M.',
    'ETH ends at about $87.8 (reported low about $90) after the liquidated collateral is sold.',
  ],
};
