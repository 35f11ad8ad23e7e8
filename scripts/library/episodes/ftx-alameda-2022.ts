import type { EpisodeDef } from '../episode';
import { assumed, derived, reported, sig } from '../sourced';

const FTT0 = 22;
const FTT_NOV8 = 14.68;
const FTT_NOV9 = 5;
const FTT_NOV10 = 2.87;
const SOL0 = 26.7;
const SOL_NOV9 = 16;
const SRM0 = 0.8;
const SRM_NOV = 0.22;

const ALAMEDA_FTT_USD = 3.66e9 + 2.16e9;
const ALAMEDA_SOL_USD = 292e6 + 863e6;
const ALAMEDA_OTHER_TOKENS_USD = 3.28e9 - ALAMEDA_SOL_USD;
const ALAMEDA_OTHER_USD = 2.0e9 + 3.37e9 + 134e6;
const FTX_LIABILITIES = 8.9e9;
const GENESIS_AT_FTX = 175e6;
const BLOCKFI_AT_FTX = 355e6;

export const ftxAlameda: EpisodeDef = {
  id: 'ftx-alameda-2022',
  title: 'FTX and Alameda: FTT collapses, the exchange halts, creditors are frozen',
  period: 'November 2022',
  summary:
    "Alameda Research, FTX's sister trading firm, holds a balance sheet made mostly of FTT (FTX's own token) and of tokens of projects close to it (SOL, SRM), funded by about $10B taken from FTX customers' deposits. When FTT falls from $22 to under $3 in four days, Alameda cannot repay; FTX, whose customers had withdrawn about $6B in 72 hours, halts and cannot return what its customers left there. Genesis ($175M) and BlockFi ($355M, plus a $671M loan to Alameda) find their balances frozen; BlockFi fails.",
  stepUnit: 'about a day (6–12 November 2022)',
  timeline: [
    { step: 0, date: '2022-11-06 – 2022-11-07', text: "Binance says it will sell its FTT; FTT from $22 to $14.68; customers withdraw about $6B in 72 hours (before the workspace's starting point)" },
    { step: 1, date: '2022-11-08', text: 'FTX halts withdrawals; FTT at $5' },
    { step: 2, date: '2022-11-09 – 2022-11-10', text: 'Binance walks away from the rescue; FTT $2.87, SOL $16, SRM $0.22' },
    { step: 3, date: '2022-11-11 – 2022-11-12', text: 'FTX, Alameda and 130 affiliates file for Chapter 11; $477M leaves FTX in unauthorized withdrawals' },
    { step: 4, date: '2022-11-16 – 2022-11-28', text: 'Genesis halts redemptions (16 November); BlockFi files for Chapter 11 (28 November)' },
  ],
  documents: {
    'coindesk-alameda-2022-11-02': { title: 'Is crypto whale Alameda Research in financial trouble? ($14.6B of assets on 30 June: $3.66B unlocked FTT, $2.16B FTT collateral, $2B equities, $3.37B crypto held, $134M cash, $3.28B unaccounted for)', outlet: 'Crypto Briefing (syndicated; summarizing CoinDesk of 2 Nov 2022)', date: '2022-11-03', url: 'https://worldwidecrypto.club/?p=20600' },
    '0xkryptos-alameda-2022-11': { title: "Alameda's balance sheet: $292M of unlocked and $863M of locked SOL, Solana-ecosystem tokens (SRM, MAPS, OXY, FIDA)", outlet: '0xKryptos (summarizing CoinDesk)', date: '2022-11', url: 'https://0xkryptos.com/cefi/2c54af2f558b.html' },
    'soft4bro-2022-11-08': { title: 'FTX token plummeted 23% overnight (FTX offered to buy Binance\'s FTT at $22)', outlet: 'Soft4bro', date: '2022-11-08', url: 'https://soft4bro.com/news/ftx-token-plummeted-23-overnight' },
    'reuters-2022-11-08': { title: "Crypto exchange FTX's token leads major coins in slide as investor jitters rattle market", outlet: 'Reuters (via OODA Loop)', date: '2022-11-08', url: 'https://www.oodaloop.com/technology/2022/11/08/crypto-exchange-ftxs-token-leads-major-coins-in-slide-as-investor-jitters-rattle-market/' },
    'theblock-2022-11-08': { title: 'FTX.com effectively paused withdrawals, CEO Sam Bankman-Fried tells employees', outlet: 'The Block', date: '2022-11-08', url: 'https://www.theblock.co/post/184315/ftx-effectively-paused-withdrawals-ceo-sam-bankman-fried-tells-employees' },
    'coindesk-2022-11-08': { title: 'FTX exchange halts all crypto withdrawals', outlet: 'CoinDesk', date: '2022-11-08', url: 'https://www.coindesk.com/business/2022/11/08/ftx-exchange-halts-all-crypto-withdrawals' },
    'upi-2022-11-10': { title: 'Cryptocurrency exchange FTX reopens withdrawals, warns trading may be halted soon', outlet: 'UPI', date: '2022-11-10', url: 'https://ghanamma.com/wn/2022/11/10/cryptocurrency-exchange-ftx-reopens-withdrawals-warns-trading-may-be-halted-soon' },
    'watcherguru-2022-11-10': { title: 'FTX reportedly used customer funds to support Alameda', outlet: 'Watcher.Guru', date: '2022-11-10', url: 'https://watcher.guru/news/ftx-reportedly-used-customer-funds-to-support-alameda' },
    'theblock-2022-11-10': { title: 'FTX lent Alameda billions of dollars in customer assets: WSJ', outlet: 'The Block', date: '2022-11-10', url: 'https://www.theblock.co/post/185415/ftx-lent-alameda-billions-of-dollars-in-customer-assets-wsj' },
    'wsj-2022-11-10': { title: 'FTX tapped into customer accounts to fund risky bets, setting up its downfall', outlet: 'The Wall Street Journal (via Kanebridge News)', date: '2022-11-10', url: 'https://kanebridgenews.com/ftx-tapped-into-customer-accounts-to-fund-risky-bets-setting-up-its-downfall/' },
    'broadcast-2022-11-09': { title: 'As FTX token plunges it also drags down SOL and some other tokens', outlet: 'Broadcast Bitcoin Transaction', date: '2022-11-09', url: 'https://broadcastbitcointransaction.com/as-ftx-token-plunges-it-also-drags-down-sol-and-some-other-tokens' },
    'yahoo-2022-11-14': { title: 'FTX fall-out: Solana price plummets as tens of millions stranded on failed exchange', outlet: 'Yahoo Finance UK', date: '2022-11-14', url: 'https://uk.news.yahoo.com/ftx-fallout-solana-price-millions-exchange-140123623.html' },
    'reuters-2022-11-13': { title: "FTX's balance sheet, hack paint dim picture for user recovery", outlet: 'Reuters (via The Malaysian Reserve)', date: '2022-11-14', url: 'https://themalaysianreserve.com/2022/11/14/ftxs-balance-sheet-hack-paint-dim-picture-for-user-recovery/' },
    'ledgerinsights-2022-11-16': { title: 'FTX fallout: Genesis Capital pauses withdrawals', outlet: 'Ledger Insights', date: '2022-11-16', url: 'https://www.ledgerinsights.com/ftx-fallout-genesis-capital-pauses-withdrawals/' },
    'coinscreed-2022-11-10': { title: 'Genesis Trading claims $175M of funds are locked in FTX', outlet: 'Coinscreed', date: '2022-11-10', url: 'https://coinscreed.com/genesis-trading-claims-175m-of-funds-are-locked-in-ftx.html' },
    'thenewscrypto-2022-11-16': { title: 'Crypto lending arm of Genesis suspends withdrawals ($2.8B of active loans at Q3)', outlet: 'TheNewsCrypto', date: '2022-11-16', url: 'https://thenewscrypto.com/crypto-lending-arm-of-genesis-suspends-withdrawals' },
    'coindesk-2023-11-29': { title: 'Gemini Earn: over $1 billion frozen by Genesis', outlet: 'CoinDesk', date: '2023-11-29', url: 'https://www.coindesk.com/business/2023/11/29/digital-asset-platform-coinchange-raises-10m-to-scale-api-yield-service/' },
    'coindesk-2022-11-29': { title: 'BlockFi has $355M in crypto frozen on FTX, attorney confirms', outlet: 'CoinDesk', date: '2022-11-29', url: 'https://www.coindesk.com/policy/2022/11/29/blockfi-has-355m-in-crypto-frozen-on-ftx-attorney-confirms/' },
    'chainbulletin-2022-11-28': { title: 'BlockFi files for bankruptcy following FTX collapse', outlet: 'Chain Bulletin', date: '2022-11-28', url: 'https://chainbulletin.com/blockfi-files-for-bankruptcy-following-ftx-collapse' },
    'unchained-2023-10-05': { title: 'SBF trial, day 4: Wang reveals Alameda\'s special privileges', outlet: 'Unchained', date: '2023-10-05', url: 'https://unchainedcrypto.com/sbf-trial-day-4-sbfs-lawyers-annoy-judge-kaplan-while-wang-reveals-alamedas-special-privileges' },
  },
  tables: {
    assets: [
      { id: 'FTT', price: reported(FTT0, ['soft4bro-2022-11-08', 'yahoo-2022-11-14'], 'FTT at about $22 before the collapse (FTX offered to buy Binance\'s FTT at $22)'), name: 'FTX token' },
      { id: 'SOL', price: derived(SOL0, 'broadcast-2022-11-09', 'SOL fell over 40% on 9 November to about $16: ≈ $26.7 before'), name: 'Solana' },
      { id: 'SRM', price: reported(SRM0, 'yahoo-2022-11-14', 'SRM at about $0.80 before the collapse'), name: 'Serum (and the Solana-ecosystem tokens held with it)' },
    ],
    nodes: [
      { id: 'ftx', kind: 'venue', name: 'FTX.com (exchange)', external_assets_usd: reported(0.9e9, 'reuters-2022-11-13', "$900M of liquid assets on FTX's balance sheet of 10 November") },
      { id: 'alameda', kind: 'entity', name: 'Alameda Research', external_assets_usd: derived(ALAMEDA_OTHER_USD, 'coindesk-alameda-2022-11-02', '$2B of equity securities + $3.37B of other crypto + $134M of cash (30 June balance sheet)') },
      { id: 'ftx-customers', kind: 'entity', name: 'FTX customers (retail and institutional)' },
      { id: 'genesis', kind: 'entity', name: 'Genesis (trading and lending)', external_assets_usd: derived(2.8e9 + 140e6, ['thenewscrypto-2022-11-16', 'ledgerinsights-2022-11-16'], '$2.8B of active loans (Q3 2022) + $140M of new equity from DCG') },
      { id: 'gemini-earn', kind: 'entity', name: 'Gemini Earn users (lenders to Genesis)' },
      { id: 'genesis-lenders', kind: 'entity', name: "Genesis's other lenders" },
      { id: 'blockfi', kind: 'entity', name: 'BlockFi', external_assets_usd: derived(257e6 + 1.0e9, 'chainbulletin-2022-11-28', '$257M of cash on hand + $1.0B of other loans and crypto (assumed; its filing gave only a $1–10B range)') },
      { id: 'blockfi-clients', kind: 'entity', name: "BlockFi's clients" },
      { id: 'ftx-us', kind: 'entity', name: 'FTX US (lender to BlockFi)' },
      { id: 'alameda-lenders', kind: 'entity', name: "Alameda's other lenders" },
    ],
    holdings: [
      { owner: 'alameda', asset: 'FTT', amount: derived(sig(ALAMEDA_FTT_USD / FTT0), 'coindesk-alameda-2022-11-02', '$3.66B of unlocked FTT + $2.16B of FTT collateral on 30 June, in units at $22') },
      { owner: 'alameda', asset: 'SOL', amount: derived(sig(ALAMEDA_SOL_USD / SOL0), '0xkryptos-alameda-2022-11', '$292M of unlocked + $863M of locked SOL on 30 June, in units at $26.7') },
      { owner: 'alameda', asset: 'SRM', amount: derived(sig(ALAMEDA_OTHER_TOKENS_USD / SRM0), ['coindesk-alameda-2022-11-02', '0xkryptos-alameda-2022-11'], 'the rest of the $3.28B of assets the summary leaves unaccounted for, after SOL: Serum and other Solana-ecosystem tokens (MAPS, OXY, FIDA), represented as SRM, in units at $0.80') },
    ],
    obligations: [
      { debtor: 'alameda', creditor: 'ftx', amount: reported(10e9, ['theblock-2022-11-10', 'wsj-2022-11-10'], 'Alameda owed FTX about $10B of customer funds (Bankman-Fried to investors, WSJ); $8B by the trial testimony of Gary Wang'), asset: 'USD', kind: 'other' },
      { debtor: 'alameda', creditor: 'blockfi', amount: reported(671e6, 'coindesk-2022-11-29', "BlockFi's defaulted loans to Alameda"), asset: 'USD', kind: 'loan' },
      { debtor: 'alameda', creditor: 'alameda-lenders', amount: derived(1.5e9 - 671e6, ['wsj-2022-11-10', 'coindesk-2022-11-29'], '$1.5B owed to lenders outside FTX − the $671M owed to BlockFi'), asset: 'USD', kind: 'loan' },
      { debtor: 'ftx', creditor: 'ftx-customers', amount: derived(FTX_LIABILITIES - GENESIS_AT_FTX - BLOCKFI_AT_FTX, ['reuters-2022-11-13', 'coinscreed-2022-11-10', 'coindesk-2022-11-29'], "FTX's liabilities of nearly $9B (10 November, after the ~$6B run) less the Genesis and BlockFi balances"), asset: 'USD', kind: 'custody' },
      { debtor: 'ftx', creditor: 'genesis', amount: reported(GENESIS_AT_FTX, 'coinscreed-2022-11-10', "Genesis's derivatives business had about $175M locked in its FTX account"), asset: 'USD', kind: 'custody' },
      { debtor: 'ftx', creditor: 'blockfi', amount: reported(BLOCKFI_AT_FTX, 'coindesk-2022-11-29', '$355M of digital assets frozen on FTX'), asset: 'USD', kind: 'custody' },
      { debtor: 'genesis', creditor: 'gemini-earn', amount: reported(1.0e9, 'coindesk-2023-11-29', 'Gemini Earn users had over $1B frozen at Genesis'), asset: 'USD', kind: 'loan' },
      { debtor: 'genesis', creditor: 'genesis-lenders', amount: assumed(2.015e9, "Genesis's other funding; chosen so that it starts with $100M of equity"), asset: 'USD', kind: 'loan' },
      { debtor: 'blockfi', creditor: 'blockfi-clients', amount: assumed(1.858e9, "BlockFi's client balances; chosen so that it starts with $150M of equity"), asset: 'USD', kind: 'deposit' },
      { debtor: 'blockfi', creditor: 'ftx-us', amount: reported(275e6, 'chainbulletin-2022-11-28', "FTX US's $275M unsecured claim (the drawn part of its $400M credit line)"), asset: 'USD', kind: 'loan' },
    ],
  },
  scenarios: [
    {
      file: 'ftt-collapse.json',
      name: 'FTT collapse: Alameda defaults, FTX halts, Genesis and BlockFi are frozen',
      description:
        "Approximate, from public reports. The workspace is FTX's balance sheet at the halt, after about $6B had been withdrawn in 72 hours. FTT falls from $22 to $2.87 in four days, SOL and SRM with it; Alameda, whose assets are mostly these tokens, cannot repay the ~$10B of customer funds it owes FTX. FTX defaults on its customers, Genesis's and BlockFi's balances are frozen at the recovery rate, and BlockFi — also owed $671M by Alameda — fails. $477M leaves FTX in unauthorized withdrawals after the filing.",
      steps: 10,
      options: { fire_sale_on_default: false },
      events: [
        { type: 'price_shock', asset: 'FTT', change: derived(sig(FTT_NOV8 / FTT0 - 1), 'reuters-2022-11-08', 'FTT at $14.68 on 8 November, down a third'), at: 0 },
        { type: 'price_shock', asset: 'FTT', change: derived(sig(FTT_NOV9 / FTT_NOV8 - 1), 'upi-2022-11-10', 'FTT fell to $5 as FTX halted withdrawals'), at: 1 },
        { type: 'price_shock', asset: 'FTT', change: derived(sig(FTT_NOV10 / FTT_NOV9 - 1), 'watcherguru-2022-11-10', 'FTT at $2.87 after Binance walked away'), at: 2 },
        { type: 'price_shock', asset: 'SOL', change: derived(sig(SOL_NOV9 / SOL0 - 1), 'broadcast-2022-11-09', 'SOL to about $16 on 9 November'), at: 2 },
        { type: 'price_shock', asset: 'SRM', change: derived(sig(SRM_NOV / SRM0 - 1), 'yahoo-2022-11-14', 'SRM from $0.80 to $0.22'), at: 2 },
        { type: 'external_loss', node: 'ftx', amount_usd: reported(477e6, 'reuters-2022-11-13', 'unauthorized withdrawals estimated at $477M (Elliptic) after the bankruptcy filing'), at: 3 },
      ],
      notes: [
        { step: 0, text: "Binance says it will sell its FTT: FTT −33%. Alameda's FTT (about $5.8B at $22) loses $1.9B; it still covers its debts. The ~$6B run on FTX has already happened: the workspace starts after it." },
        { step: 1, text: 'FTX halts withdrawals; FTT at $5. Alameda can no longer repay all it owes — the ~$10B of customer funds FTX lent it and $1.5B to other lenders: Alameda defaults. FTX, recovering most of its claim, still covers its customers on paper.' },
        { step: 2, text: "Binance walks away; FTT $2.87, SOL −40%, SRM −72%. Alameda's recovery drops to about 66%; FTX now defaults: its customers' balances — Genesis's $175M, BlockFi's $355M — are frozen at its recovery rate. BlockFi, also owed $671M by Alameda, defaults in the same clearing." },
        { step: 3, text: "Chapter 11, and $477M drained in unauthorized withdrawals: an external loss of FTX's liquid assets. Every creditor's recovery falls again. Genesis loses about $40M at FTX and survives in the model; it froze on 16 November for lack of liquidity, which the model does not represent." },
      ],
    },
  ],
  limits: [
    "The run itself is not a flow in the model (no withdrawal queue): the workspace is FTX's balance sheet at the halt, after about $6B had been withdrawn in 72 hours (Reuters, 8 November). What a run does — pay the first to leave in full — is outside the model; the clearing pays every remaining creditor the same rate.",
    "Alameda's 'allow negative' account on FTX (exempt from liquidation) is a plain obligation of Alameda to FTX, since it was never liquidated.",
    "Alameda's balance sheet is the reported one of 30 June 2022 (at its own marks), carried to November in units; its Serum, MAPS, OXY and FIDA are one asset that moves like SRM; its venture stakes, other crypto and cash are held at book value, so its recovery — and FTX's — is higher than the market feared in November (and lower than the estate's eventual recovery, driven by the 2023–24 rally and asset sales, which is outside the horizon).",
    'Prices follow the reported market path (price shocks); no forced sales are modelled because the estates were frozen, not sold (fire_sale_on_default = false).',
    "Genesis's and BlockFi's balance sheets are only partly public; their funding is an assumption, sized to a thin starting equity.",
    'All defaults in one step clear together: filings that took days (FTX on 11 November, BlockFi on 28 November) fall in the step of the insolvency the model finds.',
  ],
  outcome: [
    '`ftt-collapse.json` converges after 4 steps. Alameda defaults at step 1 (FTT at $5); FTX and BlockFi default at step 2 (FTT at $2.87, SOL and SRM down); FTX halts from step 3.',
    "Alameda's creditors recover about 66% (0.66) of $11.5B; FTX pays its customers about 78% (0.78) after the $477M hack — their frozen balances lose $1.8B, Genesis's $175M loses about $38M.",
    'BlockFi, hit on both its $355M at FTX and its $671M loan to Alameda, pays its clients about 93% (0.93). Genesis survives with $62M of its $100M equity (in reality it froze on 16 November for lack of liquidity).',
    'Total loss ≈ $7.5B for a direct loss of $3.6B: amplification ≈ 2.1. The contagion path of an FTX customer is event → FTT → Alameda → FTX → customer.',
  ],
};
