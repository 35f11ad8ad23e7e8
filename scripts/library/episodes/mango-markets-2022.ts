import type { EpisodeDef } from '../episode';
import { assumed, derived, reported, setting, sig } from '../sourced';

const MNGO_ENTRY = 0.0382;
const MNGO_PEAK = 0.91;
const MNGO_AFTER = 0.023;
const PERP_SIZE = 483e6;
const PERP_MARGIN = 5e6;
const BORROWED = 116e6;
const DEPOSITS = 150e6;
const USDC_DEPOSITS = 90e6;

export const mangoMarkets: EpisodeDef = {
  id: 'mango-markets-2022',
  title: 'Mango Markets: a pumped oracle price, borrowing against it, bad debt',
  period: 'October 2022',
  summary:
    "On 11 October 2022 a trader opens a 483M MNGO perpetual long on Mango Markets against himself, then buys MNGO on the thin spot markets Mango's oracle reads, pushing it from $0.038 to $0.91 in minutes. The long's paper profit (over $400M) counts as collateral: he borrows $116M of USDC, SOL, BTC and other tokens — everything Mango's depositors had lent — and withdraws it. MNGO falls back; the account is liquidated for almost nothing and the loan is Mango's bad debt, which its depositors bear.",
  stepUnit: 'a few minutes to an hour (the evening of 11 October 2022)',
  timeline: [
    { step: 0, date: '2022-10-11 ~22:30 UTC', text: 'MNGO pumped to $0.91 on the venues the oracle reads; the account borrows $116M against its perp and withdraws it (the workspace is this moment)' },
    { step: 1, date: '2022-10-11 – 2022-10-12', text: 'The buying stops; MNGO falls back to $0.023' },
    { step: 2, date: '2022-10-12', text: 'The oracle reports the fallen price; the account is liquidated; Mango disables deposits' },
    { step: 3, date: '2022-10-15', text: 'A DAO vote lets the attacker keep $47M; $67M is returned (outside the model)' },
  ],
  documents: {
    'perp-2022-10': { title: 'Dissecting the Mango Markets exploit: how risk is mitigated on Perp v2', outlet: 'Perpetual Protocol (Mirror)', date: '2022-10', url: 'https://perpprotocol.mirror.xyz/WMgIoGMktt_fMVPkfjTxRnSt4qwsWr_Ukub0iq3vW_I' },
    'cointelegraph-2022-10': { title: 'How low liquidity led to Mango Markets losing over $116 million', outlet: 'Cointelegraph', date: '2022-10', url: 'https://cointelegraph.com/news/how-low-liquidity-led-to-mango-markets-losing-over-116-million/amp' },
    'forkast-2022-10-12': { title: 'Solana-hosted DeFi platform Mango exploited', outlet: 'Forkast', date: '2022-10-12', url: 'https://forkast.news/headlines/solana-hosted-defi-platform-mango-exploited/' },
    'decrypt-2022-10-14': { title: 'Mango DAO offers hacker $47M bug bounty', outlet: 'Decrypt', date: '2022-10-14', url: 'https://decrypt.co/112016/mango-dao-solana-defi-hacker-47m-offer' },
    'decrypt-2022-12-27': { title: 'Mango Markets attacker Avraham Eisenberg arrested, charged with market manipulation', outlet: 'Decrypt', date: '2022-12-27', url: 'https://decrypt.co/118045/mango-markets-attacker-avraham-eisenberg-arrested-charged-with-market-manipulation-offenses' },
    'blockworks-2022-10': { title: "Mango DAO readies $42M to 'make users whole'", outlet: 'Blockworks', date: '2022-10', url: 'https://blockworks.co/news/mango-dao-readies-42m-to-make-users-whole' },
    'coinclear-2026-02': { title: 'Mango Markets (protocol profile: over $200M of TVL at its peak)', outlet: 'CoinClear', date: '2026-02-16', url: 'https://coinclear.io/dexs/mango-markets' },
  },
  tables: {
    assets: [
      { id: 'MNGO', price: reported(MNGO_PEAK, 'cointelegraph-2022-10', 'MNGO pushed from $0.03 to $0.91 on the spot venues the oracle read'), name: 'Mango governance token (pumped)' },
      { id: 'SOL', price: assumed(33, 'SOL in mid-October 2022 (about $33); only the other borrowers hold it'), name: 'Solana' },
      { id: 'USDC', price: setting(1, 'the peg'), peg: setting(1, 'the peg'), name: 'USD Coin' },
    ],
    nodes: [
      { id: 'mango', kind: 'venue', name: 'Mango Markets (lending and perps)', external_assets_usd: derived(DEPOSITS - BORROWED - 20e6, 'cointelegraph-2022-10', 'deposits not lent to the attacker nor to the other borrowers: $150M of deposits (assumed) − $116M borrowed by the attacker − $20M lent to other borrowers') },
      { id: 'attacker', kind: 'entity', name: 'Exploiter account B (the long)', external_assets_usd: reported(BORROWED, 'cointelegraph-2022-10', 'the $116M of USDC, SOL, BTC, SRM and other tokens borrowed and withdrawn') },
      { id: 'usdc-depositors', kind: 'entity', name: "Mango's USDC lenders" },
      { id: 'token-depositors', kind: 'entity', name: "Mango's SOL, mSOL, BTC and other token lenders" },
      { id: 'mango-dao', kind: 'entity', name: 'Mango DAO treasury' },
      { id: 'sol-borrowers', kind: 'entity', name: 'Other Mango borrowers (SOL collateral)' },
    ],
    oracles: [
      { id: 'mango-mngo', asset: 'MNGO', delay_steps: setting(1, "Mango's oracle follows the spot venues a step late"), deviation: setting(0, 'updates every step'), heartbeat_steps: setting(1, 'updates every step') },
    ],
    feeds: [{ venue: 'mango', asset: 'MNGO', oracle: 'mango-mngo' }],
    positions: [
      {
        id: 'account-b', owner: 'attacker', venue: 'mango', collateral_asset: 'MNGO',
        collateral_amount: reported(PERP_SIZE, 'perp-2022-10', 'a 483M MNGO-PERP long, bought from the attacker\'s own short at about $0.04'),
        debt_asset: 'USD',
        debt_amount: derived(PERP_SIZE * MNGO_ENTRY - PERP_MARGIN + BORROWED, ['perp-2022-10', 'cointelegraph-2022-10'], 'the perp as a position: 483M × $0.0382 − $5M of margin = $13.45M, plus the $116M borrowed against its paper profit'),
        liquidation_threshold: assumed(0.5, "Mango's weight on the account's MNGO; not reported here — any weight lets the $440M of paper collateral carry $129M of debt"),
        liquidation_bonus: setting(0, 'perp-style liquidation: no bonus'),
        close_factor: setting(1, 'the account is closed out whole'),
      },
      {
        id: 'sol-loans', owner: 'sol-borrowers', venue: 'mango', collateral_asset: 'SOL',
        collateral_amount: assumed(sig(40e6 / 33), 'other users\' SOL-collateral loans: $40M of SOL'),
        debt_asset: 'USDC', debt_amount: assumed(20e6, 'borrowing $20M of USDC: healthy throughout'),
        liquidation_threshold: assumed(0.8, 'a SOL liquidation threshold'),
        liquidation_bonus: setting(0.05, 'a 5% liquidation bonus'),
        close_factor: setting(0.5, 'half the debt per liquidation'),
      },
    ],
    holdings: [
      { owner: 'mango-dao', asset: 'USDC', amount: reported(70e6, 'decrypt-2022-10-14', 'the 70M USDC in the DAO treasury, which the attacker asked to be used for bad debt') },
    ],
    obligations: [
      { debtor: 'mango', creditor: 'usdc-depositors', amount: assumed(USDC_DEPOSITS, 'USDC deposits on 11 October; not reported here (Mango had over $200M of TVL at its peak)'), asset: 'USD', kind: 'deposit' },
      { debtor: 'mango', creditor: 'token-depositors', amount: assumed(DEPOSITS - USDC_DEPOSITS, 'SOL, mSOL, BTC and other token deposits, valued in USD; the attacker took everything that could be borrowed'), asset: 'USD', kind: 'deposit' },
    ],
  },
  scenarios: [
    {
      file: 'oracle-pump.json',
      name: 'Mango: the pump ends, the borrowed $116M is bad debt',
      description:
        "Approximate, from public reports. The workspace is the moment after the attacker borrowed: MNGO is at $0.91 on the spot venues Mango's oracle reads, and his account holds 483M MNGO against $129M of debt. The buying stops and MNGO falls to $0.023; a step later the oracle follows and the account is liquidated for about $11M. The rest — almost all the $116M borrowed — is bad debt, and Mango's depositors cannot be paid in full.",
      steps: 12,
      options: { halt_venue_on_default: false },
      events: [
        { type: 'price_shock', asset: 'MNGO', change: derived(sig(MNGO_AFTER / MNGO_PEAK - 1), ['cointelegraph-2022-10', 'forkast-2022-10-12'], 'MNGO from $0.91 back to $0.023 (−43% on the day, below its $0.038 before the attack)'), at: 1 },
      ],
      notes: [
        { step: 0, text: "MNGO at $0.91, 24 times its price an hour ago, on thin markets the attacker bought himself. Mango's oracle reports it faithfully: the account's 483M MNGO are 'worth' $440M and carry $129M of debt, $116M of it borrowed and withdrawn." },
        { step: 1, text: 'The buying stops; MNGO falls back to $0.023. The oracle still reports the pumped price: the account looks healthy one step longer.' },
        { step: 2, text: "The oracle catches up. The account is liquidated: its 483M MNGO repay about $11M. The remaining ~$118M is bad debt at Mango, and its depositors recover about 30% of what they lent. Other borrowers' loans, SOL-backed, are untouched." },
        { step: 3, text: 'Outside the model: the attacker returned $67M under a DAO vote and kept $47M as a "bounty"; the DAO paid users from its treasury. He was arrested in December 2022 and charged with commodities fraud and manipulation.' },
      ],
    },
  ],
  limits: [
    'Positions cannot be opened during a run: the workspace starts at the moment after the borrowing, with the pumped price as the market price (the attacker really moved the spot venues; the oracle read them as designed).',
    "Cross-margin is not modelled: the account is one position whose collateral is the perp's 483M MNGO and whose debt is the perp's financing plus the $116M borrowed.",
    "The attacker's offsetting short (account A) is left out: in the model a perp's counterparty is the venue, and the two accounts' paper gains and losses cancel in reality but would not in the model.",
    'No forced sale of MNGO is modelled (MNGO has no pool depth here): a perp liquidation closes a contract, it does not sell 483M tokens into the spot market.',
    "Mango's deposits on the day and the other borrowers are assumptions; the $67M the attacker returned and the DAO's repayment of users are outside the model.",
  ],
  outcome: [
    '`oracle-pump.json` converges after 6 steps. Mango defaults at step 1, when the market price of MNGO falls; its oracle still shows the pumped price, so the account is liquidated only at step 2.',
    "The liquidation repays about $11.1M; the bad debt is about $118M, the $116M borrowed and the perp's financing. Mango's depositors recover about 30% (0.30).",
    "Total loss counts the attacker's paper profit (his account started with $310M of paper equity above its debt), so it overstates the real loss: read the bad debt and the depositors' recovery instead.",
  ],
};
