import { hashString } from './universe.js';
import { SimSecType, type SimContract } from './sim-contract.js';

/**
 * The earliest data of each contract (reqHeadTimestamp), made up but fixed: AAPL's first trade
 * (1980-12-12), other stocks a date from 1986 to 2012 by symbol, indices 1990-01-02, forex
 * 2005-03-01, futures two years and options one year before their last trading day. Always the
 * regular open, 09:30 New York (14:30 UTC).
 */
const KNOWN: Readonly<Record<string, string>> = { AAPL: '19801212' };

const FIRST_STOCK_YEAR = 1986;
const STOCK_YEARS = 27;
const MONTHS = 12;
const DAYS = 28;
const OPEN_UTC_HOUR = 14;
const OPEN_MINUTE = 30;
const INDEX_HEAD = '19900102';
const FOREX_HEAD = '20050301';
const FUTURE_LISTED_YEARS = 2;
const OPTION_LISTED_YEARS = 1;

const at = (yyyymmdd: string, yearsBack = 0): number =>
  Date.UTC(Number(yyyymmdd.slice(0, 4)) - yearsBack, Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8)), OPEN_UTC_HOUR, OPEN_MINUTE);

/** The head timestamp of a contract, ms. */
export const headTimestamp = (contract: SimContract): number => {
  switch (contract.secType) {
    case SimSecType.IND:
      return at(INDEX_HEAD);
    case SimSecType.CASH:
      return at(FOREX_HEAD);
    case SimSecType.FUT:
      return at(contract.lastTradeDate, FUTURE_LISTED_YEARS);
    case SimSecType.OPT:
      return at(contract.lastTradeDate, OPTION_LISTED_YEARS);
    case SimSecType.STK: {
      const known = KNOWN[contract.symbol];
      if (known) return at(known);
      const h = hashString(contract.seedKey);
      return Date.UTC(FIRST_STOCK_YEAR + (h % STOCK_YEARS), (h >>> 8) % MONTHS, 1 + ((h >>> 16) % DAYS), OPEN_UTC_HOUR, OPEN_MINUTE);
    }
  }
};
