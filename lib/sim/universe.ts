/** A US stock the simulator knows: contract details and the anchor of its random walk. */
export interface SimInstrument {
  readonly symbol: string;
  readonly conId: number;
  /** Yesterday's close, the walk's starting point (USD). */
  readonly price: number;
  /** Typical daily volume in round lots (100 shares), as TWS reports VOLUME. */
  readonly dailyVolume: number;
  readonly longName: string;
  readonly primaryExch: string;
  readonly industry: string;
  readonly category: string;
  readonly subcategory: string;
  readonly stockType: 'COMMON' | 'ETF';
  readonly isin?: string;
}

const stock = (
  symbol: string,
  conId: number,
  price: number,
  dailyVolume: number,
  longName: string,
  primaryExch: string,
  [industry, category, subcategory]: readonly [string, string, string],
  isin: string,
  stockType: 'COMMON' | 'ETF' = 'COMMON',
): SimInstrument => ({ symbol, conId, price, dailyVolume, longName, primaryExch, industry, category, subcategory, stockType, isin });

const TECH = ['Technology', 'Computers', 'Computers'] as const;
const SOFTWARE = ['Technology', 'Software', 'Applications Software'] as const;
const INTERNET = ['Communications', 'Internet', 'Web Portals/ISP'] as const;
const RETAIL = ['Communications', 'Internet', 'E-Commerce/Products'] as const;
const AUTO = ['Consumer, Cyclical', 'Auto Manufacturers', 'Auto-Cars/Light Trucks'] as const;
const MEDIA = ['Communications', 'Internet', 'Internet Content-Entertainment'] as const;
const CHIPS = ['Technology', 'Semiconductors', 'Electronic Compo-Semicon'] as const;
const BANK = ['Financial', 'Banks', 'Diversified Banking Inst'] as const;
const FUND = ['Funds', 'Equity Fund', 'Growth-Large Cap'] as const;

/**
 * The default universe: liquid US stocks and ETFs with realistic prices (order of magnitude of
 * 2025) and contract details. conIds and ISINs are the commonly published ones; nothing here was
 * checked against a live IB account.
 */
export const DEFAULT_UNIVERSE: readonly SimInstrument[] = [
  stock('AAPL', 265598, 229.5, 520_000, 'APPLE INC', 'NASDAQ', TECH, 'US0378331005'),
  stock('MSFT', 272093, 508.2, 210_000, 'MICROSOFT CORP', 'NASDAQ', SOFTWARE, 'US5949181045'),
  stock('GOOGL', 208813719, 201.4, 330_000, 'ALPHABET INC-CL A', 'NASDAQ', INTERNET, 'US02079K3059'),
  stock('AMZN', 3691937, 224.9, 410_000, 'AMAZON.COM INC', 'NASDAQ', RETAIL, 'US0231351067'),
  stock('TSLA', 76792991, 338.6, 980_000, 'TESLA INC', 'NASDAQ', AUTO, 'US88160R1014'),
  stock('NFLX', 15124833, 1204.3, 38_000, 'NETFLIX INC', 'NASDAQ', MEDIA, 'US64110L1061'),
  stock('SPY', 756733, 641.3, 690_000, 'SPDR S&P 500 ETF TRUST', 'ARCA', FUND, 'US78462F1030', 'ETF'),
  stock('IBM', 8314, 249.1, 45_000, 'INTL BUSINESS MACHINES CORP', 'NYSE', TECH, 'US4592001014'),
  stock('NVDA', 4815747, 176.8, 1_900_000, 'NVIDIA CORP', 'NASDAQ', CHIPS, 'US67066G1040'),
  stock('META', 107113386, 761.9, 110_000, 'META PLATFORMS INC-CLASS A', 'NASDAQ', INTERNET, 'US30303M1027'),
  stock('QQQ', 320227571, 571.2, 420_000, 'INVESCO QQQ TRUST SERIES 1', 'NASDAQ', FUND, 'US46090E1038', 'ETF'),
  stock('JPM', 1520593, 289.7, 85_000, 'JPMORGAN CHASE & CO', 'NYSE', BANK, 'US46625H1005'),
  stock('AMD', 4391, 162.4, 470_000, 'ADVANCED MICRO DEVICES', 'NASDAQ', CHIPS, 'US0079031078'),
  stock('INTC', 270639, 24.1, 880_000, 'INTEL CORP', 'NASDAQ', CHIPS, 'US4581401001'),
];

/** FNV-1a hash of a string: a stable per-symbol number for synthetic data and PRNG seeds. */
export const hashString = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

/** A made-up but stable instrument for a symbol outside the default universe. */
export const syntheticInstrument = (symbol: string): SimInstrument => {
  const hash = hashString(symbol);
  return {
    symbol,
    conId: 900_000_000 + (hash % 90_000_000),
    price: Math.round((10 + (hash % 49_000) / 100) * 100) / 100,
    dailyVolume: 20_000 + (hash % 200_000),
    longName: `${symbol} SIMULATED INC`,
    primaryExch: 'NASDAQ',
    industry: 'Simulated',
    category: 'Simulated',
    subcategory: 'Simulated',
    stockType: 'COMMON',
  };
};
