import type { RealTimeBarRow } from './stream-messages.js';
import { pushBounded } from './bounded-list.js';

/** A live real-time bars request. */
export interface SimRealTimeBarSubscription {
  readonly reqId: number;
  readonly symbol: string;
  readonly whatToShow: string;
  readonly useRTH: boolean;
}

/** A live tick-by-tick request. */
export interface SimTickByTickSubscription {
  readonly reqId: number;
  readonly symbol: string;
  readonly tickType: string;
}

/** One stream request and what the simulator answered: `'live'` or the error code it sent. */
export interface SimStreamRequestRecord {
  readonly kind: 'realTimeBars' | 'tickByTick';
  readonly reqId: number;
  readonly symbol: string;
  /** whatToShow of real-time bars, tickType of tick-by-tick, as sent. */
  readonly what: string;
  readonly outcome: 'live' | number;
}

/** One real-time bar sent, with its values as they went out. */
export interface SimRealTimeBarRecord extends RealTimeBarRow {
  readonly reqId: number;
  /** Sent again on a new request (IB's backfill after an outage), not at the bar's close. */
  readonly backfill: boolean;
}

/** One tick-by-tick message sent, its values as they went out (time in epoch seconds). */
export type SimTickByTickRecord =
  | {
      readonly reqId: number; readonly type: 'Last' | 'AllLast'; readonly time: number; readonly price: number; readonly size: number;
      readonly exchange: string; readonly specialConditions: string; readonly pastLimit: boolean; readonly unreported: boolean;
    }
  | {
      readonly reqId: number; readonly type: 'BidAsk'; readonly time: number; readonly bidPrice: number; readonly askPrice: number;
      readonly bidSize: number; readonly askSize: number; readonly bidPastLow: boolean; readonly askPastHigh: boolean;
    }
  | { readonly reqId: number; readonly type: 'MidPoint'; readonly time: number; readonly midPoint: number };

/** The real-time bars and tick-by-tick part of one connection's stats. */
export interface SimStreamClientStats {
  readonly reqRealTimeBars: number;
  readonly cancelRealTimeBars: number;
  readonly reqTickByTickData: number;
  readonly cancelTickByTickData: number;
  /** Real-time bars sent (backfilled ones included). */
  readonly realTimeBarsSent: number;
  /** Tick-by-tick messages sent. */
  readonly tickByTickSent: number;
  /** Every reqRealTimeBars and reqTickByTickData with its answer, in order (at most the last 10 000). */
  readonly streamRequests: readonly SimStreamRequestRecord[];
  readonly realTimeBarSubscriptions: readonly SimRealTimeBarSubscription[];
  readonly tickByTickSubscriptions: readonly SimTickByTickSubscription[];
  /** The real-time bars sent, in order (at most the last 10 000). */
  readonly realTimeBars: readonly SimRealTimeBarRecord[];
  /** The tick-by-tick messages sent, in order (at most the last 10 000). */
  readonly tickByTick: readonly SimTickByTickRecord[];
}

/** What `Simulator.tickByTickBurst` did. */
export interface TickByTickBurstResult {
  readonly messages: number;
  readonly ms: number;
  /** The last trade price, bid or midpoint sent (none when nobody asked for the symbol). */
  readonly lastPrice?: number;
}

/** Mutable stream counters of one connection (internal). */
export interface StreamCounters {
  reqRealTimeBars: number;
  cancelRealTimeBars: number;
  reqTickByTickData: number;
  cancelTickByTickData: number;
  realTimeBarsSent: number;
  tickByTickSent: number;
  streamRequests: SimStreamRequestRecord[];
  realTimeBars: SimRealTimeBarRecord[];
  tickByTick: SimTickByTickRecord[];
}

/** Fresh counters. */
export const newStreamCounters = (): StreamCounters => ({
  reqRealTimeBars: 0, cancelRealTimeBars: 0, reqTickByTickData: 0, cancelTickByTickData: 0, realTimeBarsSent: 0, tickByTickSent: 0, streamRequests: [], realTimeBars: [], tickByTick: [],
});

/** Appends a stream request record (bounded). */
export const recordRequest = (counters: StreamCounters, request: SimStreamRequestRecord): void => {
  pushBounded(counters.streamRequests, request);
};

/** Records a bar sent to a connection. */
export const recordBar = (counters: StreamCounters, bar: SimRealTimeBarRecord): void => {
  counters.realTimeBarsSent += 1;
  pushBounded(counters.realTimeBars, bar);
};

/** Records a tick-by-tick message sent to a connection. */
export const recordTickByTick = (counters: StreamCounters, tick: SimTickByTickRecord): void => {
  counters.tickByTickSent += 1;
  pushBounded(counters.tickByTick, tick);
};
