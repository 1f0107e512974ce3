import { ymd } from './expiries.js';
import { SimSecType, type SimSecTypeName } from './sim-contract.js';

/**
 * What contractDetails says alike for every contract of a security type: order types, time zone,
 * sessions, market rule and size rules (values in the style of recorded TWS answers).
 */
export interface SecTypeProfile {
  readonly orderTypes: string;
  readonly timeZoneId: string;
  readonly tradingHours: SessionSpec;
  readonly liquidHours: SessionSpec;
  /** Market rule id, repeated once per valid exchange. */
  readonly marketRuleId: number;
  readonly aggGroup: number;
  /** Decimal strings; `''` where TWS has none (indices are not tradable). */
  readonly minSize: string;
  readonly sizeIncrement: string;
  readonly suggestedSizeIncrement: string;
}

/** A daily session: open and close as `HHMM`; `overnight` opens the evening before the trading day. */
export interface SessionSpec {
  readonly open: string;
  readonly close: string;
  readonly overnight?: boolean;
}

const DAY_MS = 86_400_000;
const DAYS_LISTED = 7;
const SATURDAY = 6;
const SUNDAY = 0;

/**
 * TWS-style session list for 7 days from `from`: `20260405:CLOSED;20260406:0930-20260406:1600;…`
 * (an overnight session reads `20260405:1700-20260406:1600` under the 6th).
 */
export const sessionHours = (from: Date, session: SessionSpec): string => {
  const days: string[] = [];
  for (let i = 0; i < DAYS_LISTED; i++) {
    const day = new Date(from.getTime() + i * DAY_MS);
    const d = ymd(day);
    const start = session.overnight ? ymd(new Date(day.getTime() - DAY_MS)) : d;
    const weekend = day.getUTCDay() === SUNDAY || day.getUTCDay() === SATURDAY;
    days.push(weekend ? `${d}:CLOSED` : `${start}:${session.open}-${d}:${session.close}`);
  }
  return days.join(';');
};

const STOCK_ORDER_TYPES =
  'ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AVGCOST,BASKET,COND,CONDORDER,DAY,DEACT,DEACTDIS,DEACTEOD,GAT,GTC,GTD,GTT,HID,IOC,LIT,LMT,MIT,MKT,MTL,NGCOMB,NONALGO,OCA,PEGBENCH,REL,RPI,RTH,SCALE,SNAP,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,WHATIF';
const OPTION_ORDER_TYPES =
  'ACTIVETIM,AD,ADJUST,ALERT,ALLOC,AVGCOST,BASKET,COND,CONDORDER,DAY,DEACT,DEACTDIS,DEACTEOD,GAT,GTC,GTD,GTT,HID,ICE,IOC,LIT,LMT,MIT,MKT,MTL,NGCOMB,NONALGO,OCA,REL,RELSTK,SCALE,SCALERST,SNAP,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,VOLAT,WHATIF';
const FUTURE_ORDER_TYPES =
  'ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AVGCOST,BASKET,COND,CONDORDER,DAY,DEACT,DEACTDIS,DEACTEOD,GAT,GTC,GTD,GTT,HID,ICE,IOC,LIT,LMT,LTH,MIT,MKT,MTL,NGCOMB,NONALGO,OCA,SCALE,SCALERST,SNAP,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,WHATIF';
const FOREX_ORDER_TYPES =
  'ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AVGCOST,BASKET,CASHQTY,COND,CONDORDER,DAY,DEACT,DEACTDIS,DEACTEOD,GAT,GTC,GTD,GTT,HID,IOC,LIT,LMT,MIT,MKT,NONALGO,OCA,REL,SCALE,SCALERST,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,WHATIF';

const US_EQUITY_HOURS: SessionSpec = { open: '0400', close: '2000' };
const US_REGULAR_HOURS: SessionSpec = { open: '0930', close: '1600' };

/** The profile of each security type the simulator lists. */
export const SEC_TYPE_PROFILES: Readonly<Record<SimSecTypeName, SecTypeProfile>> = {
  [SimSecType.STK]: {
    orderTypes: STOCK_ORDER_TYPES, timeZoneId: 'US/Eastern', tradingHours: US_EQUITY_HOURS, liquidHours: US_REGULAR_HOURS,
    marketRuleId: 26, aggGroup: 1, minSize: '0.0001', sizeIncrement: '0.0001', suggestedSizeIncrement: '100',
  },
  [SimSecType.OPT]: {
    orderTypes: OPTION_ORDER_TYPES, timeZoneId: 'US/Eastern', tradingHours: US_REGULAR_HOURS, liquidHours: US_REGULAR_HOURS,
    marketRuleId: 32, aggGroup: 2, minSize: '1', sizeIncrement: '1', suggestedSizeIncrement: '1',
  },
  [SimSecType.FUT]: {
    orderTypes: FUTURE_ORDER_TYPES, timeZoneId: 'US/Central', tradingHours: { open: '1700', close: '1600', overnight: true },
    liquidHours: { open: '0830', close: '1500' }, marketRuleId: 67, aggGroup: 2, minSize: '1', sizeIncrement: '1', suggestedSizeIncrement: '1',
  },
  [SimSecType.CASH]: {
    orderTypes: FOREX_ORDER_TYPES, timeZoneId: 'US/Eastern', tradingHours: { open: '1715', close: '1700', overnight: true },
    liquidHours: { open: '1715', close: '1700', overnight: true }, marketRuleId: 239, aggGroup: 4, minSize: '1', sizeIncrement: '1', suggestedSizeIncrement: '1',
  },
  [SimSecType.IND]: {
    orderTypes: '', timeZoneId: 'US/Eastern', tradingHours: { open: '0930', close: '1615' }, liquidHours: US_REGULAR_HOURS,
    marketRuleId: 110, aggGroup: 1, minSize: '', sizeIncrement: '', suggestedSizeIncrement: '',
  },
};
