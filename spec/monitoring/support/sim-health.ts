// Monitoring against the simulator: a session with fast timings, its health$, and polling helpers.
import { setTimeout as sleep } from 'node:timers/promises';
import { distinctUntilChanged, endWith, ignoreElements, interval, map, startWith, takeUntil, type Observable } from 'rxjs';
import type { Config, ConfigInput } from '../../../lib/config/index.js';
import type { SessionHealth } from '../../../lib/monitoring/health.js';
import type { MonitorableSession } from '../../../lib/monitoring/session-health-sources.js';
import { sessionHealth$ } from '../../../lib/monitoring/session-health.js';
import type { LiveSubscription } from '../../../lib/requests/subscription-registry.js';
import { IbSession } from '../../../lib/session/ib-session.js';
import type { Simulator } from '../../../lib/sim/index.js';

/** A session on `sim` with fast reconnects and a 100 ms health interval (override per spec). */
export function simSession(sim: Simulator, config: ConfigInput = {}): IbSession {
  return new IbSession(
    {
      ...config,
      api: { tws_endpoint: sim.host, port: sim.port, client_id: 1, ...config.api },
      market_data: { timeout: 3, data_type: 'realtime', stale_after_s: 30, ...config.market_data },
      reconnect: { initial_delay_ms: 20, max_delay_ms: 80, heartbeat_ms: 200, stall_timeout_ms: 10_000, ...config.reconnect },
      monitoring: { interval_ms: 100, ...config.monitoring },
    },
    { readyTimeoutMs: 100 },
  );
}

const sameList = (a: readonly LiveSubscription[], b: readonly LiveSubscription[]): boolean =>
  a.length === b.length && a.every((s, i) => { const t = b[i]; return t !== undefined && s.key === t.key && s.reqId === t.reqId; });

/**
 * The session as monitoring reads it. Uses `IbSession.subscriptions$` when the session has it; until
 * then (it is requested from the session's owner) the SPEC ONLY reads `subscriptions()` every 5 ms —
 * the library itself never polls.
 */
export function monitorable(session: IbSession): MonitorableSession & { readonly config: Config } {
  const own$ = (session as Partial<MonitorableSession>).subscriptions$;
  const closed$ = session.connectionState$.pipe(ignoreElements(), endWith(true));
  const subscriptions$: Observable<readonly LiveSubscription[]> = own$ ?? interval(5).pipe(
    startWith(0),
    map(() => session.subscriptions()),
    distinctUntilChanged(sameList),
    takeUntil(closed$),
  );
  return { events$: session.events$, connectionState$: session.connectionState$, errors$: session.errors$, subscriptions$, config: session.config };
}

const builtHealth = new WeakMap<IbSession, Observable<SessionHealth>>();

/** `session.health$` when the session has it, else the same (shared) stream built here, one per session. */
export function healthOf$(session: IbSession): Observable<SessionHealth> {
  const own$ = (session as { readonly health$?: Observable<SessionHealth> }).health$;
  if (own$ !== undefined) return own$;
  const health$ = builtHealth.get(session) ?? sessionHealth$(monitorable(session));
  builtHealth.set(session, health$);
  return health$;
}

/** Resolves with the first value of `read()` that satisfies `ok` (polled every 10 ms); rejects after `ms` naming `what`. */
export async function eventually<T>(read: () => T, ok: (value: T) => boolean, ms: number, what: string): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = read();
    if (ok(value)) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${JSON.stringify(value)})`);
    await sleep(10);
  }
}

/** Active handles by kind (`process.getActiveResourcesInfo()`, without transient fs requests), for leak checks. */
export function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) if (!kind.startsWith('FSReq')) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}
