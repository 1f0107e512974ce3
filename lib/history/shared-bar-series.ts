import { defer, filter, map, share, startWith, tap, type Observable } from 'rxjs';
import { reduceBarSeries, type BarSeries, type BarSeriesInput } from './bar-series.js';

/**
 * Folds one request's series inputs ONCE, however many subscribers: `inputs → scan(reduceBarSeries)
 * → share`. A late subscriber gets the current series at once, then every change. Nothing is
 * emitted before the first `history` input (which is emitted even when it brings no bar).
 *
 * ```text
 * inputs$      --s--h--u--u--|     s: stale, h: history, u: update
 * series$   ^  -----H--U--U--|
 * series$            ^ (H)U--U--|  the current series at once
 * ```
 * The inputs are subscribed by the first subscriber and unsubscribed after the last one leaves;
 * their error or completion reaches every subscriber. The current series is forgotten before an
 * error or completion is delivered, so a `retry()` starts a fresh fold.
 */
export function sharedBarSeries$(inputs$: Observable<BarSeriesInput>, initial: () => BarSeries): Observable<BarSeries> {
  let latest: BarSeries | undefined;
  const forget = (): void => {
    latest = undefined;
  };
  const changes$ = defer(() => {
    let series = initial();
    let started = false;
    return inputs$.pipe(
      map((input): BarSeries | undefined => {
        const next = reduceBarSeries(series, input);
        const first = !started && input.type === 'history';
        if (first) started = true;
        const changed = next !== series || first;
        series = next;
        if (!started || !changed) return undefined;
        latest = next;
        return next;
      }),
      filter((next): next is BarSeries => next !== undefined),
    );
  }).pipe(tap({ error: forget, complete: forget, unsubscribe: forget }), share());
  return defer(() => (latest === undefined ? changes$ : changes$.pipe(startWith(latest))));
}
