import { defer, ReplaySubject, share, type Observable, type SchedulerLike } from 'rxjs';
import type { Config } from '../config/index.js';
import { buildHealth$ } from './build-health.js';
import type { SessionHealth } from './health.js';
import type { HealthCounters } from './health-sources.js';
import { sessionHealthSources, type MonitorableSession } from './session-health-sources.js';

/** Options of {@link sessionHealth$}. */
export interface SessionHealthOptions {
  /** Clock and timers; default `asyncScheduler` (the session's scheduler in tests). */
  readonly scheduler?: SchedulerLike | undefined;
}

/**
 * The health of a session (what `IbSession.health$` is): {@link buildHealth$} over
 * {@link sessionHealthSources}, with the session's config — `monitoring.interval_ms`,
 * `market_data.stale_after_s`, `limits.market_data_lines`. Shared: every subscriber sees the same
 * counters and a late one gets the latest snapshot at once; the counters start with the first
 * subscriber and end with the last. Completes when the session closes. Subscribing does not
 * connect the session.
 *
 * @example
 * sessionHealth$(session).subscribe((h) => console.log(h.connection.status, h.connection.reconnects));
 */
export function sessionHealth$(session: MonitorableSession & { readonly config: Config }, options: SessionHealthOptions = {}): Observable<SessionHealth> {
  return countedSessionHealth$(session, undefined, options);
}

/**
 * {@link sessionHealth$} with the session's own counters (`IbSession.health$`): messages in and the
 * streams' ticks are read at each snapshot instead of observed one by one (see `HealthCounters`).
 */
export function countedSessionHealth$(
  session: MonitorableSession & { readonly config: Config }, counters: HealthCounters | undefined, options: SessionHealthOptions = {},
): Observable<SessionHealth> {
  return defer(() => {
    const { config } = session;
    return buildHealth$(sessionHealthSources(session, counters), {
      intervalMs: config.monitoring.interval_ms,
      staleAfterMs: config.market_data.stale_after_s * 1000,
      lineLimit: config.limits.market_data_lines,
      ...(options.scheduler !== undefined && { scheduler: options.scheduler }),
    });
  }).pipe(share({ connector: () => new ReplaySubject<SessionHealth>(1), resetOnError: true, resetOnComplete: true, resetOnRefCountZero: true }));
}
