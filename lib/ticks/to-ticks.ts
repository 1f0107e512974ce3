import { defer, filter, map, type OperatorFunction } from 'rxjs';
import type { IbEvent } from '../connection/ib-event.js';
import { decodeTick } from './decode-tick.js';
import { SizePairing } from './size-pairing.js';
import type { Tick } from './tick.js';

/** Options of {@link toTicks}. */
export interface ToTicksOptions {
  /** Keep only this market data request's ticks (default: every request's). */
  readonly reqId?: number;
}

/**
 * Turns raw `IbEvent`s into typed {@link Tick}s: `tickPrice` / `tickSize` / `tickString` /
 * `tickGeneric` events of the mapped TWS ids (live and delayed folded into one field, `delayed`
 * flagged) become ticks; every other event, unmapped id, "no quote" price (-1, and 0 for bid/ask)
 * and duplicate size report is dropped. A price's size is counted once: the synthetic `tickSize`
 * `@stoqey/ib` emits after a price and TWS's own copy of it pair up (see `SizePairing`), whether or
 * not the synthetic one arrives. Pairing state is per subscription.
 *
 * ```text
 * events:  --p--s--S--x--q--|     p: ASK 10.5, s: its synthetic ASK_SIZE 3, S: TWS's ASK_SIZE 3,
 *          toTicks()                x: a notice, q: DELAYED_LAST -1
 * ticks:   --P--Z-------------|   P: { field: 'ask', value: 10.5 }, Z: { field: 'askSize', value: 3 }
 * ```
 *
 * Errors and completion of the source pass through; unsubscribing unsubscribes the source.
 *
 * @example
 * ibEvents$(api).pipe(toTicks({ reqId: 7 }), field('last')).subscribe((t) => console.log(t.value));
 */
export function toTicks(options: ToTicksOptions = {}): OperatorFunction<IbEvent, Tick> {
  const { reqId } = options;
  return (source$) =>
    defer(() => {
      const pairing = new SizePairing();
      const events$ = reqId === undefined ? source$ : source$.pipe(filter((e) => 'reqId' in e && e.reqId === reqId));
      return events$.pipe(
        map((event) => decodeTick(event, pairing)),
        filter((tick): tick is Tick => tick !== undefined),
      );
    });
}
