import type { IbEvent } from '../connection/ib-event.js';
import { isDelayedComputation, isModelComputation, optionGreeks } from './option-greeks.js';
import type { PairedSizeField, SizePairing } from './size-pairing.js';
import type { PriceField, SizeField, Tick, TickField } from './tick.js';
import { TICK_TYPE_FIELDS } from './tick-types.js';

/** TWS's "no quote" price. */
const NO_PRICE = -1;

const PAIRED_SIZE: Partial<Record<TickField, PairedSizeField>> = { bid: 'bidSize', ask: 'askSize', last: 'lastSize' };
const PAIRED: ReadonlySet<TickField> = new Set<TickField>(['bidSize', 'askSize', 'lastSize']);

/** What decoding needs to know about one tick type id, looked up by index (no Map, no string keys). */
interface TickTypeInfo {
  readonly field: TickField;
  readonly delayed: boolean;
  /** For bid / ask / last: the size field its price carries. */
  readonly pricePairs: PairedSizeField | undefined;
  /** For bidSize / askSize / lastSize: the field itself (its reports go through the pairing). */
  readonly pairedSize: PairedSizeField | undefined;
  /** A bid or ask price (0 means no quote there). */
  readonly quote: boolean;
}

/** `TICK_TYPE_FIELDS` as a dense array indexed by tick type id. */
const BY_ID: readonly (TickTypeInfo | undefined)[] = (() => {
  const table: (TickTypeInfo | undefined)[] = [];
  for (const [id, { field, delayed }] of TICK_TYPE_FIELDS) {
    const pairedSize = PAIRED.has(field) ? (field as PairedSizeField) : undefined;
    table[id] = { field, delayed, pricePairs: PAIRED_SIZE[field], pairedSize, quote: field === 'bid' || field === 'ask' };
  }
  return Array.from(table, (info) => info);
})();

const infoOf = (tickType: number): TickTypeInfo | undefined => BY_ID[tickType];

/**
 * One raw event → at most one {@link Tick}, or `undefined` (not a tick, an unmapped id, a no-quote
 * price, or a duplicate size). Rules:
 * - prices of -1 are dropped; bid / ask prices of 0 are dropped too (IB's "no quote" is 0 with
 *   size 0, but `@stoqey/ib` delivers that size separately and never for live BID, so a 0 bid/ask
 *   cannot be told apart: it is treated as no quote; its size still passes);
 * - sizes go through `pairing` (see {@link SizePairing}); an empty size is dropped;
 * - LAST_TIMESTAMP (epoch seconds text) becomes epoch ms; HALTED 0 → false, 1 / 2 → true, other values dropped;
 * - a model option computation (MODEL_OPTION 13 / DELAYED_MODEL_OPTION 83) becomes a `greeks` tick
 *   (IB's "not computed" markers → `undefined`, see `optionGreeks`); the bid / ask / last computations are dropped.
 */
export function decodeTick(event: IbEvent, pairing: SizePairing): Tick | undefined {
  switch (event.type) {
    case 'tickPrice': {
      const info = infoOf(event.tickType);
      if (info === undefined) return undefined;
      if (info.pricePairs !== undefined) pairing.priceArrived(event.reqId, info.pricePairs);
      const price = event.price;
      if (price === NO_PRICE || (price === 0 && info.quote)) return undefined;
      return { type: 'tick', field: info.field as PriceField, reqId: event.reqId, delayed: info.delayed, time: event.time, value: price };
    }
    case 'tickSize': {
      const info = infoOf(event.tickType);
      const size = event.size;
      if (info === undefined || size === undefined) return undefined;
      if (info.pairedSize !== undefined && !pairing.sizeCounts(event.reqId, info.pairedSize, size)) return undefined;
      return { type: 'tick', field: info.field as SizeField, reqId: event.reqId, delayed: info.delayed, time: event.time, value: size };
    }
    case 'tickString': {
      const info = infoOf(event.tickType);
      if (info?.field !== 'lastTimestamp') return undefined;
      const seconds = Number(event.value);
      if (event.value === '' || !Number.isFinite(seconds)) return undefined;
      return { type: 'tick', field: 'lastTimestamp', reqId: event.reqId, delayed: info.delayed, time: event.time, value: seconds * 1000 };
    }
    case 'tickGeneric': {
      const info = infoOf(event.tickType);
      const value = event.value;
      if (info?.field !== 'halted' || (value !== 0 && value !== 1 && value !== 2)) return undefined;
      return { type: 'tick', field: 'halted', reqId: event.reqId, delayed: info.delayed, time: event.time, value: value !== 0 };
    }
    case 'tickOptionComputation':
      if (!isModelComputation(event.tickType)) return undefined;
      return { type: 'tick', field: 'greeks', reqId: event.reqId, delayed: isDelayedComputation(event.tickType), time: event.time, value: optionGreeks(event) };
    default:
      return undefined;
  }
}
