import type { IbEvent } from '../../connection/ib-event.js';
import { ProtocolError } from '../../errors.js';
import type { TickByTick, TickByTickType } from './tick-by-tick.js';

const SECOND_MS = 1000;
/** `tickByTickAllLast`'s tickType for Last (AllLast is 2). */
const LAST_TICK_TYPE = 1;

/**
 * One tick-by-tick event as a fresh {@link TickByTick} (never shared, never changed), or
 * `undefined` for other events. TWS's time (epoch seconds) becomes epoch ms; a missing price or
 * size is a `ProtocolError` (TWS always sends them), like an unreadable time.
 */
export function tickByTickFromEvent(event: IbEvent, wanted: TickByTickType): TickByTick | undefined {
  switch (event.type) {
    case 'tickByTickAllLast': {
      const type = event.tickType === LAST_TICK_TYPE ? 'Last' : 'AllLast';
      if (type !== wanted) return undefined;
      return {
        type, time: epochMs(event.tickTime, event.reqId), price: present(event.price, 'price', event.reqId), size: present(event.size, 'size', event.reqId),
        exchange: event.exchange, specialConditions: event.specialConditions, pastLimit: event.pastLimit, unreported: event.unreported,
      };
    }
    case 'tickByTickBidAsk':
      if (wanted !== 'BidAsk') return undefined;
      return {
        type: 'BidAsk', time: epochMs(event.tickTime, event.reqId),
        bidPrice: present(event.bidPrice, 'bidPrice', event.reqId), askPrice: present(event.askPrice, 'askPrice', event.reqId),
        bidSize: present(event.bidSize, 'bidSize', event.reqId), askSize: present(event.askSize, 'askSize', event.reqId),
        bidPastLow: event.bidPastLow, askPastHigh: event.askPastHigh,
      };
    case 'tickByTickMidPoint':
      if (wanted !== 'MidPoint') return undefined;
      return { type: 'MidPoint', time: epochMs(event.tickTime, event.reqId), midPoint: present(event.midPoint, 'midPoint', event.reqId) };
    default:
      return undefined;
  }
}

function epochMs(text: string, reqId: number): number {
  const seconds = Number(text);
  if (text === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new ProtocolError(`tick-by-tick data of request ${String(reqId)} has an unreadable time ${JSON.stringify(text)}`);
  }
  return seconds * SECOND_MS;
}

function present(value: number | undefined, field: string, reqId: number): number {
  if (value === undefined || !Number.isFinite(value)) {
    throw new ProtocolError(`tick-by-tick data of request ${String(reqId)} has no ${field}`);
  }
  return value;
}
