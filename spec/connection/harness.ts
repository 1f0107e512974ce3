/** Test harness for IbConnection specs against the simulator (real sockets, short delays). */
import { IBApi } from '@stoqey/ib';
import { firstValueFrom, timer } from 'rxjs';
import type { Subscription } from 'rxjs';
import { IbConnection } from '../../lib/connection/ib-connection.js';
import type { ConnectionReady, IbConnectionOptions } from '../../lib/connection/ib-connection.js';
import type { ConnectionState } from '../../lib/connection/connection-state.js';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import type { IbRxError } from '../../lib/errors.js';
import type { Simulator } from '../../lib/sim/index.js';
export { waitUntil } from '../support/wait-until.js';

/** Short delays so fault specs run in well under a second each. */
export const FAST_RECONNECT = {
  initial_delay_ms: 20,
  max_delay_ms: 80,
  max_attempts: null,
  heartbeat_ms: 100,
  stall_timeout_ms: 400,
} as const;

export interface Harness {
  readonly conn: IbConnection;
  readonly readies: ConnectionReady[];
  readonly errors: IbRxError[];
  readonly events: IbEvent[];
  readonly states: ConnectionState[];
  /** Every IBApi the connection created, in order. */
  readonly apis: IBApi[];
  /** Closes the connection and stops collecting. */
  close(): Promise<void>;
}

/** An opened IbConnection to `sim`, with everything it emits collected. */
export function openHarness(sim: Simulator, overrides: Partial<IbConnectionOptions> = {}): Harness {
  const apis: IBApi[] = [];
  const conn = new IbConnection({
    host: sim.host,
    port: sim.port,
    clientId: 1,
    reconnect: FAST_RECONNECT,
    maxMessagesPerSecond: 45,
    readyTimeoutMs: 200,
    stableAfterMs: 5_000,
    createApi: (o) => {
      const api = new IBApi(o);
      apis.push(api);
      return api;
    },
    ...overrides,
  });
  const readies: ConnectionReady[] = [];
  const errors: IbRxError[] = [];
  const events: IbEvent[] = [];
  const states: ConnectionState[] = [];
  const fail = (e: unknown): never => { throw e; };
  const subs: Subscription[] = [
    conn.ready$.subscribe({ next: (r) => readies.push(r), error: fail }),
    conn.errors$.subscribe({ next: (e) => errors.push(e), error: fail }),
    conn.events$.subscribe({ next: (e) => events.push(e), error: fail }),
    conn.state$.subscribe({ next: (s) => states.push(s), error: fail }),
  ];
  conn.open();
  return {
    conn, readies, errors, events, states, apis,
    close: async () => {
      await conn.close();
      subs.forEach((s) => { s.unsubscribe(); });
    },
  };
}


/** IBApi listeners still attached (all event names). */
export function listenerCount(api: IBApi): number {
  return api.eventNames().reduce((n, name) => n + api.listenerCount(name), 0);
}

/**
 * The process's long-lived handles and timers (`process.getActiveResourcesInfo()`, sorted, without
 * transient fs requests). Take it after the test's first `await`: mocha arms its test timeout
 * timer once the test function returned its promise.
 */
export function activeResources(): string[] {
  return process.getActiveResourcesInfo().filter((r) => r !== 'FSReqCallback').sort();
}

/**
 * {@link activeResources} once it equals `baseline`, or its last value after `ms`. Measured
 * between 25 ms sleeps, so the sleep's own timer is not counted.
 */
export async function settledResources(baseline: readonly string[], ms: number): Promise<string[]> {
  let now = activeResources();
  for (let waited = 0; waited < ms && now.join() !== baseline.join(); waited += 25) {
    await firstValueFrom(timer(25), { defaultValue: 0 });
    now = activeResources();
  }
  return now;
}
