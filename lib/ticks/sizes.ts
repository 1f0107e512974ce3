import { filter, type OperatorFunction } from 'rxjs';
import { isSizeTick, type SizeTick, type Tick } from './tick.js';

/**
 * Keeps size ticks (bidSize, askSize, lastSize, volume) and drops prices, timestamps and halts.
 *
 * ```text
 * ticks:  --b--s--l--v--|   b: bid, s: bidSize, l: last, v: volume
 *         sizes()
 *         -----s-----v--|
 * ```
 *
 * Errors, completion and unsubscription pass straight through.
 *
 * @example
 * ticks$.pipe(sizes()).subscribe((t) => console.log(t.field, t.value));
 */
export function sizes(): OperatorFunction<Tick, SizeTick> {
  return filter(isSizeTick);
}
