import type { Subscription } from 'rxjs';
import { IbConnection, type IbConnectionOptions } from '../lib/connection/ib-connection.js';
import { IbSession } from '../lib/session/ib-session.js';
import { BENCH_MAX_REQ_PER_SEC, HOST, whenAll, type BenchClient, type BenchClientOptions } from './baseline-clients.js';
import { Meter } from './meter.js';
import { probeLatencyUs } from './probe.js';
import { nowUs } from './stats.js';

/** How a bench session differs from the default one. */
export interface BenchSessionOptions {
  /** `IbConnectionOptions.tickFastPath` (default true: ticks decoded in the frame guard). */
  readonly tickFastPath?: boolean;
  /** Also subscribe to `session.health$` (what monitoring costs). */
  readonly health?: boolean;
}

/**
 * A session on the feed. The config caps pacing at TWS's 50 messages/s; the simulator does not
 * enforce it, so the bench raises the budget (through the `createConnection` hook) to keep the
 * set-up of 100 subscriptions as short as the baselines' (`maxReqPerSec` 1000). Ticks are not
 * paced: only outgoing requests are. The same hook turns the tick fast path off when asked.
 */
export const benchSession = (port: number, clientId: number, history: number, options: BenchSessionOptions = {}): IbSession =>
  new IbSession(
    {
      api: { tws_endpoint: HOST, port, client_id: clientId },
      market_data: { data_type: 'realtime', history, timeout: 20 },
      limits: { market_data_lines: 10_000 },
    },
    {
      createConnection: (o: IbConnectionOptions) =>
        new IbConnection({ ...o, maxMessagesPerSecond: BENCH_MAX_REQ_PER_SEC, tickFastPath: options.tickFastPath ?? true }),
    },
  );

const closer = (session: IbSession, subscriptions: readonly Subscription[]) => async (): Promise<void> => {
  for (const s of subscriptions) s.unsubscribe();
  await session.close();
};

/** The session's `health$`, subscribed for the client's lifetime when asked (its snapshots are dropped). */
const healthSubscriptions = (session: IbSession, options: BenchSessionOptions): Subscription[] =>
  options.health === true ? [session.health$.subscribe({ error: () => undefined })] : [];

/** (c) ib-rx `session.ticks$(symbol)` per symbol, counting ticks. */
export const ticksClient = (options: BenchClientOptions, history: number): BenchClient => {
  const session = benchSession(options.port, options.clientId, history);
  const meter = new Meter();
  const latenciesUs: number[] = [];
  const seen = new Set<string>();
  const probe = options.probe;
  const subscriptions = options.symbols.map((symbol) =>
    session.ticks$(symbol).subscribe({
      next: (tick) => {
        meter.hit();
        if (seen.size < options.symbols.length) seen.add(symbol);
        if (probe && (tick.field === 'bid' || tick.field === 'last')) {
          const latency = probeLatencyUs(tick.value, nowUs());
          if (latency !== undefined) latenciesUs.push(latency);
        }
      },
      error: () => undefined,
    }),
  );
  return { meter, latenciesUs, ready: whenAll(() => seen.size, options.symbols.length), close: closer(session, subscriptions) };
};

/**
 * (d) ib-rx `session.marketData$(symbol)` per symbol (full MarketState), counting states; with
 * `sessionOptions`, without the tick fast path and / or with `health$` subscribed.
 */
export const stateClient = (options: BenchClientOptions, history: number, sessionOptions: BenchSessionOptions = {}): BenchClient => {
  const session = benchSession(options.port, options.clientId, history, sessionOptions);
  const health = healthSubscriptions(session, sessionOptions);
  const meter = new Meter();
  const latenciesUs: number[] = [];
  const seen = new Set<string>();
  const probe = options.probe;
  const subscriptions = options.symbols.map((symbol) => {
    let bid: number | undefined;
    let last: number | undefined;
    return session.marketData$(symbol).subscribe({
      next: (state) => {
        meter.hit();
        if (seen.size < options.symbols.length) seen.add(symbol);
        if (!probe) return;
        // The state holding a probe tick is the first one whose bid (or last) carries it.
        const changed = state.bid !== bid ? state.bid : state.last !== last ? state.last : undefined;
        bid = state.bid;
        last = state.last;
        if (changed !== undefined) {
          const latency = probeLatencyUs(changed, nowUs());
          if (latency !== undefined) latenciesUs.push(latency);
        }
      },
      error: () => undefined,
    });
  });
  return { meter, latenciesUs, ready: whenAll(() => seen.size, options.symbols.length), close: closer(session, [...health, ...subscriptions]) };
};
