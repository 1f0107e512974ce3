import type { SimPeer } from './sim-context.js';
import type { SimTick, SymbolBook } from './sim-tick.js';
import { priceText } from './server-messages.js';
import { midPointTickMsg, quoteTickMsg, tradeTickMsg, type QuoteRow, type TradeRow } from './stream-messages.js';
import type { PeerStreamsTable, TickByTickKind, TickByTickSub } from './stream-peer.js';
import { recordTickByTick } from './stream-stats.js';

/** Exchanges the simulated trades print on, in turn. */
const EXCHANGES = ['NASDAQ', 'ARCA', 'NYSE', 'IEX', 'BATS'] as const;
/** AllLast: every fourth trade is followed by an unreported odd-lot print (as AllLast shows trades Last leaves out). */
const ODD_LOT_EVERY = 4;
const ODD_LOT_CONDITIONS = 'I';
const SECOND_MS = 1000;
/** A burst cycles through this many prices one cent apart. */
const BURST_CYCLE = 50;
const QUOTE_FIELDS = new Set(['bid', 'ask', 'bidSize', 'askSize']);

/** What the tick-by-tick driver needs from the simulator. */
export interface TickByTickEnv {
  /** The market's clock, ms (tick times are its whole seconds). */
  marketNow(): number;
  /** Ticks come from replayed records only (the feed's own ticks are not turned into tick-by-tick data). */
  readonly replaying: boolean;
}

/**
 * Turns a feed's ticks into tick-by-tick messages for the requests that follow it: `Last` and
 * `AllLast` on each trade (AllLast also prints an unreported odd lot after every fourth trade),
 * `BidAsk` when the best quote or its sizes change (bid past the day's low / ask past the day's
 * high flagged), `MidPoint` when the midpoint changes.
 */
export class TickByTickDriver {
  private readonly subs = new Set<TickByTickSub>();

  constructor(
    private readonly env: TickByTickEnv,
    private readonly peers: PeerStreamsTable,
  ) {}

  /** Live requests over all connections. */
  get size(): number {
    return this.subs.size;
  }

  /** A new request: it follows its feed from now on (no historical ticks first). */
  add(peer: SimPeer, reqId: number, feed: TickByTickSub['feed'], kind: TickByTickKind): void {
    const sub: TickByTickSub = { peer, reqId, feed, kind, lastSent: '', trades: 0 };
    if (!this.env.replaying) sub.onTick = (tick, book) => { this.onTick(sub, tick, book); };
    this.peers.of(peer).tickByTick.set(reqId, sub);
    feed.observers.add(sub);
    this.subs.add(sub);
  }

  remove(sub: TickByTickSub): void {
    this.peers.of(sub.peer).tickByTick.delete(sub.reqId);
    sub.feed.observers.delete(sub);
    this.subs.delete(sub);
  }

  /** Forgets every request of one connection (socket closed, or 1101). */
  removePeer(peer: SimPeer): void {
    for (const sub of [...this.peers.of(peer).tickByTick.values()]) this.remove(sub);
  }

  /** Sends a replayed trade / quote / midpoint to the requests of its symbol and kind. */
  deliver(symbol: string, kind: TickByTickKind, row: TradeRow | QuoteRow | { readonly time: number; readonly midPoint: number }): void {
    for (const sub of this.subs) {
      if (sub.feed.contract.symbol !== symbol || sub.kind !== kind) continue;
      if ('midPoint' in row) this.sendMid(sub, row.time, row.midPoint);
      else if ('bidPrice' in row) this.sendQuote(sub, row);
      else this.sendTrade(sub, row);
    }
  }

  /**
   * One synthetic message to every request of `symbol` (a benchmark burst): trade, quote or
   * midpoint number `i` of a small cycle around the book's prices. Counted, not recorded.
   * Returns how many messages it sent and the last price (trade, bid or midpoint) it sent.
   */
  burstStep(symbol: string, i: number): { readonly sent: number; readonly price: number | undefined } {
    let sent = 0;
    let last: number | undefined;
    const time = Math.floor(this.env.marketNow() / SECOND_MS);
    for (const sub of this.subs) {
      if (sub.feed.contract.symbol !== symbol) continue;
      const base = sub.feed.book.get('last') ?? sub.feed.book.get('bid') ?? 100;
      const price = round(base + (i % BURST_CYCLE) * 0.01);
      const size = 1 + (i % 9);
      if (sub.kind === 'BidAsk') {
        sub.peer.send(quoteTickMsg(sub.reqId, { time, bidPrice: price, askPrice: round(price + 0.01), bidSize: size, askSize: size + 1, bidPastLow: false, askPastHigh: false }));
      } else if (sub.kind === 'MidPoint') {
        sub.peer.send(midPointTickMsg(sub.reqId, time, price));
      } else {
        const exchange = EXCHANGES[i % EXCHANGES.length] ?? 'NASDAQ';
        sub.peer.send(tradeTickMsg(sub.reqId, sub.kind === 'AllLast', { time, price, size, pastLimit: false, unreported: false, exchange, specialConditions: '' }));
      }
      this.peers.of(sub.peer).counters.tickByTickSent += 1;
      sent += 1;
      last = price;
    }
    return { sent, price: last };
  }

  close(): void {
    for (const sub of [...this.subs]) this.remove(sub);
  }

  private onTick(sub: TickByTickSub, tick: SimTick, book: SymbolBook): void {
    const time = Math.floor(this.env.marketNow() / SECOND_MS);
    switch (sub.kind) {
      case 'Last':
      case 'AllLast':
        if (tick.field === 'last') this.trade(sub, time, tick.value, tick.size ?? book.get('lastSize') ?? 0);
        return;
      case 'BidAsk':
        if (QUOTE_FIELDS.has(tick.field)) this.quote(sub, time, book);
        return;
      case 'MidPoint': {
        if (tick.field !== 'bid' && tick.field !== 'ask') return;
        const bid = book.get('bid');
        const ask = book.get('ask');
        if (bid !== undefined && ask !== undefined) this.sendMid(sub, time, (bid + ask) / 2);
        return;
      }
    }
  }

  private trade(sub: TickByTickSub, time: number, price: number, size: number): void {
    const exchange = EXCHANGES[sub.trades % EXCHANGES.length] ?? 'NASDAQ';
    sub.trades += 1;
    this.sendTrade(sub, { time, price, size, pastLimit: false, unreported: false, exchange, specialConditions: '' });
    if (sub.kind === 'AllLast' && sub.trades % ODD_LOT_EVERY === 0) {
      this.sendTrade(sub, { time, price, size: 1, pastLimit: false, unreported: true, exchange: 'FINRA', specialConditions: ODD_LOT_CONDITIONS });
    }
  }

  private quote(sub: TickByTickSub, time: number, book: SymbolBook): void {
    const bidPrice = book.get('bid');
    const askPrice = book.get('ask');
    if (bidPrice === undefined || askPrice === undefined) return;
    const low = book.get('low');
    const high = book.get('high');
    this.sendQuote(sub, {
      time, bidPrice, askPrice, bidSize: book.get('bidSize') ?? 0, askSize: book.get('askSize') ?? 0,
      bidPastLow: low !== undefined && bidPrice < low, askPastHigh: high !== undefined && askPrice > high,
    });
  }

  private sendTrade(sub: TickByTickSub, row: TradeRow): void {
    const allLast = sub.kind === 'AllLast';
    sub.peer.send(tradeTickMsg(sub.reqId, allLast, row));
    recordTickByTick(this.peers.of(sub.peer).counters, { reqId: sub.reqId, type: allLast ? 'AllLast' : 'Last', ...row, price: round(row.price) });
  }

  private sendQuote(sub: TickByTickSub, row: QuoteRow): void {
    const key = `${row.bidPrice}|${row.askPrice}|${row.bidSize}|${row.askSize}`;
    if (key === sub.lastSent) return;
    sub.lastSent = key;
    sub.peer.send(quoteTickMsg(sub.reqId, row));
    recordTickByTick(this.peers.of(sub.peer).counters, { reqId: sub.reqId, type: 'BidAsk', ...row, bidPrice: round(row.bidPrice), askPrice: round(row.askPrice) });
  }

  private sendMid(sub: TickByTickSub, time: number, midPoint: number): void {
    const key = String(midPoint);
    if (key === sub.lastSent) return;
    sub.lastSent = key;
    sub.peer.send(midPointTickMsg(sub.reqId, time, midPoint));
    recordTickByTick(this.peers.of(sub.peer).counters, { reqId: sub.reqId, type: 'MidPoint', time, midPoint: round(midPoint) });
  }
}

/** A price as it travels (six decimals, see `priceText`). */
const round = (price: number): number => Number(priceText(price));
