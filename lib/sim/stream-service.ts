import { SimCode, simCodeText } from './codes.js';
import type { RequestedContract } from './client-requests.js';
import type { ResolvedSimOptions } from './options.js';
import { RealTimeBarsDriver } from './real-time-bars.js';
import type { ReplayBarRecord, ReplayTickByTickRecord } from './replay-format.js';
import { errorMsg } from './server-messages.js';
import type { Permission, SimPeer, StreamsPort, SymbolFeed } from './sim-context.js';
import type { SimContract } from './sim-contract.js';
import type { RealTimeBarsRequest, StreamClientRequest, TickByTickRequest } from './stream-requests.js';
import { PeerStreamsTable, type RealTimeBarKind, type TickByTickKind } from './stream-peer.js';
import { recordRequest, type SimStreamClientStats, type TickByTickBurstResult } from './stream-stats.js';
import { TickByTickDriver } from './tick-by-tick.js';

/** What the stream service needs from the simulator. */
export interface StreamServiceEnv {
  /** Bars and tick-by-tick data come from replayed records only. */
  readonly replaying: boolean;
  /** Wall clock, ms. */
  now(): number;
  /** The market's clock, ms. */
  marketNow(): number;
  lookup(contract: RequestedContract): readonly SimContract[];
  feed(contract: SimContract): SymbolFeed;
  permission(symbol: string): Permission;
  dataFlowing(): boolean;
  /** Market-data lines in use over all connections (market data and real-time bars). */
  linesInUse(): number;
}

const BAR_KINDS: readonly string[] = ['TRADES', 'MIDPOINT', 'BID', 'ASK'];
const TICK_KINDS: readonly string[] = ['Last', 'AllLast', 'BidAsk', 'MidPoint'];
/** IB has no real-time tick-by-tick data for options (only historical) nor for combos. */
const NO_TICK_BY_TICK: ReadonlySet<string> = new Set(['OPT', 'FOP', 'BAG']);
const SECOND_MS = 1000;
/** Burst rounds between two yields to the event loop. */
const BURST_CHUNK = 1000;

/** Codes and texts of the tick-by-tick refusals (10189's wording is a guess: not verified against a live TWS). */
const TickByTickCode = { FAILED: 10189, MAX_REQUESTS: 10190 } as const;
const tickByTickText = {
  maxRequests: 'Max number of tick-by-tick requests has been reached.',
  tooSoon: (spacingMs: number) => `Failed to request tick-by-tick data: no more than one request for the same instrument within ${spacingMs / SECOND_MS} seconds`,
  noData: (secType: string) => `Failed to request tick-by-tick data: not available for ${secType} contracts`,
  badType: (tickType: string) => `Error validating request.-'cF' : cause - Invalid tick type ${tickType}`,
  badWhatToShow: (whatToShow: string) => `Error validating request.-'bM' : cause - Invalid whatToShow ${whatToShow} for real time bars`,
} as const;

/**
 * The simulator's real-time bars (reqRealTimeBars / cancelRealTimeBars) and tick-by-tick data
 * (reqTickByTickData / cancelTickByTickData) over all connections: answers like TWS (200 unknown
 * contract, 322 duplicate id, 354 without live permission, 101 out of market-data lines — a bars
 * request takes one —, 10190 out of tick-by-tick slots, 10189 a second request of the same
 * instrument and type within the spacing, or for an option / combo, 321 a bad whatToShow / tick
 * type, 300 cancelling an unknown id), then streams (see `RealTimeBarsDriver`, `TickByTickDriver`).
 * A closed socket or 1101 forgets a connection's requests.
 */
export class StreamService implements StreamsPort {
  private readonly peers = new PeerStreamsTable();
  private readonly bars: RealTimeBarsDriver;
  private readonly ticks: TickByTickDriver;
  /** When each instrument and type was last requested (wall ms). */
  private readonly lastTickByTick = new Map<string, number>();
  private readonly options: ResolvedSimOptions['streams'];
  /** Market-data lines over all connections (`tickerLimit`): a real-time bars request takes one. */
  private readonly tickerLimit: number;
  private closed = false;

  constructor(
    options: ResolvedSimOptions,
    private readonly env: StreamServiceEnv,
  ) {
    this.options = options.streams;
    this.tickerLimit = options.tickerLimit;
    this.bars = new RealTimeBarsDriver({
      barMs: this.options.realTimeBarMs, backfill: this.options.realTimeBarBackfill, replaying: env.replaying,
      marketNow: () => env.marketNow(), flowing: () => env.dataFlowing(), now: () => env.now(),
    }, this.peers);
    this.ticks = new TickByTickDriver({ marketNow: () => env.marketNow(), replaying: env.replaying }, this.peers);
  }

  /** Live real-time bars requests (each takes a market-data line). */
  linesInUse(): number {
    return this.bars.size;
  }

  request(peer: SimPeer, req: StreamClientRequest): void {
    const { counters } = this.peers.of(peer);
    switch (req.type) {
      case 'reqRealTimeBars':
        counters.reqRealTimeBars += 1;
        this.requestBars(peer, req);
        return;
      case 'cancelRealTimeBars': {
        counters.cancelRealTimeBars += 1;
        const sub = this.peers.of(peer).realTimeBars.get(req.reqId);
        if (sub) this.bars.remove(sub);
        else this.fail(peer, req.reqId, SimCode.CANT_FIND_ID, simCodeText.cantFindId(req.reqId));
        return;
      }
      case 'reqTickByTickData':
        counters.reqTickByTickData += 1;
        this.requestTicks(peer, req);
        return;
      case 'cancelTickByTickData': {
        counters.cancelTickByTickData += 1;
        const sub = this.peers.of(peer).tickByTick.get(req.reqId);
        if (sub) this.ticks.remove(sub);
        else this.fail(peer, req.reqId, SimCode.CANT_FIND_ID, simCodeText.cantFindId(req.reqId));
        return;
      }
    }
  }

  forget(peer: SimPeer): void {
    this.bars.removePeer(peer);
    this.ticks.removePeer(peer);
  }

  /** Plays one replayed bar or tick-by-tick record to the matching requests. */
  deliver(record: ReplayBarRecord | ReplayTickByTickRecord): void {
    if (record.kind === 'bar5s') {
      const trades = record.whatToShow === 'TRADES';
      this.bars.deliver(record.symbol, record.whatToShow, {
        time: Math.floor(record.start / SECOND_MS), open: record.open, high: record.high, low: record.low, close: record.close,
        volume: trades ? record.volume : -1, wap: trades ? (record.wap ?? 0) : -1, count: trades ? record.trades : -1,
      });
      return;
    }
    if (!this.env.dataFlowing()) return;
    const time = Math.floor(record.time / SECOND_MS);
    switch (record.type) {
      case 'Last':
      case 'AllLast':
        this.ticks.deliver(record.symbol, record.type, {
          time, price: record.price, size: record.size, pastLimit: record.pastLimit, unreported: record.unreported,
          exchange: record.exchange, specialConditions: record.specialConditions,
        });
        return;
      case 'BidAsk':
        this.ticks.deliver(record.symbol, 'BidAsk', {
          time, bidPrice: record.bidPrice, askPrice: record.askPrice, bidSize: record.bidSize, askSize: record.askSize,
          bidPastLow: record.bidPastLow, askPastHigh: record.askPastHigh,
        });
        return;
      case 'MidPoint':
        this.ticks.deliver(record.symbol, 'MidPoint', { time, midPoint: record.midPoint });
        return;
    }
  }

  statsOf(peer: SimPeer): SimStreamClientStats {
    const { counters: c, realTimeBars, tickByTick } = this.peers.of(peer);
    return {
      reqRealTimeBars: c.reqRealTimeBars,
      cancelRealTimeBars: c.cancelRealTimeBars,
      reqTickByTickData: c.reqTickByTickData,
      cancelTickByTickData: c.cancelTickByTickData,
      realTimeBarsSent: c.realTimeBarsSent,
      tickByTickSent: c.tickByTickSent,
      streamRequests: [...c.streamRequests],
      realTimeBarSubscriptions: [...realTimeBars.values()].map((s) => ({ reqId: s.reqId, symbol: s.feed.contract.symbol, whatToShow: s.whatToShow, useRTH: s.useRTH })),
      tickByTickSubscriptions: [...tickByTick.values()].map((s) => ({ reqId: s.reqId, symbol: s.feed.contract.symbol, tickType: s.kind })),
      realTimeBars: [...c.realTimeBars],
      tickByTick: [...c.tickByTick],
    };
  }

  /**
   * Sends `n` rounds of synthetic tick-by-tick messages to the requests of `symbol` (each request
   * one message per round), in chunks, yielding to the event loop between them so the sockets
   * drain. Resolves with the messages sent, the time it took and the last price sent.
   */
  async burst(symbol: string, n: number): Promise<TickByTickBurstResult> {
    const started = this.env.now();
    let messages = 0;
    let lastPrice: number | undefined;
    for (let done = 0; done < n && !this.closed; ) {
      const chunk = Math.min(BURST_CHUNK, n - done);
      for (let k = 0; k < chunk; k++) {
        const step = this.ticks.burstStep(symbol.toUpperCase(), done + k);
        messages += step.sent;
        lastPrice = step.price ?? lastPrice;
      }
      done += chunk;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { messages, ms: this.env.now() - started, ...(lastPrice !== undefined && { lastPrice }) };
  }

  close(): void {
    this.closed = true;
    this.bars.close();
    this.ticks.close();
  }

  private requestBars(peer: SimPeer, req: RealTimeBarsRequest): void {
    const state = this.peers.of(peer);
    const outcome = (): number | SimContract => {
      if (state.realTimeBars.has(req.reqId)) return this.fail(peer, req.reqId, SimCode.DUPLICATE_TICKER_ID, simCodeText.duplicateTickerId(req.reqId));
      const contract = this.resolve(peer, req.reqId, req.contract);
      if (typeof contract === 'number') return contract;
      if (!BAR_KINDS.includes(req.whatToShow)) return this.fail(peer, req.reqId, SimCode.VALIDATION_ERROR, tickByTickText.badWhatToShow(req.whatToShow));
      if (this.env.permission(contract.symbol) !== 'live') return this.fail(peer, req.reqId, SimCode.NOT_SUBSCRIBED, simCodeText.notSubscribed(contract.symbol));
      if (this.env.linesInUse() >= this.tickerLimit) return this.fail(peer, req.reqId, SimCode.MAX_TICKERS, simCodeText.maxTickers);
      return contract;
    };
    const result = outcome();
    this.log(peer, 'realTimeBars', req.reqId, req.contract, req.whatToShow, typeof result === 'number' ? result : 'live');
    if (typeof result === 'number') return;
    this.bars.add({ peer, reqId: req.reqId, feed: this.env.feed(result), whatToShow: req.whatToShow as RealTimeBarKind, useRTH: req.useRTH });
  }

  private requestTicks(peer: SimPeer, req: TickByTickRequest): void {
    const state = this.peers.of(peer);
    const now = this.env.now();
    const outcome = (): number | SimContract => {
      if (state.tickByTick.has(req.reqId)) return this.fail(peer, req.reqId, SimCode.DUPLICATE_TICKER_ID, simCodeText.duplicateTickerId(req.reqId));
      const contract = this.resolve(peer, req.reqId, req.contract);
      if (typeof contract === 'number') return contract;
      if (!TICK_KINDS.includes(req.tickType)) return this.fail(peer, req.reqId, SimCode.VALIDATION_ERROR, tickByTickText.badType(req.tickType));
      if (NO_TICK_BY_TICK.has(contract.secType)) return this.fail(peer, req.reqId, TickByTickCode.FAILED, tickByTickText.noData(contract.secType));
      if (this.env.permission(contract.symbol) !== 'live') return this.fail(peer, req.reqId, SimCode.NOT_SUBSCRIBED, simCodeText.notSubscribed(contract.symbol));
      if (this.ticks.size >= this.options.tickByTickSlots) return this.fail(peer, req.reqId, TickByTickCode.MAX_REQUESTS, tickByTickText.maxRequests);
      const last = this.lastTickByTick.get(`${contract.conId}|${req.tickType}`);
      if (last !== undefined && now - last < this.options.tickByTickSpacingMs) {
        return this.fail(peer, req.reqId, TickByTickCode.FAILED, tickByTickText.tooSoon(this.options.tickByTickSpacingMs));
      }
      return contract;
    };
    const result = outcome();
    this.log(peer, 'tickByTick', req.reqId, req.contract, req.tickType, typeof result === 'number' ? result : 'live');
    if (typeof result === 'number') return;
    for (const [key, at] of this.lastTickByTick) if (now - at >= this.options.tickByTickSpacingMs) this.lastTickByTick.delete(key);
    this.lastTickByTick.set(`${result.conId}|${req.tickType}`, now);
    this.ticks.add(peer, req.reqId, this.env.feed(result), req.tickType as TickByTickKind);
  }

  /** The one contract a request names; else error 200 (unknown, or ambiguous as TWS words it). */
  private resolve(peer: SimPeer, reqId: number, requested: RequestedContract): SimContract | number {
    const matches = this.env.lookup(requested);
    const [only] = matches;
    if (only && matches.length === 1) return only;
    const text = matches.length === 0 ? simCodeText.noSecurityDefinition : simCodeText.ambiguousContract(requested.symbol || requested.localSymbol);
    return this.fail(peer, reqId, SimCode.NO_SECURITY_DEFINITION, text);
  }

  private fail(peer: SimPeer, reqId: number, code: number, text: string): number {
    peer.send(errorMsg(peer.serverVersion, reqId, code, text, this.env.now()));
    return code;
  }

  private log(peer: SimPeer, kind: 'realTimeBars' | 'tickByTick', reqId: number, contract: RequestedContract, what: string, outcome: 'live' | number): void {
    const symbol = (contract.symbol || contract.localSymbol || `conId:${contract.conId}`).toUpperCase();
    recordRequest(this.peers.of(peer).counters, { kind, reqId, symbol, what, outcome });
  }
}
