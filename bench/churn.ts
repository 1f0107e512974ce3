import net from 'node:net';
import { IBApi } from '@stoqey/ib';
import { firstValueFrom, type Subscription } from 'rxjs';
import type { Feed } from './feed.js';
import { nextClientId } from './socket-run.js';
import { median, nowMs, round, sleep } from './stats.js';

export interface ChurnOptions {
  readonly feed: Feed;
  readonly cycles: number;
  readonly gc?: () => void;
  readonly log?: (line: string) => void;
}

interface BeforeAfter {
  readonly before: number;
  readonly after: number;
}

export interface ChurnResult {
  readonly cycles: number;
  readonly seconds: number | null;
  readonly cyclesPerS: number | null;
  /** Median cycle (subscribe → first state → unsubscribe), ms, with TCP_NODELAY on the client socket. */
  readonly cycleMs: number | null;
  /**
   * The same on a session exactly as ib-rx opens it, without the bench's patch (the key name is
   * historical: since `connectApi` sets TCP_NODELAY itself this is no longer a Nagle measurement).
   */
  readonly cycleMsWithoutNoDelay: number | null;
  /** Listeners on the session's `IBApi` (baseline: after warm-up cycles, one anchor subscription live). */
  readonly listeners: BeforeAfter;
  /** Active handles / resources of this process (sockets, timers, immediates). */
  readonly handles: BeforeAfter;
  readonly heapMb: BeforeAfter;
  /** Heap after a full gc every `CHECKPOINT_EVERY` cycles (a leak shows as a steady climb). */
  readonly heapCheckpointsMb: readonly number[];
  /** Live subscriptions the simulator still holds for the session (1 = only the anchor). */
  readonly simLiveSubscriptions: number | null;
  /** reqMktData / cancelMktData the simulator received during the measured cycles. */
  readonly simReqMktData: number | null;
  readonly simCancelMktData: number | null;
  /** Handles after `close()` compared with before the session existed. */
  readonly handlesAfterClose: BeforeAfter;
  readonly backToBaseline: boolean;
}

/** Symbols the churn cycles rotate over, and the anchor that keeps the connection open. */
export const CHURN_SYMBOLS = ['AAPL', 'MSFT', 'SPY', 'TSLA', 'NVDA', 'IBM', 'AMD', 'QQQ'];
export const CHURN_ANCHOR = 'INTC';
const WARM_UP_CYCLES = 50;
const AS_IS_CYCLES = 10;
const CHECKPOINT_EVERY = 2000;

const handleCount = (): number => process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap').length;

/** Every `IBApi` created while `fn` runs, to count its listeners (the session keeps it private). */
const trackApis = (): { readonly apis: Set<IBApi>; readonly restore: () => void } => {
  const apis = new Set<IBApi>();
  const proto = IBApi.prototype as { connect: (...a: unknown[]) => unknown };
  const original = proto.connect;
  proto.connect = function (this: IBApi, ...a: unknown[]) {
    apis.add(this);
    return original.apply(this, a);
  };
  return {
    apis,
    restore: () => {
      proto.connect = original;
    },
  };
};

const listenerCount = (apis: Set<IBApi>): number =>
  [...apis].reduce((n, api) => n + api.eventNames().reduce((m, name) => m + api.listenerCount(name), 0), 0);

/**
 * Sets TCP_NODELAY on every socket connected while it is installed (returns the uninstaller).
 * `@stoqey/ib` leaves Nagle on: a request written while an earlier small write (a cancel) is
 * unacknowledged waits for the server's delayed ACK, about 40 ms on Linux loopback.
 */
const installNoDelay = (): (() => void) => {
  const proto = net.Socket.prototype as { connect: (...a: unknown[]) => unknown };
  const original = proto.connect;
  proto.connect = function (this: net.Socket, ...a: unknown[]) {
    this.setNoDelay(true);
    return original.apply(this, a);
  };
  return () => {
    proto.connect = original;
  };
};

/** One session with an anchor subscription, and a cycle = subscribe, first state, unsubscribe. */
const openChurnSession = async (feed: Feed) => {
  const { benchSession } = await import('./session-clients.js');
  const session = benchSession(feed.port, nextClientId(), 10_000);
  let anchor: Subscription | undefined;
  await new Promise<void>((resolve, reject) => {
    anchor = session.marketData$(CHURN_ANCHOR).subscribe({ next: () => { resolve(); }, error: reject });
  });
  const cycle = async (i: number): Promise<void> => {
    await firstValueFrom(session.marketData$(CHURN_SYMBOLS[i % CHURN_SYMBOLS.length] ?? 'AAPL'), { defaultValue: undefined });
  };
  const close = async (): Promise<void> => {
    anchor?.unsubscribe();
    await session.close();
  };
  return { cycle, close };
};

/** Median time of a subscribe → first state → unsubscribe cycle with the client as it is. */
const cycleMsAsIs = async (feed: Feed, cycles: number): Promise<number> => {
  const churn = await openChurnSession(feed);
  try {
    const times: number[] = [];
    for (let i = 0; i < cycles; i++) {
      const t0 = nowMs();
      await churn.cycle(i);
      times.push(nowMs() - t0);
    }
    return median(times);
  } finally {
    await churn.close();
  }
};

/**
 * `cycles` subscribe → first MarketState → unsubscribe cycles on one session against the
 * simulator (reqMktData and cancelMktData on the wire each time, rotating over a few symbols; one
 * anchor subscription keeps the connection open), then listener, handle and heap counts against
 * the baseline taken after warm-up. The cycles run with TCP_NODELAY (see `installNoDelay`); the
 * cycle time without it is measured first on a few cycles.
 */
export const runChurnBench = async (options: ChurnOptions): Promise<ChurnResult> => {
  const heap = (): number => {
    options.gc?.();
    return round(process.memoryUsage().heapUsed / 1024 / 1024, 4) ?? Number.NaN;
  };
  const asIsMs = await cycleMsAsIs(options.feed, AS_IS_CYCLES);
  await sleep(50);
  const handlesBeforeSession = handleCount();
  const tracker = trackApis();
  const uninstallNoDelay = installNoDelay();
  const churn = await openChurnSession(options.feed).finally(uninstallNoDelay);
  try {
    // Preallocated: a growing array would show up as heap growth of the bench itself.
    const times = new Float64Array(options.cycles);
    const heapCheckpoints: number[] = [];
    for (let i = 0; i < WARM_UP_CYCLES; i++) await churn.cycle(i);
    await sleep(50);
    const listenersBefore = listenerCount(tracker.apis);
    const handlesBefore = handleCount();
    const heapBefore = heap();
    type Counters = { liveSubscriptions: number; reqMktData: number; cancelMktData: number };
    const countersBefore = await options.feed.command<Counters>({ cmd: 'counters' });
    const start = nowMs();
    for (let i = 0; i < options.cycles; i++) {
      const t0 = nowMs();
      await churn.cycle(i);
      times[i] = nowMs() - t0;
      if ((i + 1) % CHECKPOINT_EVERY === 0) {
        heapCheckpoints.push(heap());
        options.log?.(`  churn: ${i + 1} cycles, heap ${heapCheckpoints.at(-1)} MB`);
      }
    }
    const seconds = (nowMs() - start) / 1000;
    await sleep(100);
    const listenersAfter = listenerCount(tracker.apis);
    const handlesAfter = handleCount();
    const heapAfter = heap();
    const counters = await options.feed.command<Counters>({ cmd: 'counters' });
    await churn.close();
    await sleep(100);
    const handlesAfterClose = handleCount();
    return {
      cycles: options.cycles,
      seconds: round(seconds),
      cyclesPerS: round(options.cycles / seconds),
      cycleMs: round(median([...times]), 3),
      cycleMsWithoutNoDelay: round(asIsMs, 3),
      listeners: { before: listenersBefore, after: listenersAfter },
      handles: { before: handlesBefore, after: handlesAfter },
      heapMb: { before: heapBefore, after: heapAfter },
      heapCheckpointsMb: heapCheckpoints,
      simLiveSubscriptions: counters.liveSubscriptions,
      simReqMktData: counters.reqMktData - countersBefore.reqMktData,
      simCancelMktData: counters.cancelMktData - countersBefore.cancelMktData,
      handlesAfterClose: { before: handlesBeforeSession, after: handlesAfterClose },
      backToBaseline:
        listenersAfter === listenersBefore && handlesAfter <= handlesBefore && handlesAfterClose <= handlesBeforeSession,
    };
  } finally {
    tracker.restore();
    await churn.close();
  }
};
