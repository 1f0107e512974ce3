// Helpers for IbSession specs against the built-in simulator (real sockets, short delays).
import { IBApi } from '@stoqey/ib';
import { createHook } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { asyncScheduler, firstValueFrom, type Observable } from 'rxjs';
import type { ConfigInput } from '../../lib/config/index.js';
import { IbConnection } from '../../lib/connection/ib-connection.js';
import { IbSession } from '../../lib/session/ib-session.js';
import type { IbSessionOptions } from '../../lib/session/session-options.js';
import type { SimClientStats, Simulator } from '../../lib/sim/index.js';
export { waitUntil } from '../support/wait-until.js';

/** A session on `sim` with fast reconnects and short timeouts (override per spec). */
export function simSession(sim: Simulator, config: ConfigInput = {}, options: IbSessionOptions = {}): IbSession {
  return new IbSession(
    {
      ...config,
      api: { tws_endpoint: sim.host, port: sim.port, client_id: 1, ...config.api },
      market_data: { timeout: 3, data_type: 'realtime', stale_after_s: 30, ...config.market_data },
      reconnect: { initial_delay_ms: 20, max_delay_ms: 80, heartbeat_ms: 200, stall_timeout_ms: 2000, ...config.reconnect },
      limits: { max_messages_per_s: 50, ...config.limits },
    },
    { readyTimeoutMs: 100, ...options },
  );
}


/** The simulator's view of the newest open connection (throws when there is none). */
export function liveClient(sim: Simulator): SimClientStats {
  const client = sim.stats().clients.filter((c) => c.open).at(-1);
  if (client === undefined) throw new Error('no open connection at the simulator');
  return client;
}

/** The simulator's live subscriptions of the newest connection as `reqId:symbol`, sorted. */
export function simSubscriptions(sim: Simulator): string[] {
  return liveClient(sim).subscriptions.map((s) => `${s.reqId}:${s.symbol}`).sort();
}

/** The session's registry as `reqId:symbol`, sorted. */
export function sessionSubscriptions(session: IbSession): string[] {
  return session.subscriptions().map((s) => `${String(s.reqId)}:${s.symbol}`).sort();
}

/** Active handles by kind (`process.getActiveResourcesInfo()`), for leak checks. */
export function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Resource counts once they equal `expected` (sockets take a moment to close), or after ~1 s. */
export async function settledResourceCounts(expected: Record<string, number>): Promise<Record<string, number>> {
  const want = JSON.stringify(expected);
  for (let i = 0; i < 40 && JSON.stringify(resourceCounts()) !== want; i++) await sleep(25);
  return resourceCounts();
}

const TRACKED = new Set(['Timeout', 'Immediate', 'TCPWRAP', 'TCPSERVERWRAP']);

/** Handles (timers, sockets, servers) created while tracking and still open, by creation stack. */
export interface HandleTracker {
  /** Stops tracking; resolves with the stacks of tracked handles still open (empty = nothing leaked). */
  stop(): Promise<string[]>;
}

/**
 * Starts recording every timer, immediate and TCP handle created from now on (mocha's own and this
 * helper's are ignored), to check after `close()` that none is left — not assumed from counts.
 */
export function trackHandles(): HandleTracker {
  const open = new Map<number, string>();
  const hook = createHook({
    init(id, type) {
      if (!TRACKED.has(type)) return;
      const stack = new Error(type).stack ?? type;
      if (!stack.includes('node_modules/mocha/') && !stack.includes('sim-session.ts')) open.set(id, stack);
    },
    destroy(id) {
      open.delete(id);
    },
  }).enable();
  return {
    async stop() {
      for (let i = 0; i < 40 && open.size > 0; i++) await sleep(25);
      hook.disable();
      return [...open.values()];
    },
  };
}

/** One outgoing IBApi call as the session's connection made it. */
export interface SentCall {
  /** `asyncScheduler.now()` (= `Date.now()`) at the call: the clock the connection's pacer runs on. */
  readonly at: number;
  readonly method: 'reqMktData' | 'cancelMktData' | 'reqMarketDataType' | 'reqCurrentTime';
  readonly arg: unknown;
}

/**
 * `IbSessionOptions.createConnection` that records every market-data message the real
 * `IbConnection` hands to its IBApi into `calls`, stamped on the pacer's own clock
 * (`asyncScheduler.now()`), so gaps compare with the pacing budget without a second clock.
 */
export function recordingConnection(calls: SentCall[]): NonNullable<IbSessionOptions['createConnection']> {
  return (options) => new IbConnection({
    ...options,
    createApi: (o) => {
      const api = new IBApi(o);
      for (const method of ['reqMktData', 'cancelMktData', 'reqMarketDataType', 'reqCurrentTime'] as const) {
        const original = api[method].bind(api) as (...args: unknown[]) => IBApi;
        Object.assign(api, { [method]: (...args: unknown[]) => { calls.push({ at: asyncScheduler.now(), method, arg: args[0] }); return original(...args); } });
      }
      return api;
    },
  });
}

/** The first value of `source$` (undefined if it completes first). */
export function firstOf<T>(source$: Observable<T>): Promise<T | undefined> {
  return firstValueFrom(source$, { defaultValue: undefined });
}

/** The error `source$` ends with before its first value, or `undefined`. */
export function errorOf(source$: Observable<unknown>): Promise<unknown> {
  return firstValueFrom(source$, { defaultValue: undefined }).then(() => undefined, (error: unknown) => error);
}

/** An observer that collects values and fails the spec on an unexpected error. */
export function collect<T>(into: T[], onError: (error: unknown) => void = (error) => { throw error; }): { next: (value: T) => void; error: (error: unknown) => void } {
  return { next: (value) => into.push(value), error: onError };
}
