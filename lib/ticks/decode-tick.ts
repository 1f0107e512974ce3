import type { IbEvent } from '../connection/ib-event.js';
import type { PairedSizeField, SizePairing } from './size-pairing.js';
import type { PriceField, SizeField, Tick } from './tick.js';
import { TICK_TYPE_FIELDS } from './tick-types.js';

/** TWS's "no quote" price. */
const NO_PRICE = -1;

const PAIRED_SIZE: Partial<Record<PriceField, PairedSizeField>> = { bid: 'bidSize', ask: 'askSize', last: 'lastSize' };
const PAIRED: ReadonlySet<string> = new Set<SizeField>(['bidSize', 'askSize', 'lastSize']);

const isPairedSize = (field: SizeField): field is PairedSizeField => PAIRED.has(field);

/**
 * One raw event → at most one {@link Tick}, or `undefined` (not a tick, an unmapped id, a no-quote
 * price, or a duplicate size). Rules:
 * - prices of -1 are dropped; bid / ask prices of 0 are dropped too (IB's "no quote" is 0 with
 *   size 0, but `@stoqey/ib` delivers that size separately and never for live BID, so a 0 bid/ask
 *   cannot be told apart: it is treated as no quote; its size still passes);
 * - sizes go through `pairing` (see {@link SizePairing}); an empty size is dropped;
 * - LAST_TIMESTAMP (epoch seconds text) becomes epoch ms; HALTED 0 → false, 1 / 2 → true, other values dropped.
 */
export function decodeTick(event: IbEvent, pairing: SizePairing): Tick | undefined {
  switch (event.type) {
    case 'tickPrice': {
      const mapping = TICK_TYPE_FIELDS.get(event.tickType);
      if (mapping === undefined) return undefined;
      const field = mapping.field as PriceField;
      const paired = PAIRED_SIZE[field];
      if (paired !== undefined) pairing.priceArrived(event.reqId, paired);
      const price = event.price;
      if (price === NO_PRICE || (price === 0 && (field === 'bid' || field === 'ask'))) return undefined;
      return { type: 'tick', field, reqId: event.reqId, delayed: mapping.delayed, time: event.time, value: price };
    }
    case 'tickSize': {
      const mapping = TICK_TYPE_FIELDS.get(event.tickType);
      const size = event.size;
      if (mapping === undefined || size === undefined) return undefined;
      const field = mapping.field as SizeField;
      if (isPairedSize(field) && !pairing.sizeCounts(event.reqId, field, size)) return undefined;
      return { type: 'tick', field, reqId: event.reqId, delayed: mapping.delayed, time: event.time, value: size };
    }
    case 'tickString': {
      const mapping = TICK_TYPE_FIELDS.get(event.tickType);
      if (mapping?.field !== 'lastTimestamp') return undefined;
      const seconds = Number(event.value);
      if (event.value === '' || !Number.isFinite(seconds)) return undefined;
      return { type: 'tick', field: 'lastTimestamp', reqId: event.reqId, delayed: mapping.delayed, time: event.time, value: seconds * 1000 };
    }
    case 'tickGeneric': {
      const mapping = TICK_TYPE_FIELDS.get(event.tickType);
      if (mapping?.field !== 'halted' || ![0, 1, 2].includes(event.value)) return undefined;
      return { type: 'tick', field: 'halted', reqId: event.reqId, delayed: mapping.delayed, time: event.time, value: event.value !== 0 };
    }
    default:
      return undefined;
  }
}
