import { filter, type OperatorFunction } from 'rxjs';
import { isPriceTick, type PriceTick, type Tick } from './tick.js';

/**
 * Keeps price ticks (bid, ask, last, high, low, close, open) and drops sizes, timestamps and halts.
 *
 * ```text
 * ticks:  --b--s--l--h--|   b: bid, s: bidSize, l: last, h: halted
 *         prices()
 *         --b-----l-----|
 * ```
 *
 * Errors, completion and unsubscription pass straight through.
 *
 * @example
 * ticks$.pipe(prices()).subscribe((t) => console.log(t.field, t.value));
 */
export function prices(): OperatorFunction<Tick, PriceTick> {
  return filter(isPriceTick);
}
