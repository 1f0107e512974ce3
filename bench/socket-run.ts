import type { BenchClient, BenchClientOptions } from './baseline-clients.js';
import type { Feed } from './feed.js';
import type { Meter } from './meter.js';
import { nowMs, sleep } from './stats.js';

/**
 * The ways of consuming the feed, plus `sink`: the feed's own ceiling (no decoding). `rawFast`,
 * `stateNoFast` and `stateHealth` separate the effects behind (d): ib-rx's tick decoder alone,
 * the session without that decoder, and the session with monitoring on.
 */
export type Variant = 'raw' | 'rawFast' | 'next' | 'ticks' | 'state' | 'stateNoFast' | 'stateHealth' | 'sink';
export const VARIANTS: readonly Variant[] = ['raw', 'rawFast', 'next', 'ticks', 'state', 'stateNoFast', 'stateHealth', 'sink'];
export const VARIANT_LABELS: Readonly<Record<Variant, string>> = {
  sink: '(feed ceiling: frames only, no decode)',
  raw: '(a) IBApi raw listener',
  rawFast: "(a') IBApi + ib-rx tick decoder",
  next: '(b) IBApiNext.getMarketData',
  ticks: '(c) ib-rx session.ticks$',
  state: '(d) ib-rx session.marketData$',
  stateNoFast: "(d') marketData$, fast path off",
  stateHealth: '(d") marketData$ + health$',
};

export type ClientFactory = (options: BenchClientOptions) => BenchClient;

/**
 * Resolves with the number of deliveries once `meter` has not moved for `quietMs` (after at least
 * one delivery, or after `startTimeoutMs` without any). Only for "is it over": durations come from
 * the meter's stamps.
 */
export const untilQuiet = (meter: Meter, quietMs: number, startTimeoutMs = 5000): Promise<number> =>
  new Promise((resolve) => {
    const base = meter.count;
    let seen = base;
    let movedAt = Number.NaN;
    const started = nowMs();
    const timer = setInterval(() => {
      const now = nowMs();
      if (meter.count !== seen) {
        seen = meter.count;
        movedAt = now;
        return;
      }
      const idle = Number.isNaN(movedAt) ? now - started >= startTimeoutMs : now - movedAt >= quietMs;
      if (idle) {
        clearInterval(timer);
        resolve(seen - base);
      }
    }, 2);
  });

/** Waits until the client has been silent for `quietMs` (initial snapshot traffic settled). */
export const settle = async (client: BenchClient, quietMs = 100): Promise<void> => {
  await untilQuiet(client.meter, quietMs, quietMs);
};

let clientIds = 100;
/** A fresh client id per connection, so the simulator never answers 326. */
export const nextClientId = (): number => clientIds++;

/** Connects a client on the feed and waits for every symbol's first data and for silence. */
export const openClient = async (
  factory: ClientFactory,
  feed: Feed,
  symbols: readonly string[],
  probe: boolean,
): Promise<BenchClient> => {
  const client = factory({ port: feed.port, clientId: nextClientId(), symbols, probe });
  try {
    await client.ready;
  } catch (error) {
    await client.close();
    throw error;
  }
  await settle(client);
  return client;
};

/** Collects garbage between runs when the process allows it (see gc.ts). */
export const pause = async (gc: (() => void) | undefined): Promise<void> => {
  gc?.();
  await sleep(20);
};
