import type { EpisodeDef } from '../episode';
import { assumed, derived, reported, setting } from '../sourced';

const RESERVES = 40e9;
const AT_SVB = 3.3e9;
const PSM_USDC = 3.1e9;
const DAI_SUPPLY = 4.9e9;
const LOOP_COLLATERAL = 50e6;
const TOKENS_IN_MODEL = PSM_USDC + LOOP_COLLATERAL;

export const svbUsdcDai: EpisodeDef = {
  id: 'svb-usdc-dai-2023',
  title: 'Silicon Valley Bank → USDC → DAI',
  period: 'March 2023',
  summary:
    "Silicon Valley Bank is closed on Friday 10 March 2023 with $3.3B of the ~$40B of reserves behind USDC in it. Over the weekend nobody knows what that deposit will return, and Circle cannot redeem: USDC trades down to $0.8774. DAI, backed more than half by USDC through Maker's Peg Stability Module, follows it to about $0.88. USDC-collateral loans on lending pools are liquidated as their oracles follow the price. On Sunday evening US authorities guarantee all SVB deposits and both coins return to $1 — an event the model, whose defaults are absorbing, leaves outside the horizon.",
  stepUnit: 'about twelve hours (Friday 10 – Sunday 12 March 2023)',
  timeline: [
    { step: 0, date: '2023-03-10', text: 'SVB closed by regulators; late Friday Circle discloses $3.3B of USDC reserves there' },
    { step: 1, date: '2023-03-11 (morning)', text: 'USDC at its low of $0.8774; Curve 3pool drained of USDT' },
    { step: 2, date: '2023-03-11 (afternoon)', text: 'DAI at its low of about $0.88; MakerDAO files an emergency proposal on its $3.1B of USDC' },
    { step: 3, date: '2023-03-12', text: 'Treasury, Fed and FDIC guarantee all SVB deposits (Sunday evening): outside the model (defaults are absorbing)' },
  ],
  documents: {
    'coindesk-2023-03-11': { title: "Circle confirms $3.3B of USDC's cash reserves stuck at failed Silicon Valley Bank", outlet: 'CoinDesk', date: '2023-03-11', url: 'https://www.coindesk.com/business/2023/03/11/circle-confirms-33b-of-usdcs-cash-reserves-stuck-at-failed-silicon-valley-bank' },
    'onelastfeed-2023-03-11': { title: "USDC depeg: Circle's $43 billion stablecoin in the spotlight as Silicon Valley Bank's exposure revealed", outlet: 'OneLastFeed (citing CoinMarketCap)', date: '2023-03-11', url: 'https://onelastfeed.com/usdc-depeg-circles-43-billion-stablecoin-in-the-spotlight-as-silicon-valley-banks-exposure-revealed-heres-the-latest/' },
    'coindesk-dai-2023-03-11': { title: 'DAI depegs to lifetime lows as stablecoin rout plagues crypto', outlet: 'CoinDesk', date: '2023-03-11', url: 'https://www.coindesk.com/markets/2023/03/11/dai-depegs-as-stablecoin-rout-plagues-crypto' },
    'cointelegraph-2023-03-11': { title: 'MakerDAO files emergency proposal addressing $3.1B USDC exposure', outlet: 'Cointelegraph (via CryptoChaperone)', date: '2023-03-11', url: 'https://cryptochaperone.com/?p=78868' },
    'theblock-2023-03-13': { title: 'MakerDAO looks to limit volatility after USDC troubles pushed some users to DAI', outlet: 'The Block', date: '2023-03-13', url: 'https://www.theblock.co/post/219638/makerdao-looks-to-limit-volatility-after-usdc-troubles-pushed-some-users-to-dai' },
    'amorrr-2023-03': { title: 'Circle confirms $3.3 billion stuck in failed Silicon Valley Bank (federal backstop of 12 March)', outlet: 'Amorrr', date: '2023-03', url: 'https://amorrr.com/11238.html' },
  },
  tables: {
    assets: [
      { id: 'USDC', price: setting(1, 'the peg'), peg: setting(1, 'the peg'), depth_usd: assumed(10e9, "effective depth of USDC's markets before the weekend (selling $100M moves it about 2%); not reported as one number"), name: 'USD Coin' },
      { id: 'DAI', price: setting(1, 'the peg'), peg: setting(1, 'the peg'), name: 'Dai' },
      { id: 'USDT', price: setting(1, 'the peg'), peg: setting(1, 'the peg'), name: 'Tether' },
    ],
    nodes: [
      { id: 'svb', kind: 'entity', name: 'Silicon Valley Bank (the part holding Circle\'s deposit)', external_assets_usd: derived(AT_SVB, 'coindesk-2023-03-11', "only SVB's assets behind Circle's $3.3B deposit are modelled") },
      { id: 'circle', kind: 'entity', name: 'Circle (USDC reserves)', external_assets_usd: derived(RESERVES - AT_SVB - TOKENS_IN_MODEL, 'coindesk-2023-03-11', "~$40B of reserves − $3.3B at SVB − the reserves behind the USDC held by nodes of this workspace ($3.1B at Maker, $50M at the lending pool), which are priced as tokens instead") },
      { id: 'usdc-holders', kind: 'entity', name: 'USDC holders (as creditors of Circle)' },
      { id: 'maker', kind: 'entity', name: 'MakerDAO (DAI backing)', external_assets_usd: derived(DAI_SUPPLY - PSM_USDC + 70e6, ['coindesk-dai-2023-03-11', 'cointelegraph-2023-03-11'], "the rest of DAI's backing: $4.9B of DAI − $3.1B of USDC, plus a $70M surplus buffer (assumed)") },
      { id: 'dai-holders', kind: 'entity', name: 'DAI holders' },
      { id: 'aave', kind: 'venue', name: 'Aave-like lending pool (reads USDC through Chainlink)' },
      { id: 'usdc-loopers', kind: 'entity', name: 'USDC-collateral borrowers at the pool' },
    ],
    oracles: [
      { id: 'cl-usdc', asset: 'USDC', delay_steps: setting(0, 'reads the market of the step'), deviation: assumed(0.0025, 'a 0.25% deviation band, typical of Chainlink stablecoin feeds'), heartbeat_steps: setting(2, 'a daily heartbeat with twelve-hour steps') },
    ],
    feeds: [{ venue: 'aave', asset: 'USDC', oracle: 'cl-usdc' }],
    positions: [
      {
        id: 'usdc-loop', owner: 'usdc-loopers', venue: 'aave', collateral_asset: 'USDC',
        collateral_amount: assumed(LOOP_COLLATERAL, 'USDC-collateral loans near their limit; their size on 10 March is not reported'),
        debt_asset: 'USDT', debt_amount: assumed(42.5e6, 'borrowed against it at 85% of the collateral'),
        liquidation_threshold: assumed(0.875, "the pool's USDC liquidation threshold"),
        liquidation_bonus: assumed(0.045, "the pool's USDC liquidation bonus"),
        close_factor: setting(0.5, 'half the debt per liquidation'),
      },
    ],
    holdings: [{ owner: 'maker', asset: 'USDC', amount: reported(PSM_USDC, 'cointelegraph-2023-03-11', 'Maker held over $3.1B of USDC as collateral behind DAI') }],
    obligations: [
      { debtor: 'svb', creditor: 'circle', amount: reported(AT_SVB, 'coindesk-2023-03-11', '$3.3B of USDC reserves at SVB'), asset: 'USD', kind: 'deposit' },
      { debtor: 'circle', creditor: 'usdc-holders', amount: derived(RESERVES - TOKENS_IN_MODEL, 'coindesk-2023-03-11', 'USDC outstanding (≈ $40B of reserves) − the USDC held by nodes of this workspace'), asset: 'USD', kind: 'deposit' },
      { debtor: 'maker', creditor: 'dai-holders', amount: reported(DAI_SUPPLY, 'coindesk-dai-2023-03-11', 'DAI market capitalization of $4.9B'), asset: 'USD', kind: 'deposit' },
    ],
    backing: [
      { asset: 'USDC', backer: 'circle', share: setting(1, 'all of USDC is backed by Circle\'s reserves') },
      { asset: 'DAI', backer: 'maker', share: setting(1, 'DAI is backed by Maker\'s collateral, more than half of it USDC') },
    ],
  },
  scenarios: [
    {
      file: 'svb-weekend.json',
      name: 'SVB weekend: USDC reprices through its reserves, DAI through its USDC',
      description:
        "Approximate, from public reports. Friday 10 March 2023: SVB is closed with $3.3B of Circle's reserves inside. The scenario treats the deposit as worth nothing for the weekend (it could not be reached, and no one knew what it would return). Circle's recovery falls to about 91%, USDC reprices through its backing, USDC-collateral loans are liquidated into a drained market, and Maker — whose $3.1B of USDC is more than half of DAI's backing — can no longer cover all of DAI.",
      steps: 24,
      options: { fire_sale_on_default: false },
      events: [
        { type: 'external_loss', node: 'svb', fraction: setting(1, "the deposit could not be reached over the weekend; the model has no 'frozen but intact' state, so it is written down to zero until the backstop (outside the horizon)"), at: 0 },
        { type: 'depth_change', asset: 'USDC', factor: assumed(0.3, 'the Curve 3pool was drained of USDT (under 1.5% of the pool on Saturday): USDC sellers found a market about a third as deep'), at: 0 },
      ],
      notes: [
        { step: 0, text: "SVB is closed. Circle's $3.3B deposit cannot be reached: SVB pays Circle nothing this weekend, and Circle can no longer cover all of USDC — it defaults at a recovery of about 91%. USDC holders rush for the exits; the stablecoin pools empty (a depth withdrawal)." },
        { step: 1, text: "USDC reprices through its backing to Circle's recovery, about $0.91. The lending pool's Chainlink feed follows; USDC-collateral loans fall under their threshold and their collateral is sold into the drained market: $0.896." },
        { step: 2, text: "A second round of liquidations takes USDC to $0.889. Maker's $3.1B of USDC has lost more than its surplus buffer: Maker can no longer cover all of DAI, and DAI reprices through Maker's recovery to about $0.95. Reported lows: USDC $0.8774, DAI about $0.88 — DAI traded with USDC through the Peg Stability Module, an arbitrage the model does not represent." },
        { step: 3, text: 'USDC settles near $0.885 and DAI near $0.94. On Sunday evening the US authorities guaranteed every SVB deposit and both coins returned to $1; a default in the model is absorbing, so the backstop is not in this run.' },
      ],
    },
  ],
  limits: [
    "A deposit that is frozen but intact cannot be represented: the weekend freeze is a write-down to zero (external loss of SVB's assets), and the Sunday backstop that made every depositor whole is outside the horizon because defaults are absorbing.",
    "Panic selling is not modelled: the only forced sellers are liquidations. The model's USDC (≈ $0.885) comes from the backing (≈ $0.91) and the liquidated collateral sold into a drained market; its reported low was $0.8774.",
    "DAI's price through the Peg Stability Module (redeemable for USDC 1:1, so DAI traded with USDC) is not modelled; the model prices DAI by what Maker's collateral covers (≈ $0.94 against a reported low of about $0.88).",
    "Circle's corporate resources (it pledged to cover a shortfall) are not modelled: its reserves match USDC one for one.",
    "The size of USDC-collateral loans on lending pools and the depth of USDC's markets are assumptions.",
  ],
  outcome: [
    '`svb-weekend.json` converges after 8 steps. SVB and Circle default at step 0 (Circle recovers about 91%); Maker defaults at step 1.',
    'USDC ends at about $0.885 (reported low $0.8774): about $0.91 from its backing and the rest from $37M of liquidated USDC collateral sold into a market drained to 30% of its depth.',
    "DAI ends at about $0.94 through Maker's recovery (reported low about $0.88). USDC holders lose $3.3B and DAI holders about $0.29B.",
    'There is no first-round loss (SVB has no equity of its own in the model): everything is contagion, so amplification is undefined.',
  ],
};
