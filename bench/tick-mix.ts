import { frameBody, packBodies, type Field } from '../lib/sim/frame.js';
import { tickPriceMsg, tickSizeMsg, tickStringMsg } from '../lib/sim/server-messages.js';
import { TickId } from '../lib/sim/tick-ids.js';

/** The two feeds the throughput parts burst: `bidask` (the simulator's own burst) or `stock`. */
export type TickMix = 'bidask' | 'stock';

/**
 * Market events of one cycle of the `stock` mix, per kind: how often each happens relative to the
 * others in a liquid US stock's TWS feed during regular hours (size-only quote updates most
 * often, then quote price changes, then trades; a new day high or low rarely). An estimate from
 * the shape of such feeds, not a recording (no live feed is available here): TWS sends
 * - a size-only change as one tickSize (BID_SIZE / ASK_SIZE);
 * - a quote price change as tickPrice (BID / ASK, with its size) then tickSize of the same size
 *   (which `@stoqey/ib` also synthesizes after ASK, so its users see that size twice);
 * - a trade as tickPrice LAST (with its size; synthesized LAST_SIZE), tickSize LAST_SIZE, tickSize
 *   VOLUME and tickString LAST_TIMESTAMP;
 * - a new high / low as one tickPrice (HIGH / LOW, size 0).
 */
export const STOCK_MIX_EVENTS = { sizeOnly: 30, bidQuote: 14, askQuote: 14, trade: 10, high: 1, low: 1 } as const;
type EventKind = keyof typeof STOCK_MIX_EVENTS;

/** One cycle of the `stock` mix as message kinds, in sending order. */
type MessageKind = 'tickPrice' | 'tickSize' | 'tickString';

/** Event kinds spread evenly over the cycle (each kind at (i + ½) / count of the cycle, merged by position). */
const eventOrder = (): EventKind[] =>
  (Object.entries(STOCK_MIX_EVENTS) as [EventKind, number][])
    .flatMap(([kind, count]) => Array.from({ length: count }, (_, i) => ({ kind, at: (i + 0.5) / count })))
    .sort((a, b) => a.at - b.at)
    .map((e) => e.kind);

const T = TickId;

/** The messages of one cycle for request `reqId`, values varying so that every message changes something. */
const cycleMessages = (reqId: number): Field[][] => {
  const messages: Field[][] = [];
  let bid = 100;
  let volume = 1_000_000;
  let second = 1_760_000_000;
  eventOrder().forEach((kind, i) => {
    const size = 1 + (i % 9);
    switch (kind) {
      case 'sizeOnly':
        messages.push(tickSizeMsg(reqId, i % 2 === 0 ? T.BID_SIZE : T.ASK_SIZE, size * 100));
        return;
      case 'bidQuote':
      case 'askQuote': {
        bid = 100 + (i % 7) / 100;
        const [price, priceId, sizeId] = kind === 'bidQuote' ? [bid, T.BID, T.BID_SIZE] : [bid + 0.01, T.ASK, T.ASK_SIZE];
        messages.push(tickPriceMsg(reqId, priceId, price, size * 100), tickSizeMsg(reqId, sizeId, size * 100));
        return;
      }
      case 'trade':
        volume += size;
        second += 1;
        messages.push(
          tickPriceMsg(reqId, T.LAST, bid + 0.005, size),
          tickSizeMsg(reqId, T.LAST_SIZE, size),
          tickSizeMsg(reqId, T.VOLUME, volume),
          tickStringMsg(reqId, T.LAST_TIMESTAMP, String(second)),
        );
        return;
      case 'high':
        messages.push(tickPriceMsg(reqId, T.HIGH, 101 + i / 1000, 0));
        return;
      case 'low':
        messages.push(tickPriceMsg(reqId, T.LOW, 99 - i / 1000, 0));
        return;
    }
  });
  return messages;
};

/** Messages in one cycle of the `stock` mix (128). */
export const STOCK_MIX_CYCLE = cycleMessages(1).length;

/** `n` rounded up to whole cycles, so that every burst has the same mix (and deliveries per message). */
export const wholeCycles = (n: number): number => Math.ceil(n / STOCK_MIX_CYCLE) * STOCK_MIX_CYCLE;

/** Share of each message type in the `stock` mix (for the report). */
export const stockMixShares = (): Record<MessageKind, number> => {
  const ids: Record<string, MessageKind> = { 1: 'tickPrice', 2: 'tickSize', 46: 'tickString' };
  const counts: Record<MessageKind, number> = { tickPrice: 0, tickSize: 0, tickString: 0 };
  for (const message of cycleMessages(1)) {
    const kind = ids[String(message[0])];
    if (kind !== undefined) counts[kind] += 1;
  }
  return {
    tickPrice: counts.tickPrice / STOCK_MIX_CYCLE,
    tickSize: counts.tickSize / STOCK_MIX_CYCLE,
    tickString: counts.tickString / STOCK_MIX_CYCLE,
  };
};

/** One cycle for `reqId`, pre-encoded: the frames back to back. */
export const stockMixBlock = (reqId: number): Buffer => packBodies(cycleMessages(reqId).map(frameBody));
