export { decodeTick } from './decode-tick.js';
export { field } from './field.js';
export { prices } from './prices.js';
export { SizePairing, type PairedSizeField } from './size-pairing.js';
export { sizes } from './sizes.js';
export {
  isPriceTick,
  isSizeTick,
  type HaltedTick,
  type LastTimestampTick,
  type PriceField,
  type PriceTick,
  type SizeField,
  type SizeTick,
  type Tick,
  type TickField,
  type TickFor,
  type TickOf,
} from './tick.js';
export { TICK_TYPE_FIELDS, type TickTypeMapping } from './tick-types.js';
export { toTicks, type ToTicksOptions } from './to-ticks.js';
export { validPrices } from './valid-prices.js';
