import type { EpisodeDef } from '../episode';
import { assumed, calibrated, derived, reported, setting, sig } from '../sourced';

const BTC0 = 35_867; // 6 May 2022
const ETH0 = 2_696;
const LUNA0 = 85;
const BTC_MAY12 = 30_000;
const ETH_MAY12 = 2_000;
const BTC_JUN13 = 23_052;
const ETH_JUN13 = 1_212;
const BTC_JUN18 = 18_984.1;
const ETH_JUN18 = 992;

const GENESIS_LOAN = 2.36e9;
const GENESIS_CLAIM = 1.2e9;
const VOYAGER_ON_HAND = 137e6;
const VOYAGER_TO_ALAMEDA = 376.8e6;
const VOYAGER_TO_GALAXY = 34.4e6;
const VOYAGER_EQUITY = 100e6;
const VOYAGER_FROM_ALAMEDA = 75e6;
const VOYAGER_EXTERNAL = VOYAGER_ON_HAND + VOYAGER_TO_ALAMEDA + VOYAGER_TO_GALAXY;

export const terra3ac: EpisodeDef = {
  id: 'terra-3ac-2022',
  title: 'Terra/LUNA → Three Arrows Capital → Voyager, Genesis, Celsius, BlockFi',
  period: 'May–July 2022',
  summary:
    'UST loses its peg and LUNA goes to zero in a week. Three Arrows Capital (3AC), a hedge fund long LUNA, staked ether and bitcoin and funded by loans from most of the industry, survives May but not the June crash: its lenders liquidate what collateral they hold (Genesis, BlockFi) and the rest of its $3.5B of debt goes unpaid. Voyager, which lent it 15,250 BTC and $350M of USDC out of its customers\' deposits, cannot repay its customers and freezes; Celsius, hit by its own losses as much as by 3AC, freezes withdrawals; Genesis survives only because its parent absorbs the loss.',
  stepUnit: 'a few days to a week: the steps follow the dated events, not a fixed clock',
  timeline: [
    { step: 0, date: '2022-05-09 – 2022-05-12', text: 'UST breaks its peg; LUNA falls 99.98%; BTC below $30,000' },
    { step: 1, date: '2022-05-13 – 2022-05-14', text: 'UST at $0.15, LUNA at $0.0001' },
    { step: 2, date: '2022-06-12 – 2022-06-15', text: 'Celsius pauses withdrawals (12 June); BTC $23,052, stETH 5% below ether; lenders margin-call and liquidate 3AC' },
    { step: 3, date: '2022-06-18', text: 'BTC below $19,000, ether below $1,000; stETH 6% below ether' },
    { step: 4, date: '2022-06-27 – 2022-07-06', text: 'Voyager serves 3AC a notice of default (27 June), freezes (1 July) and files (6 July); 3AC files for Chapter 15 (1 July)' },
    { step: 5, date: '2022-07-13', text: 'Celsius files for Chapter 11: $5.5B of liabilities against $4.3B of assets' },
  ],
  documents: {
    'trtworld-2022-05-06': { title: 'Bitcoin drops below $36,000 amid broader sell-off', outlet: 'TRT World', date: '2022-05-06', url: 'https://www.trtworld.com/article/12788669' },
    'cityam-2022-05-12': { title: 'Crypto crash: Gains wiped out as host of coins collapse', outlet: 'City A.M.', date: '2022-05-12', url: 'https://www.cityam.com/crypto-crash-gains-wiped-out-as-host-of-coins-collapse/' },
    'nasdaq-2022-05-12': { title: 'Crypto crash: Bitcoin, Ethereum, Dogecoin, Polkadot plunge after TerraUSD stablecoin collapse', outlet: 'Nasdaq', date: '2022-05-12', url: 'https://www.nasdaq.com/articles/crypto-crash%3A-bitcoin-ethereum-dogecoin-polkadot-plunge-after-terrausd-stablecoin-collapse' },
    'newsbreak-2022-05-14': { title: 'Security concerns prompt cancellation of Terra dApp expo', outlet: 'NewsBreak', date: '2022-05-14', url: 'https://www.newsbreak.com/news/2603398698913/security-concerns-prompt-cancellation-of-terra-dapp-expo' },
    'publish0x-anchor-2022-05': { title: 'The Terra and Anchor meltdown: the fragility of algorithmic stablecoins', outlet: 'Publish0x', date: '2022-05', url: 'https://www.publish0x.com/digital-asset-investing/the-terra-and-anchor-meltdown-the-fragility-of-algorithmic-s-xzglyoq' },
    'cityam-2022-06-13': { title: 'Crypto plummets as Binance pauses Bitcoin withdrawals and Celsius stops redemptions', outlet: 'City A.M.', date: '2022-06-13', url: 'https://www.cityam.com/crypto-plummets-binance-pauses-bitcoin-withdrawals-celsius-stops-redemptions/' },
    'protos-2022-06-15': { title: 'Three Arrows Capital insolvency rumors escalate amid crypto meltdown', outlet: 'Protos', date: '2022-06-15', url: 'https://protos.com/three-arrows-capital-insolvency-rumors-escalate-amid-crypto-meltdown' },
    'protos-2022-06-16': { title: 'BlockFi customers concerned it may have lent too much bitcoin to 3AC', outlet: 'Protos', date: '2022-06-16', url: 'https://protos.com/blockfi-customers-concerned-it-may-have-lent-too-much-bitcoin-to-3ac' },
    'axios-2022-06-15': { title: 'Crypto hedge fund Three Arrows Capital faces liquidation', outlet: 'Axios', date: '2022-06-15', url: 'https://www.axios.com/pro/fintech-deals/2022/06/15/three-arrows-capital-faces-liquidation' },
    'blockworks-2022-06-16': { title: "BlockFi says it liquidated a 'large client' amid 3AC's margin calls", outlet: 'Blockworks', date: '2022-06-16', url: 'https://blockworks.co/news/blockfi-says-it-liquidated-a-large-client-amid-3acs-margin-calls' },
    'coindesk-2022-06-18': { title: 'Bitcoin plunges below $20K for first time since December 2020; ether drops below $1K', outlet: 'CoinDesk', date: '2022-06-18', url: 'https://www.coindesk.com/markets/2022/06/18/bitcoin-plunges-below-20k-for-first-time-since-dec-2020/' },
    'protocol-2022-06-27': { title: 'Three Arrows Capital defaults on a $666 million loan from Voyager', outlet: 'Protocol', date: '2022-06-27', url: 'https://www.protocol.com/bulletins/three-arrows-default' },
    'crowdfundinsider-2022-06-27': { title: 'Three Arrows Capital defaults on payments, Voyager Digital says it will pursue recovery', outlet: 'Crowdfund Insider', date: '2022-06-27', url: 'https://www.crowdfundinsider.com/2022/06/192830-three-arrows-capital-defaults-on-payments-voyager-digital-says-it-will-pursue-recovery/' },
    'prodigital-2022-06-27': { title: 'Ailing crypto trading firm Three Arrows Capital defaults on $675 million loan to Voyager Digital', outlet: 'Forbes (syndicated)', date: '2022-06-27', url: 'https://prodigitalmarketingprovider.com/ailing-crypto-trading-firm-three-arrows-capital-defaults-on-675-million-loan-to-voyager-digital.html' },
    'voyager-filing-2022-07-06': { title: 'Voyager Digital goes bust after loan default', outlet: 'News report (mirror; publisher not named)', date: '2022-07-06', url: 'https://d33gy59ovltp76.cloudfront.net/news/voyager-digital-goes-bust-after-loan-default' },
    'bankingdive-2022-07-06': { title: 'Crypto brokerage Voyager files for Chapter 11 bankruptcy', outlet: 'Banking Dive', date: '2022-07-06', url: 'https://bankingdive.com/news/crypto-brokerage-voyager-files-for-chapter-11-bankruptcy/626657' },
    'techstory-2022-07-14': { title: "Celsius doesn't have the money to pay users it owes $4.7 billion", outlet: 'TechStory', date: '2022-07-14', url: 'https://techstory.in/celsius-doesnt-have-the-money-to-pay-users-it-owes-4-7-billion/' },
    'theblock-2022-07-18': { title: 'Crypto lender Genesis lent $2.36 billion to Three Arrows Capital', outlet: 'The Block', date: '2022-07-18', url: 'https://www.theblock.co/post/158167/crypto-lender-genesis-lent-2-36-billion-to-three-arrows-capital' },
    'decrypt-2022-07-18': { title: 'Bankrupt Three Arrows Capital owes $3.5B to creditors including $2.3B to Genesis', outlet: 'Decrypt', date: '2022-07-18', url: 'https://decrypt.co/105416/bankrupt-three-arrows-capital-owes-3-5b-to-creditors-including-2-3b-to-genesis' },
    'protocol-2022-07-18': { title: 'Three Arrows Capital owes 27 companies $3.5 billion', outlet: 'Protocol', date: '2022-07-18', url: 'https://www.protocol.com/bulletins/three-arrows-capital-debt' },
    'bloomberg-2022-07-18': { title: "S'pore-based crypto hedge fund Three Arrows owes Genesis parent $1.7 billion (S$)", outlet: 'Bloomberg (via Straits Times)', date: '2022-07-18', url: 'https://asiapresswire.blogspot.com/2022/07/spore-based-crypto-hedge-fund-three.html' },
    'odaily-2022-07-19': { title: 'Creditor details updated: Three Arrows Capital owes a total of $3.5 billion to 27 crypto companies (translation of The Block)', outlet: 'Odaily / ChainCatcher', date: '2022-07-19', url: 'https://www.chaincatcher.com/en/article/2076740' },
    'cryptocontinues-2024-08': { title: '3AC liquidators pursue $1.3 billion lawsuit against Terraform Labs (citing Bloomberg)', outlet: 'Crypto Continues', date: '2024-08', url: 'https://cryptocontinues.com/?p=1264' },
  },
  tables: {
    assets: [
      { id: 'BTC', price: reported(BTC0, 'trtworld-2022-05-06', 'BTC at $35,867 on 6 May 2022'), depth_usd: assumed(100e9, 'pool depth such that selling $1B of BTC moves it ~2%; order books of mid-2022 are not modelled in detail'), name: 'Bitcoin (and the BTC-linked assets 3AC pledged and held)' },
      { id: 'stETH', price: derived(ETH0, 'trtworld-2022-05-06', 'at par with ether ($2,696 on 6 May 2022): stETH was designed to redeem 1:1 for ether'), depth_usd: assumed(1e9, 'the stETH/ETH market of mid-2022 (the Curve pool was the main venue); not reported as a single number'), peg: derived(ETH0, 'trtworld-2022-05-06', 'the ether price it tracks'), name: 'Lido staked ether' },
      { id: 'LUNA', price: reported(LUNA0, 'cityam-2022-05-12', 'LUNA above $85 on Thursday 5 May'), name: 'Terra LUNA' },
      { id: 'UST', price: setting(1, 'the peg'), peg: setting(1, 'the peg'), name: 'TerraUSD' },
      { id: 'USDC', price: setting(1, 'the peg'), peg: setting(1, 'the peg'), name: 'USD Coin' },
    ],
    nodes: [
      { id: '3ac', kind: 'entity', name: 'Three Arrows Capital' },
      { id: 'voyager', kind: 'entity', name: 'Voyager Digital', external_assets_usd: derived(VOYAGER_EXTERNAL, ['prodigital-2022-06-27', 'voyager-filing-2022-07-06'], '$137M cash and crypto on hand (24 June) + $376.8M lent to Alameda + $34.4M lent to Galaxy') },
      { id: 'voyager-customers', kind: 'entity', name: "Voyager's customers" },
      { id: 'alameda', kind: 'entity', name: 'Alameda Research (lender to Voyager)' },
      { id: 'genesis', kind: 'venue', name: 'Genesis (lender; sells collateral on a margin call)', external_assets_usd: assumed(2.0e9, "Genesis's other loans and cash; not reported for mid-2022") },
      { id: 'genesis-lenders', kind: 'entity', name: "Genesis's own lenders" },
      { id: 'blockfi', kind: 'venue', name: 'BlockFi (margin lender)', external_assets_usd: assumed(1.5e9, "BlockFi's other loans and reserves; not reported for mid-2022") },
      { id: 'blockfi-clients', kind: 'entity', name: "BlockFi's clients" },
      { id: 'celsius', kind: 'entity', name: 'Celsius Network', external_assets_usd: derived(5.525e9, 'techstory-2022-07-14', "assumed solvent in early May with $0.1B of equity: $5.5B of liabilities in its July filing + $0.1B − the $75M claim on 3AC") },
      { id: 'celsius-users', kind: 'entity', name: "Celsius's depositors" },
      { id: 'celsius-creditors', kind: 'entity', name: "Celsius's other creditors" },
      { id: 'other-lenders', kind: 'entity', name: "3AC's other lenders (Equities First, FalconX, CoinList, Deribit, …)" },
      { id: 'ust-holders', kind: 'entity', name: 'UST holders (Anchor depositors)' },
    ],
    holdings: [
      { owner: '3ac', asset: 'LUNA', amount: derived(sig(462e6 / LUNA0), 'cryptocontinues-2024-08', "3AC's LUNA was valued at about $462M in April 2022 (liquidators' claim); units at the workspace price of $85") },
      { owner: '3ac', asset: 'stETH', amount: reported(80_000, 'axios-2022-06-15', '3AC withdrew more than 80,000 stETH from Aave (Nansen)') },
      { owner: '3ac', asset: 'BTC', amount: calibrated(70_000, "3AC's other assets (GBTC shares, AVAX, NEAR, other tokens) as BTC: enough for 3AC to meet May's losses (it did) and too little for June's (it did not); gross crypto then ≈ $5.5B") },
      { owner: 'ust-holders', asset: 'UST', amount: reported(14e9, 'publish0x-anchor-2022-05', 'deposits in Anchor, the main holder of UST, were $14B before the run') },
    ],
    positions: [
      {
        id: '3ac-genesis-margin', owner: '3ac', venue: 'genesis', collateral_asset: 'BTC',
        collateral_amount: derived(sig(0.8 * GENESIS_LOAN / BTC0), 'theblock-2022-07-18', 'collateral worth 80% of the $2.36B loan (weighted margin requirement over 80%) at $35,867'),
        debt_asset: 'USD',
        debt_amount: derived(GENESIS_LOAN - GENESIS_CLAIM, ['theblock-2022-07-18', 'bloomberg-2022-07-18'], 'the part of the $2.36B that selling the collateral repaid: $2.36B − the $1.2B Genesis still claimed'),
        liquidation_threshold: derived(0.8, 'theblock-2022-07-18', 'Genesis called margin below 80% collateral cover'),
        liquidation_bonus: setting(0, 'Genesis sold the collateral itself; no liquidator discount'),
        close_factor: reported(1, 'theblock-2022-07-18', 'Genesis sold the collateral at once when 3AC missed the margin call'),
      },
      {
        id: '3ac-blockfi-margin', owner: '3ac', venue: 'blockfi', collateral_asset: 'BTC',
        collateral_amount: assumed(sig(400e6 / BTC0), 'BlockFi said the loan was over-collateralized; its size was not reported: $400M of BTC (160% of the loan) at $35,867'),
        debt_asset: 'USD',
        debt_amount: assumed(250e6, 'not reported; part of the ≥$400M of 3AC positions its lenders liquidated in mid-June (The Block)'),
        liquidation_threshold: assumed(0.8, "BlockFi's margin-call level; not reported"),
        liquidation_bonus: setting(0, 'BlockFi sold or hedged the collateral itself'),
        close_factor: reported(1, 'blockworks-2022-06-16', '"We fully accelerated the loan and fully liquidated or hedged all the associated collateral"'),
      },
    ],
    obligations: [
      { debtor: '3ac', creditor: 'voyager', amount: reported(15_250, 'protocol-2022-06-27', 'Voyager lent 3AC 15,250 BTC'), asset: 'BTC', kind: 'loan' },
      { debtor: '3ac', creditor: 'voyager', amount: reported(350e6, 'protocol-2022-06-27', 'and $350M of USDC'), asset: 'USDC', kind: 'loan' },
      { debtor: '3ac', creditor: 'genesis', amount: reported(GENESIS_CLAIM, ['bloomberg-2022-07-18', 'odaily-2022-07-19'], "Genesis's claim after selling the collateral: about $1.2B ($1.14B plus $91.3M of pledged AVAX and NEAR)"), asset: 'USD', kind: 'loan' },
      { debtor: '3ac', creditor: 'celsius', amount: reported(75e6, 'protocol-2022-07-18', 'Celsius lent about $75M of USDC'), asset: 'USDC', kind: 'loan' },
      { debtor: '3ac', creditor: 'other-lenders', amount: derived(0.41e9, ['decrypt-2022-07-18', 'protocol-2022-07-18'], '$3.5B owed to 27 creditors − $2.36B Genesis − ~$655M Voyager − $75M Celsius'), asset: 'USD', kind: 'loan' },
      { debtor: 'voyager', creditor: 'voyager-customers', amount: derived(15_250, 'prodigital-2022-06-27', 'the bitcoin lent to 3AC came from customer deposits'), asset: 'BTC', kind: 'deposit' },
      { debtor: 'voyager', creditor: 'voyager-customers', amount: derived(VOYAGER_EXTERNAL + 350e6 - VOYAGER_FROM_ALAMEDA - VOYAGER_EQUITY, ['bankingdive-2022-07-06', 'crowdfundinsider-2022-06-27'], "the rest of the customers' claims: Voyager's other assets + the $350M USDC loan − the $75M owed to Alameda − $100M of equity (its market value was under $100M); customers' claims total ≈ $1.3B as in the filing"), asset: 'USD', kind: 'deposit' },
      { debtor: 'voyager', creditor: 'alameda', amount: reported(VOYAGER_FROM_ALAMEDA, 'crowdfundinsider-2022-06-27', 'Voyager had drawn $75M of the Alameda facility'), asset: 'USD', kind: 'loan' },
      { debtor: 'genesis', creditor: 'genesis-lenders', amount: assumed(3.46e9, "Genesis's funding; chosen so that it starts with $0.9B of equity, standing for DCG's support (DCG assumed the 3AC claim)"), asset: 'USD', kind: 'loan' },
      { debtor: 'blockfi', creditor: 'blockfi-clients', amount: assumed(1.6e9, "BlockFi's client balances; chosen so that it starts with $0.15B of equity"), asset: 'USD', kind: 'deposit' },
      { debtor: 'celsius', creditor: 'celsius-users', amount: reported(4.7e9, 'techstory-2022-07-14', 'owed to users in the July filing'), asset: 'USD', kind: 'deposit' },
      { debtor: 'celsius', creditor: 'celsius-creditors', amount: derived(0.8e9, 'techstory-2022-07-14', '$5.5B of liabilities − $4.7B owed to users'), asset: 'USD', kind: 'other' },
    ],
  },
  scenarios: [
    {
      file: 'collapse.json',
      name: 'Terra collapse to the June crash: 3AC, Voyager, Celsius',
      description:
        'Approximate, from public reports. UST and LUNA collapse in May; 3AC absorbs it. The June crash (BTC −37%, stETH below ether) triggers margin calls: Genesis and BlockFi sell their collateral, and 3AC cannot pay the rest of its $3.5B of debt. Voyager, owed 15,250 BTC and $350M, defaults on its customers; Celsius, with a hole of its own, defaults in the same weeks; Genesis loses about half a billion and survives.',
      steps: 12,
      options: { fire_sale_on_default: false },
      events: [
        { type: 'price_shock', asset: 'UST', change: derived(-0.4, 'nasdaq-2022-05-12', 'UST at about 60 cents on 12 May (low of 30 cents on 11 May)'), at: 0 },
        { type: 'price_shock', asset: 'LUNA', change: derived(sig(0.016 / LUNA0 - 1), 'cityam-2022-05-12', 'LUNA from $85 to $0.016'), at: 0 },
        { type: 'price_shock', asset: 'BTC', change: derived(sig(BTC_MAY12 / BTC0 - 1), 'cityam-2022-05-12', 'BTC from $35,867 to below $30,000'), at: 0 },
        { type: 'price_shock', asset: 'stETH', change: derived(sig(ETH_MAY12 / ETH0 - 1), 'cityam-2022-05-12', 'ether from $2,696 to just above $2,000; stETH still at par'), at: 0 },
        { type: 'price_shock', asset: 'UST', change: derived(sig(0.15 / 0.6 - 1), 'newsbreak-2022-05-14', 'UST at $0.15'), at: 1 },
        { type: 'price_shock', asset: 'LUNA', change: derived(sig(0.0001 / 0.016 - 1), 'newsbreak-2022-05-14', 'LUNA at $0.0001'), at: 1 },
        { type: 'price_shock', asset: 'BTC', change: derived(sig(BTC_JUN13 / BTC_MAY12 - 1), 'cityam-2022-06-13', 'BTC at about $23,052 on 13 June'), at: 2 },
        { type: 'price_shock', asset: 'stETH', change: derived(sig((ETH_JUN13 * 0.95) / ETH_MAY12 - 1), ['cityam-2022-06-13', 'protos-2022-06-15'], 'ether at about $1,212, stETH 5% below it'), at: 2 },
        { type: 'external_loss', node: 'celsius', amount_usd: derived(1.3e9, 'techstory-2022-07-14', "Celsius's own losses (illiquid staking, CEL, mining, Equities First), sized to its July filing: $4.3B of assets against $5.5B of liabilities"), at: 2 },
        { type: 'price_shock', asset: 'BTC', change: derived(sig(BTC_JUN18 / BTC_JUN13 - 1), 'coindesk-2022-06-18', 'BTC at $18,984 on 18 June'), at: 3 },
        { type: 'price_shock', asset: 'stETH', change: derived(sig((ETH_JUN18 * 0.94) / (ETH_JUN13 * 0.95) - 1), ['coindesk-2022-06-18', 'protos-2022-06-16'], 'ether at $992, stETH 6% below it'), at: 3 },
      ],
      notes: [
        { step: 0, text: "UST loses its peg and LUNA falls 99.98%: $5.6B gone from UST holders, 3AC's $462M of LUNA worth nothing. 3AC still covers its debts: no default." },
        { step: 1, text: 'UST at 15 cents. The loss stays with the token holders; no lender is hit yet.' },
        { step: 2, text: "June crash. Celsius pauses withdrawals — its hole is mostly its own (an external loss here). BTC at $23,052 puts 3AC's margin loans below their calls: Genesis and BlockFi sell the collateral, in full. What 3AC owes unsecured — Voyager, Genesis's remaining $1.2B, Celsius, others — exceeds what it has: 3AC defaults, and Voyager and Celsius default in the same clearing." },
        { step: 3, text: "BTC under $19,000: 3AC's remaining assets shrink and its creditors' recovery falls further. Voyager's customers, owed BTC and dollars, are frozen (Voyager froze on 1 July and filed on 6 July)." },
        { step: 4, text: 'The model cannot run a withdrawal queue: a default here is the freeze. Genesis survives because it started with equity standing for DCG\'s support; BlockFi survives because its loan was over-collateralized and it sold early.' },
      ],
    },
  ],
  limits: [
    'Withdrawal runs and freezes are not modelled as flows: a default in the clearing is the freeze, and a creditor\'s recovery rate is what a frozen balance would return.',
    'The UST/LUNA mint-and-burn death spiral is not modelled: both prices follow the reported path as price shocks.',
    "3AC's GBTC shares, AVAX, NEAR and other tokens are represented as BTC; GBTC's widening discount and the deeper falls of altcoins are not, so 3AC's recovery (and its creditors') is overstated.",
    "Genesis's and BlockFi's balance sheets are not public for mid-2022; their size is an assumption, and DCG's support of Genesis is represented as Genesis's starting equity.",
    "Celsius's own losses (illiquid staked ether, its CEL token, mining, Equities First) are one external loss sized to its July filing, not modelled asset by asset.",
    'All defaults in one step clear together: events that took weeks (3AC default, Voyager freeze and filing) fall in the same step.',
    "Forced sales move prices permanently in the model; 3AC's estate was frozen by its liquidators, so its holdings are not fire-sold (option fire_sale_on_default = false).",
  ],
  outcome: [
    '`collapse.json` converges after 5 steps. 3AC, Voyager and Celsius default at step 2 (the June crash); nobody defaults in May.',
    "3AC's creditors recover about 60% (recovery rate 0.60): its BTC-like assets fall with the market and its LUNA is worth nothing.",
    "Voyager pays its customers about 86% (0.86) and defaults; its contagion path is event → BTC → 3AC → Voyager. Celsius pays about 78% (0.78), mostly because of its own losses.",
    "Genesis sells $1.16B of collateral, loses about $476M on its unsecured $1.2B claim (equity $900M → $424M) and survives; BlockFi's over-collateralized loan is repaid in full ($250M liquidated, no bad debt).",
    'BTC ends at about $18,180: the reported $18,984 less about 4% of price impact from the 61,166 BTC of collateral the lenders sold. UST holders lose $11.9B; total loss ≈ $15.9B, amplification ≈ 1.14.',
  ],
};
