import { futuresLocalSymbol, quarterlyExpiries, ymd } from './expiries.js';
import { SimSecType, type SimContract } from './sim-contract.js';
import { hashString, type SimInstrument } from './universe.js';

/**
 * The simulator's contracts beyond the single-listed US stocks: a stock listed on two primary
 * exchanges, forex, indices and futures. conIds of EUR.USD, SPX and the ES index are the commonly
 * published ones; the rest are made up (stable).
 */

const NO_UNDERLYING = { underConId: 0, underSymbol: '', underSecType: '' } as const;
const NO_EXPIRY = { lastTradeDate: '', contractMonth: '', strike: 0, right: '' } as const;
const NOT_A_STOCK = { industry: '', category: '', subcategory: '', stockType: '', secIds: [] } as const;

/** A symbol listed on NASDAQ and on NYSE, both in USD: `{ TWIN, STK, SMART, USD }` is ambiguous. */
export const DUAL_LISTED_SYMBOL = 'TWIN';
const DUAL_SECTOR = { industry: 'Industrial', category: 'Miscellaneous Manufactur', subcategory: 'Diversified Manufact Op' } as const;

/** The two listings of {@link DUAL_LISTED_SYMBOL} (the NASDAQ one first). */
export const DUAL_LISTINGS: readonly SimInstrument[] = [
  { symbol: DUAL_LISTED_SYMBOL, conId: 480_000_001, price: 42.17, dailyVolume: 60_000, longName: 'TWIN LISTING CORP', primaryExch: 'NASDAQ', ...DUAL_SECTOR, stockType: 'COMMON' },
  { symbol: DUAL_LISTED_SYMBOL, conId: 480_000_002, price: 18.93, dailyVolume: 25_000, longName: 'TWIN HOLDINGS INC', primaryExch: 'NYSE', ...DUAL_SECTOR, stockType: 'COMMON' },
];

/** Added to a stock's conId for the second listing the `ambiguous` option creates. */
const SECOND_LISTING_CONID_OFFSET = 1_000_000_000;
/** The second listing trades a little apart from the first. */
const SECOND_LISTING_PREMIUM = 1.003;
const CENTS = 100;

/** A second listing of a stock on another primary exchange (the `ambiguous` fault option). */
export const secondListing = (inst: SimInstrument): SimInstrument => {
  const primaryExch = inst.primaryExch === 'NYSE' ? 'NASDAQ' : 'NYSE';
  return {
    ...inst,
    conId: inst.conId + SECOND_LISTING_CONID_OFFSET,
    price: Math.round(inst.price * SECOND_LISTING_PREMIUM * CENTS) / CENTS,
    longName: `${inst.longName} ${primaryExch} LISTING`,
    primaryExch,
  };
};

/** EUR.USD on IDEALPRO: symbol EUR, currency USD, quoted in half pips. */
export const EUR_USD: SimContract = {
  conId: 12_087_792, symbol: 'EUR', secType: SimSecType.CASH, exchange: 'IDEALPRO', primaryExch: '', currency: 'USD',
  localSymbol: 'EUR.USD', tradingClass: 'EUR.USD', marketName: 'EUR.USD', multiplier: '', ...NO_EXPIRY,
  minTick: 0.000_05, longName: 'European Monetary Union Euro', validExchanges: ['IDEALPRO'], ...NO_UNDERLYING, ...NOT_A_STOCK,
  price: 1.0843, dailyVolume: 0, seedKey: 'EUR.USD',
};

const index = (conId: number, symbol: string, exchange: string, longName: string, price: number): SimContract => ({
  conId, symbol, secType: SimSecType.IND, exchange, primaryExch: exchange, currency: 'USD', localSymbol: symbol, tradingClass: symbol,
  marketName: symbol, multiplier: '', ...NO_EXPIRY, minTick: 0.01, longName, validExchanges: [exchange], ...NO_UNDERLYING, ...NOT_A_STOCK,
  price, dailyVolume: 0, seedKey: `${symbol}@${exchange}`,
});

/** The S&P 500 index on CBOE. */
export const SPX = index(416_904, 'SPX', 'CBOE', 'S&P 500 Stock Index', 6420.35);
/** The E-mini S&P 500 index on CME: the underlying TWS gives the ES futures. */
export const ES_INDEX = index(11_004_968, 'ES', 'CME', 'E-mini S&P 500', 6420.35);

const ES_MULTIPLIER = '50';
const ES_TICK = 0.25;
const ES_FUTURE_CONID_BASE = 600_000_000;
const CONID_SPAN = 90_000_000;
/** Each later quarter trades this much higher (carry), and far less. */
const ES_QUARTER_BASIS = 0.009;
const ES_FRONT_VOLUME = 1_400_000;
const ES_BACK_VOLUME = 25_000;

/** ES futures on CME: the next two quarterly expiries, multiplier 50, tick 0.25. */
export const esFutures = (today: Date): SimContract[] =>
  quarterlyExpiries(today, 2).map((expiry, i) => {
    const localSymbol = futuresLocalSymbol('ES', expiry);
    const price = Math.round((ES_INDEX.price * (1 + ES_QUARTER_BASIS * (i + 1))) / ES_TICK) * ES_TICK;
    return {
      conId: ES_FUTURE_CONID_BASE + (hashString(localSymbol) % CONID_SPAN),
      symbol: 'ES', secType: SimSecType.FUT, exchange: 'CME', primaryExch: 'CME', currency: 'USD', localSymbol,
      tradingClass: 'ES', marketName: 'ES', multiplier: ES_MULTIPLIER, lastTradeDate: ymd(expiry), contractMonth: ymd(expiry).slice(0, 6),
      strike: 0, right: '', minTick: ES_TICK, longName: 'E-mini S&P 500', validExchanges: ['CME', 'QBALGO'],
      underConId: ES_INDEX.conId, underSymbol: 'ES', underSecType: SimSecType.IND, ...NOT_A_STOCK,
      price, dailyVolume: i === 0 ? ES_FRONT_VOLUME : ES_BACK_VOLUME, seedKey: localSymbol,
    };
  });
