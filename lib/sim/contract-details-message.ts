import { escapeAscii7, type Field } from './frame.js';
import { ServerMsg } from './protocol-ids.js';
import { SEC_TYPE_PROFILES, sessionHours } from './sec-type-profiles.js';
import { ServerVersion } from './server-version.js';
import type { SimContract } from './sim-contract.js';

/** Contract details message version, sent as a field only before SIZE_RULES (164). */
const CONTRACT_DETAILS_VERSION = 8;
const MD_SIZE_MULTIPLIER = 1;
const PRICE_MAGNIFIER = 1;
const NO_INELIGIBILITY_REASONS = 0;

/**
 * contractDetails (10) for any contract the simulator lists, gated by server version exactly as
 * `@stoqey/ib`'s decodeMsg_CONTRACT_DATA reads it (no FUND contracts, so no fund fields).
 * `exchange` is the exchange to report (the one the request named, else the contract's own).
 *
 * `10|[8 <164]|reqId|symbol|secType|lastTradeDateOrContractMonth|[lastTradeDate ≥182]|strike|right|
 * exchange|currency|localSymbol|marketName|tradingClass|conId|minTick|[mdSizeMultiplier 110–163]|
 * multiplier|orderTypes|validExchanges|priceMagnifier|underConId|longName|primaryExch|contractMonth|
 * industry|category|subcategory|timeZoneId|tradingHours|liquidHours|evRule|evMultiplier|secIds|
 * aggGroup ≥121|underSymbol|underSecType ≥122|marketRuleIds ≥126|realExpirationDate ≥134|
 * stockType ≥152|[sizeMinTick =163]|minSize|sizeIncrement|suggestedSizeIncrement ≥164|
 * ineligibilityReasons ≥186`
 */
export const contractDetailsMsg = (v: number, reqId: number, c: SimContract, exchange: string, today: Date): Field[] => {
  const profile = SEC_TYPE_PROFILES[c.secType];
  const f: Field[] = [ServerMsg.CONTRACT_DATA];
  if (v < ServerVersion.SIZE_RULES) f.push(CONTRACT_DETAILS_VERSION);
  f.push(reqId, c.symbol, c.secType, c.lastTradeDate);
  if (v >= ServerVersion.LAST_TRADE_DATE) f.push(c.lastTradeDate);
  f.push(c.strike, c.right, exchange, c.currency, c.localSymbol, c.marketName, c.tradingClass, c.conId, c.minTick);
  if (v >= ServerVersion.MD_SIZE_MULTIPLIER && v < ServerVersion.SIZE_RULES) f.push(MD_SIZE_MULTIPLIER);
  f.push(c.multiplier, profile.orderTypes, c.validExchanges.join(','), PRICE_MAGNIFIER, c.underConId);
  const longName = v >= ServerVersion.ENCODE_MSG_ASCII7 ? escapeAscii7(c.longName) : c.longName;
  f.push(longName, c.primaryExch);
  f.push(c.contractMonth, c.industry, c.category, c.subcategory, profile.timeZoneId);
  f.push(sessionHours(today, profile.tradingHours), sessionHours(today, profile.liquidHours));
  f.push('', ''); // evRule, evMultiplier
  f.push(c.secIds.length);
  for (const id of c.secIds) f.push(id.tag, id.value);
  if (v >= ServerVersion.AGG_GROUP) f.push(profile.aggGroup);
  if (v >= ServerVersion.UNDERLYING_INFO) f.push(c.underSymbol, c.underSecType);
  if (v >= ServerVersion.MARKET_RULES) f.push(c.validExchanges.map(() => profile.marketRuleId).join(','));
  if (v >= ServerVersion.REAL_EXPIRATION_DATE) f.push(c.lastTradeDate);
  if (v >= ServerVersion.STOCK_TYPE) f.push(c.stockType);
  if (v >= ServerVersion.FRACTIONAL_SIZE_SUPPORT && v < ServerVersion.SIZE_RULES) f.push(profile.sizeIncrement);
  if (v >= ServerVersion.SIZE_RULES) f.push(profile.minSize, profile.sizeIncrement, profile.suggestedSizeIncrement);
  if (v >= ServerVersion.INELIGIBILITY_REASONS) f.push(NO_INELIGIBILITY_REASONS);
  return f;
};
