import { filter, type MonoTypeOperatorFunction } from 'rxjs';
import { isPriceTick, type Tick } from './tick.js';

/**
 * Drops price ticks whose value is not a finite number above zero; every other tick passes.
 * `toTicks()` already drops TWS's "no quote" markers (-1, and 0 for bid/ask); this is the stricter
 * filter for instruments that cannot trade at or below zero (stocks). Do not use it for spreads or
 * futures that can go negative.
 *
 * ```text
 * ticks:  --a--z--s--n--|   a: last 10, z: last 0, s: bidSize 0, n: high NaN
 *         validPrices()
 *         --a-----s-----|
 * ```
 *
 * Errors, completion and unsubscription pass straight through.
 *
 * @example
 * ticks$.pipe(validPrices(), prices()).subscribe((t) => chart.add(t.value));
 */
export function validPrices(): MonoTypeOperatorFunction<Tick> {
  return filter((tick) => !isPriceTick(tick) || (Number.isFinite(tick.value) && tick.value > 0));
}
