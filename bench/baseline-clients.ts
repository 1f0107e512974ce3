import { EventName, IBApi, IBApiNext, IBApiTickType, MarketDataType, SecType } from '@stoqey/ib';
import type { Contract } from '@stoqey/ib';
import type { Socket } from 'node:net';
import type { Subscription } from 'rxjs';
import { Meter } from './meter.js';
import { probeLatencyUs } from './probe.js';
import { nowUs } from './stats.js';

/** What every benchmark client (baseline or ib-rx) exposes to the runner. */
export interface BenchClient {
  /** Deliveries to the user's callback (events, updates, ticks or states). */
  readonly meter: Meter;
  /** Probe latencies seen so far, microseconds (probe mode only). */
  readonly latenciesUs: number[];
  /** Resolves once every symbol has delivered something. */
  readonly ready: Promise<void>;
  /** Disconnects and releases everything. */
  readonly close: () => Promise<void>;
}

export interface BenchClientOptions {
  readonly port: number;
  readonly clientId: number;
  readonly symbols: readonly string[];
  /** Decode the send time from LAST prices (probe.ts). */
  readonly probe: boolean;
}

export const HOST = '127.0.0.1';
/** Request pacing for the baselines: high, so that 100 subscriptions do not take 2.5 s. */
export const BENCH_MAX_REQ_PER_SEC = 1000;

export const stock = (symbol: string): Contract => ({ symbol, secType: SecType.STK, exchange: 'SMART', currency: 'USD' });

/** Resolves when `seen` has reached `needed` entries, checked every 5 ms. */
export const whenAll = (seen: () => number, needed: number, timeoutMs = 20_000): Promise<void> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (seen() >= needed) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`only ${seen()} of ${needed} symbols delivered data`));
      }
    }, 5);
  });

/**
 * Something put between the socket and the client before it connects (see raw-fast-client.ts):
 * gets the IBApi and a `counted(reqId)` to call per delivery, returns its teardown.
 */
export type RawClientEdge = (api: IBApi, counted: (reqId: number) => void) => () => void;

/**
 * (a) raw `IBApi`: a trivial tickPrice / tickSize / tickString / tickGeneric listener that counts.
 * With `edge`, that is attached first (its deliveries count too).
 */
export const rawClient = (options: BenchClientOptions, edge?: RawClientEdge): BenchClient & { readonly api: IBApi } => {
  const api = new IBApi({ host: HOST, port: options.port, clientId: options.clientId, maxReqPerSec: BENCH_MAX_REQ_PER_SEC });
  const latenciesUs: number[] = [];
  const seen = new Set<number>();
  const meter = new Meter();
  const probe = options.probe;
  const counted = (reqId: number): void => {
    meter.hit();
    if (seen.size < options.symbols.length) seen.add(reqId);
  };
  const detach = edge?.(api, counted);
  api.on(EventName.tickPrice, (reqId: number, tickType: IBApiTickType, price: number) => {
    counted(reqId);
    if (probe && (tickType === IBApiTickType.BID || tickType === IBApiTickType.LAST)) {
      const latency = probeLatencyUs(price, nowUs());
      if (latency !== undefined) latenciesUs.push(latency);
    }
  });
  const hit = (): void => {
    meter.hit();
  };
  api.on(EventName.tickSize, hit);
  api.on(EventName.tickString, hit);
  api.on(EventName.tickGeneric, hit);
  api.on(EventName.error, () => undefined);
  api.once(EventName.nextValidId, () => {
    api.reqMarketDataType(MarketDataType.REALTIME);
    options.symbols.forEach((symbol, i) => {
      api.reqMktData(i + 1, stock(symbol), '', false, false);
    });
  });
  api.connect(options.clientId);
  return {
    api,
    meter,
    latenciesUs,
    ready: whenAll(() => seen.size, options.symbols.length),
    close: async () => {
      const gone = new Promise<void>((resolve) => {
        api.once(EventName.disconnected, () => {
          resolve();
        });
      });
      detach?.();
      api.disconnect();
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 500))]);
      api.removeAllListeners();
    },
  };
};

/** (b) `IBApiNext.getMarketData`: one subscription per symbol, counting updates. */
export const nextClient = (options: BenchClientOptions): BenchClient => {
  const next = new IBApiNext({ host: HOST, port: options.port, maxReqPerSec: BENCH_MAX_REQ_PER_SEC });
  const latenciesUs: number[] = [];
  const seen = new Set<number>();
  const meter = new Meter();
  const probe = options.probe;
  next.connect(options.clientId);
  next.setMarketDataType(MarketDataType.REALTIME);
  const subscriptions: Subscription[] = options.symbols.map((symbol, i) =>
    next.getMarketData(stock(symbol), '', false, false).subscribe({
      next: (update) => {
        meter.hit();
        if (seen.size < options.symbols.length) seen.add(i);
        if (probe) {
          const changed = update.changed ?? update.added;
          const price = changed?.get(IBApiTickType.BID)?.value ?? changed?.get(IBApiTickType.LAST)?.value;
          if (price !== undefined) {
            const latency = probeLatencyUs(price, nowUs());
            if (latency !== undefined) latenciesUs.push(latency);
          }
        }
      },
      error: () => undefined,
    }),
  );
  return {
    meter,
    latenciesUs,
    ready: whenAll(() => seen.size, options.symbols.length),
    close: async () => {
      for (const s of subscriptions) s.unsubscribe();
      next.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
};

/**
 * Not a contender: an `IBApi` that connects and subscribes, then stops decoding and only walks
 * the frame lengths of what arrives. Its rate is the feed's own ceiling (simulator + loopback).
 */
export const sinkClient = (options: BenchClientOptions): BenchClient => {
  const inner = rawClient({ ...options, probe: false });
  const meter = new Meter();
  const ready = inner.ready.then(() => {
    const socket = (inner.api as unknown as { controller: { socket: { client: Socket } } }).controller.socket.client;
    socket.removeAllListeners('data');
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      let buf: Buffer = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let offset = 0;
      while (offset + 4 <= buf.length) {
        const end = offset + 4 + buf.readUInt32BE(offset);
        if (end > buf.length) break;
        meter.hit();
        offset = end;
      }
      buf = buf.subarray(offset);
      pending = buf;
    });
  });
  return { meter, latenciesUs: [], ready, close: inner.close };
};
