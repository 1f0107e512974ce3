import { IBApiTickType } from '@stoqey/ib';
import type { TickField } from './tick.js';

/** Where one TWS tick type id lands: the {@link TickField} and whether it is a delayed id. */
export interface TickTypeMapping {
  readonly field: TickField;
  readonly delayed: boolean;
}

const T = IBApiTickType;
const live = (field: TickField): TickTypeMapping => ({ field, delayed: false });
const delayed = (field: TickField): TickTypeMapping => ({ field, delayed: true });

/**
 * TWS tick type id → tick field, by `@stoqey/ib`'s TickType names. Live and delayed ids fold into
 * the same field. Ids not listed here (option greeks, 13/26/52-week figures, …) are not mapped.
 */
export const TICK_TYPE_FIELDS: ReadonlyMap<number, TickTypeMapping> = new Map([
  [T.BID, live('bid')],
  [T.ASK, live('ask')],
  [T.LAST, live('last')],
  [T.HIGH, live('high')],
  [T.LOW, live('low')],
  [T.CLOSE, live('close')],
  [T.OPEN, live('open')],
  [T.BID_SIZE, live('bidSize')],
  [T.ASK_SIZE, live('askSize')],
  [T.LAST_SIZE, live('lastSize')],
  [T.VOLUME, live('volume')],
  [T.LAST_TIMESTAMP, live('lastTimestamp')],
  [T.HALTED, live('halted')],
  [T.DELAYED_BID, delayed('bid')],
  [T.DELAYED_ASK, delayed('ask')],
  [T.DELAYED_LAST, delayed('last')],
  [T.DELAYED_HIGH, delayed('high')],
  [T.DELAYED_LOW, delayed('low')],
  [T.DELAYED_CLOSE, delayed('close')],
  [T.DELAYED_OPEN, delayed('open')],
  [T.DELAYED_BID_SIZE, delayed('bidSize')],
  [T.DELAYED_ASK_SIZE, delayed('askSize')],
  [T.DELAYED_LAST_SIZE, delayed('lastSize')],
  [T.DELAYED_VOLUME, delayed('volume')],
  [T.DELAYED_LAST_TIMESTAMP, delayed('lastTimestamp')],
  [T.DELAYED_HALTED, delayed('halted')],
]);
