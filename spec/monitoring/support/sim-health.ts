// Monitoring against the simulator: a session with fast timings, its health$, and polling helpers.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConfigInput } from '../../../lib/config/index.js';
import { IbSession } from '../../../lib/session/ib-session.js';
import type { Simulator } from '../../../lib/sim/index.js';

const POLL_MS = 10;

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

/**
 * Resolves with the first value of `read()` (awaited) that satisfies `ok`, polling every 10 ms;
 * rejects after `ms / 10` polls naming `what` and the last value. No timer is pending while `read`
 * runs (leak checks count timers), and a busy machine only makes it wait longer, never give up sooner.
 */
export async function eventually<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, ms: number, what: string): Promise<T> {
  let value = await read();
  for (let waited = 0; !ok(value); waited += POLL_MS) {
    if (waited >= ms) throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${JSON.stringify(value)})`);
    await sleep(POLL_MS);
    value = await read();
  }
  return value;
}

/** Active handles by kind (`process.getActiveResourcesInfo()`, without transient fs requests), for leak checks. */
export function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) if (!kind.startsWith('FSReq')) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}
