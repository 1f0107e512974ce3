import { escapeAscii7, type Field } from './frame.js';
import { ServerMsg } from './protocol-ids.js';
import { ServerVersion } from './server-version.js';
import type { SimInstrument } from './universe.js';

const ORDER_TYPES =
  'ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AVGCOST,BASKET,COND,CONDORDER,DAY,DEACT,DEACTDIS,DEACTEOD,GAT,GTC,GTD,GTT,HID,IOC,LIT,LMT,MIT,MKT,MTL,NGCOMB,NONALGO,OCA,PEGBENCH,REL,RPI,RTH,SCALE,SNAP,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,WHATIF';
const VALID_EXCHANGES = ['SMART', 'AMEX', 'NYSE', 'CBOE', 'PHLX', 'ISE', 'CHX', 'ARCA', 'NASDAQ', 'DRCTEDGE', 'BEX', 'BATS', 'EDGEA', 'IEX', 'EDGX', 'PEARL', 'MEMX', 'IBEOS', 'OVERNIGHT'];
const MARKET_RULE_ID = 26;
/** Contract details message version, sent as a field only before SIZE_RULES (164). */
const CONTRACT_DETAILS_VERSION = 8;

const ymd = (d: Date): string =>
  `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;

/** TWS-style session list for 7 days from `from`: `20260405:CLOSED;20260406:0930-20260406:1600;…`. */
export const sessionHours = (from: Date, open: string, close: string): string => {
  const days: string[] = [];
  for (let i = 0; i < 7; i++) {
    const day = new Date(from.getTime() + i * 86_400_000);
    const d = ymd(day);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    days.push(weekend ? `${d}:CLOSED` : `${d}:${open}-${d}:${close}`);
  }
  return days.join(';');
};

/**
 * contractDetails (10) for a US stock, gated by server version exactly as `@stoqey/ib`'s
 * decodeMsg_CONTRACT_DATA reads it (secType STK, so no fund fields).
 */
export const contractDetailsMsg = (v: number, reqId: number, inst: SimInstrument, today: Date): Field[] => {
  const f: Field[] = [ServerMsg.CONTRACT_DATA];
  if (v < ServerVersion.SIZE_RULES) f.push(CONTRACT_DETAILS_VERSION);
  f.push(reqId, inst.symbol, 'STK', '');
  if (v >= ServerVersion.LAST_TRADE_DATE) f.push('');
  f.push(0, '', 'SMART', 'USD', inst.symbol, 'NMS', 'NMS', inst.conId, 0.01);
  if (v >= ServerVersion.MD_SIZE_MULTIPLIER && v < ServerVersion.SIZE_RULES) f.push(1);
  f.push('', ORDER_TYPES, VALID_EXCHANGES.join(','), 1, 0);
  const longName = v >= ServerVersion.ENCODE_MSG_ASCII7 ? escapeAscii7(inst.longName) : inst.longName;
  f.push(longName, inst.primaryExch);
  f.push('', inst.industry, inst.category, inst.subcategory, 'US/Eastern');
  f.push(sessionHours(today, '0400', '2000'), sessionHours(today, '0930', '1600'));
  f.push('', '');
  if (inst.isin) f.push(1, 'ISIN', inst.isin);
  else f.push(0);
  if (v >= ServerVersion.AGG_GROUP) f.push(1);
  if (v >= ServerVersion.UNDERLYING_INFO) f.push('', '');
  if (v >= ServerVersion.MARKET_RULES) f.push(VALID_EXCHANGES.map(() => MARKET_RULE_ID).join(','));
  if (v >= ServerVersion.REAL_EXPIRATION_DATE) f.push('');
  if (v >= ServerVersion.STOCK_TYPE) f.push(inst.stockType);
  if (v >= ServerVersion.FRACTIONAL_SIZE_SUPPORT && v < ServerVersion.SIZE_RULES) f.push('0.0001');
  if (v >= ServerVersion.SIZE_RULES) f.push('0.0001', '0.0001', '100');
  if (v >= ServerVersion.INELIGIBILITY_REASONS) f.push(0);
  return f;
};
