import type { ContractDetails as IbContractDetails, SecType } from '@stoqey/ib';
import { optionType, type OptionRight } from '../requests/contract-fields.js';
import type { Contract } from './contract-types.js';

/**
 * What TWS says about one contract (`reqContractDetails`), typed and tidied: `contract` is the full
 * contract (with `conId`) to pass to `marketData$` and the other requests; absent values are
 * `undefined` (never `''`, `0` or `-1`); lists are arrays.
 */
export interface ContractDetails {
  /** The full contract: conId, symbol, secType, exchange, currency, local symbol, trading class, and expiry / strike / right / multiplier where they apply. */
  readonly contract: Contract;
  readonly conId: number;
  readonly symbol: string;
  readonly secType: SecType;
  /** The exchange it was described on (the one asked for, e.g. SMART). */
  readonly exchange: string;
  /** The listing exchange (`NASDAQ`, `NYSE`, `ARCA` …); `undefined` for forex. */
  readonly primaryExchange: string | undefined;
  readonly currency: string;
  readonly localSymbol: string | undefined;
  readonly tradingClass: string | undefined;
  readonly marketName: string | undefined;
  /** The company or product name (`APPLE INC`). */
  readonly longName: string | undefined;
  /** The smallest price step. */
  readonly minTick: number | undefined;
  /** Futures / options: the contract multiplier (100 for US equity options). */
  readonly multiplier: number | undefined;
  /** Futures / options: the last trading day `YYYYMMDD` (or contract month `YYYYMM`). */
  readonly expiry: string | undefined;
  /** Futures / options: the contract month `YYYYMM`. */
  readonly contractMonth: string | undefined;
  /** Options: the strike. */
  readonly strike: number | undefined;
  /** Options: `'C'` or `'P'`. */
  readonly right: OptionRight | undefined;
  /** Derivatives: the underlying's conId, symbol and security type. */
  readonly underConId: number | undefined;
  readonly underSymbol: string | undefined;
  readonly underSecType: string | undefined;
  /** Exchanges an order may name. */
  readonly validExchanges: readonly string[];
  readonly orderTypes: readonly string[];
  /** The time zone of the trading hours (`US/Eastern`). */
  readonly timeZoneId: string | undefined;
  /** TWS's trading-hours text (`20260105:0400-20260105:2000;…`). */
  readonly tradingHours: string | undefined;
  /** TWS's liquid (regular) hours text. */
  readonly liquidHours: string | undefined;
  readonly industry: string | undefined;
  readonly category: string | undefined;
  readonly subcategory: string | undefined;
  /** `COMMON`, `ETF` … for stocks. */
  readonly stockType: string | undefined;
  /** Security ids by type (`{ ISIN: 'US0378331005' }`). */
  readonly secIds: Readonly<Record<string, string>>;
  readonly minSize: number | undefined;
  readonly sizeIncrement: number | undefined;
}

const text = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
};
const positive = (value: number | undefined): number | undefined => (value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined);
const list = (value: string | undefined): readonly string[] => (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
/** The date part of TWS's `lastTradeDateOrContractMonth` (it may carry a time: `20260116 16:00 US/Eastern`). */
const expiryOf = (value: string | undefined): string | undefined => text(value?.trim().split(/\s+/)[0]);
const rightOf = (value: string | undefined): OptionRight | undefined => (value === 'C' || value === 'P' ? value : undefined);

/**
 * Maps one `@stoqey/ib` contractDetails payload to ib-rx's {@link ContractDetails}, building the
 * full contract from what TWS reported (empty strings, zero strikes and multipliers left out).
 */
export function toContractDetails(raw: IbContractDetails): ContractDetails {
  const c = raw.contract;
  const symbol = text(c.symbol) ?? '';
  const exchange = text(c.exchange) ?? '';
  const currency = text(c.currency) ?? '';
  const expiry = expiryOf(c.lastTradeDateOrContractMonth);
  const strike = positive(c.strike);
  const right = rightOf(c.right);
  const multiplier = positive(typeof c.multiplier === 'string' ? Number(c.multiplier) : c.multiplier);
  const primaryExchange = text(c.primaryExch);
  const localSymbol = text(c.localSymbol);
  const tradingClass = text(c.tradingClass);
  const conId = c.conId ?? 0;
  const secType = c.secType as SecType;
  const contract: Contract = {
    conId,
    symbol,
    secType,
    ...(expiry !== undefined && { lastTradeDateOrContractMonth: expiry }),
    ...(strike !== undefined && { strike }),
    ...(right !== undefined && { right: optionType(right) }),
    ...(multiplier !== undefined && { multiplier }),
    exchange,
    ...(primaryExchange !== undefined && { primaryExch: primaryExchange }),
    currency,
    ...(localSymbol !== undefined && { localSymbol }),
    ...(tradingClass !== undefined && { tradingClass }),
  };
  return {
    contract,
    conId,
    symbol,
    secType,
    exchange,
    primaryExchange,
    currency,
    localSymbol,
    tradingClass,
    marketName: text(raw.marketName),
    longName: text(raw.longName),
    minTick: positive(raw.minTick),
    multiplier,
    expiry,
    contractMonth: text(raw.contractMonth),
    strike,
    right,
    underConId: positive(raw.underConId),
    underSymbol: text(raw.underSymbol),
    underSecType: text(raw.underSecType),
    validExchanges: list(raw.validExchanges),
    orderTypes: list(raw.orderTypes),
    timeZoneId: text(raw.timeZoneId),
    tradingHours: text(raw.tradingHours),
    liquidHours: text(raw.liquidHours),
    industry: text(raw.industry),
    category: text(raw.category),
    subcategory: text(raw.subcategory),
    stockType: text(raw.stockType),
    secIds: Object.fromEntries((raw.secIdList ?? []).flatMap((id) => (id.tag && id.value ? [[id.tag, id.value]] : []))),
    minSize: positive(raw.minSize),
    sizeIncrement: positive(raw.sizeIncrement),
  };
}
