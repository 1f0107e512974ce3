import type { FeedObserver } from './feed-observer.js';
import type { SimPeer, SymbolFeed } from './sim-context.js';
import { newStreamCounters, type StreamCounters } from './stream-stats.js';

/** What 5-second bars show (IB's whatToShow for reqRealTimeBars). */
export type RealTimeBarKind = 'TRADES' | 'MIDPOINT' | 'BID' | 'ASK';

/** The bar a real-time bars request is building (prices NaN until the first one in it). */
export interface FormingBar {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  count: number;
  notional: number;
  /** The price a bar without any starts and ends at (the last close, or the book's value). */
  carry: number;
}

/** A live real-time bars request. */
export interface RealTimeBarSub extends FeedObserver {
  readonly peer: SimPeer;
  readonly reqId: number;
  readonly feed: SymbolFeed;
  readonly whatToShow: RealTimeBarKind;
  readonly useRTH: boolean;
  readonly forming: FormingBar;
}

/** The tick-by-tick kinds, spelled as IB wants them. */
export type TickByTickKind = 'Last' | 'AllLast' | 'BidAsk' | 'MidPoint';

/** A live tick-by-tick request. */
export interface TickByTickSub extends FeedObserver {
  readonly peer: SimPeer;
  readonly reqId: number;
  readonly feed: SymbolFeed;
  readonly kind: TickByTickKind;
  /** The last quote / midpoint sent (nothing is sent when it did not change). */
  lastSent: string;
  /** Trades seen (AllLast adds an unreported print every fourth). */
  trades: number;
}

/** One connection's real-time bars and tick-by-tick requests and counters. */
export interface PeerStreams {
  readonly counters: StreamCounters;
  readonly realTimeBars: Map<number, RealTimeBarSub>;
  readonly tickByTick: Map<number, TickByTickSub>;
}

/** The stream state of each connection, created on first use (kept with the connection for its stats). */
export class PeerStreamsTable {
  private readonly table = new WeakMap<SimPeer, PeerStreams>();

  of(peer: SimPeer): PeerStreams {
    let state = this.table.get(peer);
    if (!state) {
      state = { counters: newStreamCounters(), realTimeBars: new Map(), tickByTick: new Map() };
      this.table.set(peer, state);
    }
    return state;
  }
}
