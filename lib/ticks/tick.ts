import type { OptionGreeks } from './option-greeks.js';

/** Tick fields that carry a price (currency units as TWS sends them). */
export type PriceField = 'bid' | 'ask' | 'last' | 'high' | 'low' | 'close' | 'open';

/** Tick fields that carry a size or a volume (shares or lots as TWS sends them, never rescaled). */
export type SizeField = 'bidSize' | 'askSize' | 'lastSize' | 'volume';

/** Every field a {@link Tick} can carry. */
export type TickField = PriceField | SizeField | 'lastTimestamp' | 'halted' | 'greeks';

/** What every tick has: the request it belongs to, whether it is delayed data, and when it arrived. */
export interface TickOf<F extends TickField, V> {
  readonly type: 'tick';
  readonly field: F;
  /** The market data request id (TWS `tickerId`). */
  readonly reqId: number;
  /** `true` for TWS's delayed tick ids (DELAYED_BID 66 …); they fold into the same fields as live ones. */
  readonly delayed: boolean;
  /** Arrival time in scheduler milliseconds (stamped by `ibEvents$`). */
  readonly time: number;
  readonly value: V;
}

/** A price tick: bid, ask, last trade, day high / low, yesterday's close or today's open. */
export type PriceTick = { [F in PriceField]: TickOf<F, number> }[PriceField];

/** A size tick: bid / ask / last-trade size, or the day's volume. */
export type SizeTick = { [F in SizeField]: TickOf<F, number> }[SizeField];

/** Time of the last trade, in epoch milliseconds (TWS sends epoch seconds as a string). */
export type LastTimestampTick = TickOf<'lastTimestamp', number>;

/** Trading halt status: `true` while halted (TWS HALTED 1 or 2), `false` when trading (0). */
export type HaltedTick = TickOf<'halted', boolean>;

/** An option's model computation (MODEL_OPTION 13 / DELAYED_MODEL_OPTION 83), "not computed" fields `undefined`. */
export type GreeksTick = TickOf<'greeks', OptionGreeks>;

/**
 * One typed market data update, discriminated by `field`. Produced by `toTicks()` from raw
 * `IbEvent`s; live and delayed tick ids map to the same field, told apart by `delayed`.
 */
export type Tick = PriceTick | SizeTick | LastTimestampTick | HaltedTick | GreeksTick;

/** The tick carrying `field` F, e.g. `TickFor<'last'>`. */
export type TickFor<F extends TickField> = Extract<Tick, { readonly field: F }>;

const PRICE_FIELDS: ReadonlySet<TickField> = new Set<PriceField>(['bid', 'ask', 'last', 'high', 'low', 'close', 'open']);
const SIZE_FIELDS: ReadonlySet<TickField> = new Set<SizeField>(['bidSize', 'askSize', 'lastSize', 'volume']);

/** `true` for bid, ask, last, high, low, close and open ticks. */
export function isPriceTick(tick: Tick): tick is PriceTick {
  return PRICE_FIELDS.has(tick.field);
}

/** `true` for bidSize, askSize, lastSize and volume ticks. */
export function isSizeTick(tick: Tick): tick is SizeTick {
  return SIZE_FIELDS.has(tick.field);
}
