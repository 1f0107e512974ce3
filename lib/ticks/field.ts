import { filter, type OperatorFunction } from 'rxjs';
import type { Tick, TickField, TickFor } from './tick.js';

/**
 * Keeps the ticks of one field, typed accordingly (`field('halted')` gives boolean values).
 *
 * ```text
 * ticks:  --b--l--a--l--|   b: bid, l: last, a: ask
 *         field('last')
 *         -----l-----l--|
 * ```
 *
 * Errors, completion and unsubscription pass straight through.
 *
 * @example
 * ticks$.pipe(field('last')).subscribe((t) => console.log('trade at', t.value));
 */
export function field<F extends TickField>(name: F): OperatorFunction<Tick, TickFor<F>> {
  return filter((tick): tick is TickFor<F> => tick.field === name);
}
