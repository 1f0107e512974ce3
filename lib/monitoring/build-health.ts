import {
  asyncScheduler, defer, distinctUntilChanged, EMPTY, endWith, filter, ignoreElements, interval, map, merge, ReplaySubject, race, share,
  takeUntil, tap, throttle, timer, type Observable, type SchedulerLike,
} from 'rxjs';
import type { ConnectionState } from '../connection/connection-state.js';
import type { HealthSources } from './health-sources.js';
import { HealthTracker } from './health-tracker.js';
import { sameHealth } from './same-health.js';
import type { SessionHealth } from './health.js';

/** Options of {@link buildHealth$}. */
export interface BuildHealthOptions {
  /** At most one snapshot per this many ms, and at least one while anything changes (`monitoring.interval_ms`). */
  readonly intervalMs: number;
  /** No tick for this long (after the first) → the stream is stale (`market_data.stale_after_s` in ms). */
  readonly staleAfterMs: number;
  /** The market data line budget (`limits.market_data_lines`). */
  readonly lineLimit: number;
  /** Rates are measured over this window; default `max(intervalMs, 1000)`. */
  readonly rateWindowMs?: number;
  /** Clock and timers; default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Health snapshots of a session as a function of its streams: connection (state, server version,
 * connected since, reconnects, last disconnect reason, messages in / out per second, pacing queue
 * depth, lines in use / limit) and each live stream (type in effect, ticks per second, age of the
 * last tick, stale, resubscriptions, last error). Nothing is polled: counters follow the sources,
 * and one `interval` timer samples the time-dependent fields (rates, ages, staleness).
 *
 * ```text
 * state$     r-------------------|    intervalMs = 4 frames, staleAfterMs = 10
 * streams$   a-t-------------t---     a: a stream added, t: its ticks (counted, never emitted on their own;
 *                                     ticks may also come as inputs on `inputs$`)
 * health$    A---B---C---S---F---|    A: the state at once; B, C: the new stream, its tick ages 2 and 6;
 *                                     S: stale (age 10); F: fresh again
 * ```
 * - Emits with the first connection state (at once: the session's replays it), then on a change
 *   (connection state, a stream added / removed / requested again / its type / an error) and on
 *   every interval — at most once per `intervalMs` (throttled, the trailing change kept), and only
 *   when the snapshot differs apart from its `time`.
 * - Completes when `connectionState$` completes (the session closed), right after a last snapshot
 *   if a change was pending, and then holds no timer and no subscription. An error of any source
 *   is passed on.
 * - Cold: every subscriber gets its own counters, starting from its subscription. Share it.
 * - With `sources.counters` (a session's own counters), messages in and each stream's ticks, last
 *   tick and type are read from them at each snapshot (counted from the subscription, or from the
 *   stream's `added`), so nothing runs here per message or per tick.
 *
 * @example
 * buildHealth$(sources, { intervalMs: 1000, staleAfterMs: 30_000, lineLimit: 100 })
 *   .subscribe((h) => console.log(h.connection.status, h.streams.filter((s) => s.stale).map((s) => s.symbol)));
 */
export function buildHealth$(sources: HealthSources, options: BuildHealthOptions): Observable<SessionHealth> {
  const { intervalMs, scheduler = asyncScheduler } = options;
  return defer(() => {
    const counters = sources.counters ?? {};
    const tracker = new HealthTracker(
      { staleAfterMs: options.staleAfterMs, lineLimit: options.lineLimit, rateWindowMs: options.rateWindowMs ?? Math.max(intervalMs, 1000) },
      scheduler.now(),
      counters,
    );
    // Subscribed several times (changes, end of the session, throttle windows): one upstream subscription.
    const state$ = sources.connectionState$.pipe(share({ connector: () => new ReplaySubject<ConnectionState>(1) }));
    const end$ = state$.pipe(ignoreElements(), endWith(true));
    const now = (): number => scheduler.now();
    // Each source updates the tracker. Counters (messages in / out, ticks) only feed rates: they stop
    // right there (no hop further per tick); everything else is a change worth a snapshot.
    // Everything but the state ends with the state (the session closed), so the merge completes then.
    const others$ = merge(
      counters.inbound === undefined ? sources.inbound$.pipe(tap(() => { tracker.inbound(); }), ignoreElements()) : EMPTY,
      (sources.outbound$ ?? EMPTY).pipe(tap(({ sent, queued }) => { tracker.outbound(sent, queued); }), ignoreElements()),
      sources.streams$.pipe(
        tap((event) => { if (event.type === 'tick') tracker.tick(event.key, event.field, event.time); else tracker.stream(event, now()); }),
        filter((event) => event.type !== 'tick'),
      ),
      (sources.inputs$ ?? EMPTY).pipe(
        tap(({ key, step: { input } }) => { tracker.input(key, input); }),
        filter(({ step: { input } }) => input.type === 'marketDataType'),
      ),
      counters.changes$ ?? EMPTY,
      sources.errors$.pipe(tap((error) => { tracker.sessionError(error); })),
      interval(intervalMs, scheduler),
    ).pipe(takeUntil(end$));
    const changes$ = merge(state$.pipe(tap((state) => { tracker.connectionState(state, now()); })), others$);
    return changes$.pipe(
      filter(() => tracker.started),
      // A window also ends when the session closes, so the last snapshot goes out at once (no timer left).
      throttle(() => race(timer(intervalMs, scheduler), end$), { leading: true, trailing: true }),
      map(() => tracker.snapshot(now())),
      distinctUntilChanged(sameHealth),
    );
  });
}
