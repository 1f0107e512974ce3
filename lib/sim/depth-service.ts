import { SimCode, simCodeText } from './codes.js';
import { DepthBook, DepthOperation, DepthSide, type SimDepthOperation, type SimDepthSnapshot } from './depth-book.js';
import { seedDepth, stepDepth, type DepthAnchor } from './depth-driver.js';
import { marketDepthL2Msg, marketDepthMsg } from './depth-messages.js';
import type { CancelMktDepthRequest, MktDepthRequest } from './depth-requests.js';
import { createPrng, type Prng } from './prng.js';
import type { RequestedContract } from './request-cursor.js';
import { errorMsg } from './server-messages.js';
import type { DepthBurstResult, SimDepthCancelRecord, SimDepthClientStats, SimDepthLevelKind, SimDepthRequestRecord } from './depth-stats.js';
import type { DepthPort, Permission, SimPeer, SymbolFeed } from './sim-context.js';
import type { SimContract } from './sim-contract.js';
import { pushBounded } from './bounded-list.js';
import { enginePeriodMs } from './tick-engine.js';
import { hashString } from './universe.js';

/** What the depth service needs from the simulator. */
export interface DepthEnvironment {
  /** Depth requests allowed at a time over all connections (309 beyond). */
  readonly depthRequests: number;
  /** Market events per second per symbol with depth subscribers (0 = only pushed operations). */
  readonly rateHz: number;
  readonly seed: number;
  now(): number;
  lookup(contract: RequestedContract): readonly SimContract[];
  feed(contract: SimContract): SymbolFeed;
  permission(symbol: string): Permission;
  /** False while the link is lost, the farm is broken or the server is stalled. */
  dataFlowing(): boolean;
}

/** Exchanges whose own (non-smart) depth has market makers: answered with L2 messages, like NASDAQ TotalView. */
const MARKET_MAKER_EXCHANGES: ReadonlySet<string> = new Set(['ISLAND', 'NASDAQ']);
/** Operations per event-loop turn in `burst` (the sockets drain between chunks). */
const BURST_CHUNK = 500;

interface PeerDepth {
  reqMktDepth: number;
  cancelMktDepth: number;
  updatesSent: number;
  readonly requests: SimDepthRequestRecord[];
  readonly cancels: SimDepthCancelRecord[];
  readonly subs: Map<number, DepthSub>;
}

interface DepthSub {
  readonly peer: SimPeer;
  readonly reqId: number;
  readonly market: SymbolDepth;
  readonly numRows: number;
  readonly isSmartDepth: boolean;
  readonly kind: SimDepthLevelKind;
  /** Rows the client holds per side (index: DepthSide). */
  readonly held: [number, number];
  started: boolean;
  halted: boolean;
}

interface SymbolDepth {
  readonly feed: SymbolFeed;
  readonly book: DepthBook;
  readonly rng: Prng;
  readonly subs: Set<DepthSub>;
  due: number;
}

/**
 * The simulator's market depth: reqMktDepth / cancelMktDepth, one book per symbol (see
 * `DepthBook`) moved by the depth driver while someone watches it, and each subscriber's top
 * `numRows` kept in step with it: an operation on the book becomes the same operation for every
 * subscriber whose rows it touches; an insert into a full view is preceded by a delete of its last
 * row, and a delete that pulls a row into the view is followed by an insert of that row at the
 * bottom (so a client never holds more than `numRows` rows, and never has to cut them itself). See docs/simulator.md "Market depth".
 */
export class DepthService implements DepthPort {
  private readonly peers = new Map<SimPeer, PeerDepth>();
  private readonly markets = new Map<number, SymbolDepth>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly env: DepthEnvironment) {}

  request(peer: SimPeer, req: MktDepthRequest): void {
    const mine = this.of(peer);
    mine.reqMktDepth += 1;
    const symbol = (req.contract.symbol || req.contract.localSymbol).toUpperCase();
    const record = (outcome: SimDepthRequestRecord['outcome']): void => {
      pushBounded(mine.requests, { reqId: req.reqId, symbol, exchange: req.contract.exchange, numRows: req.numRows, isSmartDepth: req.isSmartDepth, outcome });
    };
    const fail = (code: number, text: string): void => {
      this.error(peer, req.reqId, code, text);
      record(code);
    };
    const refusal = this.refusal(peer, req, symbol);
    if (refusal) {
      fail(...refusal);
      return;
    }
    const contract = this.env.lookup(req.contract)[0] as SimContract;
    const kind: SimDepthLevelKind = req.isSmartDepth || MARKET_MAKER_EXCHANGES.has(req.contract.exchange.toUpperCase()) ? 'L2' : 'L1';
    record(kind);
    const market = this.market(contract);
    const sub: DepthSub = {
      peer, reqId: req.reqId, market, numRows: Math.max(1, req.numRows), isSmartDepth: req.isSmartDepth, kind, held: [0, 0], started: false, halted: false,
    };
    mine.subs.set(req.reqId, sub);
    market.subs.add(sub);
    if (this.env.dataFlowing()) this.start(sub);
    this.arm();
  }

  /** Why TWS would refuse the request (duplicate id 322, no or several contracts 200, no permission 354, over the budget 309), as code and text. */
  private refusal(peer: SimPeer, req: MktDepthRequest, symbol: string): readonly [number, string] | undefined {
    if (this.of(peer).subs.has(req.reqId)) return [SimCode.DUPLICATE_TICKER_ID, simCodeText.duplicateTickerId(req.reqId)];
    const matches = this.env.lookup(req.contract);
    const [contract] = matches;
    if (!contract || matches.length !== 1) {
      return [SimCode.NO_SECURITY_DEFINITION, matches.length === 0 ? simCodeText.noSecurityDefinition : simCodeText.ambiguousContract(symbol)];
    }
    if (this.env.permission(contract.symbol) === 'unsubscribed') return [SimCode.NOT_SUBSCRIBED, simCodeText.notSubscribed(contract.symbol)];
    if (this.liveCount() >= this.env.depthRequests) return [SimCode.MAX_DEPTH_REQUESTS, simCodeText.maxDepthRequests];
    return undefined;
  }

  cancel(peer: SimPeer, req: CancelMktDepthRequest): void {
    const mine = this.of(peer);
    mine.cancelMktDepth += 1;
    const sub = mine.subs.get(req.reqId);
    const found = sub !== undefined && sub.isSmartDepth === req.isSmartDepth;
    pushBounded(mine.cancels, { reqId: req.reqId, isSmartDepth: req.isSmartDepth, found });
    if (!found) {
      this.error(peer, req.reqId, SimCode.CANT_FIND_ID, simCodeText.cantFindId(req.reqId));
      return;
    }
    this.remove(sub);
  }

  /** The connection closed or TWS lost its requests (1101): its depth requests are gone. */
  forget(peer: SimPeer): void {
    const mine = this.peers.get(peer);
    if (!mine) return;
    for (const sub of [...mine.subs.values()]) this.remove(sub);
  }

  statsOf(peer: SimPeer): SimDepthClientStats {
    const mine = this.peers.get(peer);
    if (!mine) return { reqMktDepth: 0, cancelMktDepth: 0, depthUpdatesSent: 0, depthRequests: [], depthCancels: [], depthSubscriptions: [] };
    return {
      reqMktDepth: mine.reqMktDepth,
      cancelMktDepth: mine.cancelMktDepth,
      depthUpdatesSent: mine.updatesSent,
      depthRequests: [...mine.requests],
      depthCancels: [...mine.cancels],
      depthSubscriptions: [...mine.subs.values()].map((s) => ({
        reqId: s.reqId, symbol: s.market.feed.contract.symbol, numRows: s.numRows, isSmartDepth: s.isSmartDepth, kind: s.kind, halted: s.halted,
      })),
    };
  }

  /** A copy of a symbol's book (empty sides when nobody asked for its depth yet). */
  book(symbol: string): SimDepthSnapshot {
    return this.find(symbol)?.book.snapshot() ?? { bids: [], asks: [] };
  }

  /** Applies operations to a symbol's book in order, each sent to its subscribers (RangeError at the first one out of range; those before it stay applied). */
  push(symbol: string, ops: readonly SimDepthOperation[]): void {
    const market = this.find(symbol);
    if (!market) throw new RangeError(`depth operations: nobody has asked for the depth of ${symbol}`);
    for (const op of ops) this.apply(market, op);
  }

  /** Sends 316 (halted: no more updates) or 317 (reset: the book is sent again from empty) to every depth request of a symbol. */
  reset(symbol: string, code: typeof SimCode.DEPTH_HALTED | typeof SimCode.DEPTH_RESET): number {
    const market = this.find(symbol);
    if (!market) return 0;
    for (const sub of market.subs) {
      this.error(sub.peer, sub.reqId, code, code === SimCode.DEPTH_HALTED ? simCodeText.depthHalted : simCodeText.depthReset);
      if (code === SimCode.DEPTH_HALTED) sub.halted = true;
      else if (sub.started) {
        sub.held[0] = 0;
        sub.held[1] = 0;
        this.sendView(sub);
      }
    }
    return market.subs.size;
  }

  /** Moves a symbol's book `n` times as fast as the sockets take it (in chunks, one event-loop turn each). */
  async burst(symbol: string, n: number): Promise<DepthBurstResult> {
    const market = this.find(symbol);
    if (!market) throw new RangeError(`depth burst: nobody has asked for the depth of ${symbol}`);
    const started = this.env.now();
    let operations = 0;
    const count = (op: SimDepthOperation): void => {
      operations += 1;
      this.apply(market, op);
    };
    for (let done = 0; done < n && !this.closed; ) {
      const chunk = Math.min(BURST_CHUNK, n - done);
      for (let k = 0; k < chunk; k++) stepDepth(market.book, this.anchor(market.feed), market.rng, count);
      done += chunk;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { operations, ms: this.env.now() - started };
  }

  /** Sends the book to requests that waited for data to flow again. */
  flush(): void {
    if (!this.env.dataFlowing()) return;
    for (const market of this.markets.values()) for (const sub of market.subs) this.start(sub);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private of(peer: SimPeer): PeerDepth {
    let mine = this.peers.get(peer);
    if (!mine) {
      mine = { reqMktDepth: 0, cancelMktDepth: 0, updatesSent: 0, requests: [], cancels: [], subs: new Map() };
      this.peers.set(peer, mine);
    }
    return mine;
  }

  private find(symbol: string): SymbolDepth | undefined {
    const wanted = symbol.toUpperCase();
    for (const market of this.markets.values()) if (market.feed.contract.symbol.toUpperCase() === wanted) return market;
    return undefined;
  }

  private liveCount(): number {
    let n = 0;
    for (const market of this.markets.values()) n += market.subs.size;
    return n;
  }

  private market(contract: SimContract): SymbolDepth {
    const known = this.markets.get(contract.conId);
    if (known) return known;
    const market: SymbolDepth = {
      feed: this.env.feed(contract), book: new DepthBook(), rng: createPrng(this.env.seed ^ hashString(`depth:${contract.seedKey}`)), subs: new Set(), due: 0,
    };
    this.markets.set(contract.conId, market);
    seedDepth(market.book, this.anchor(market.feed), market.rng, (op) => { market.book.apply(op); });
    return market;
  }

  /** The top of the book follows the symbol's quote (its price path); a made-up spread around the last price when it has none. */
  private anchor(feed: SymbolFeed): DepthAnchor {
    const { minTick, price } = feed.contract;
    const mid = feed.book.get('last') ?? feed.book.get('close') ?? price;
    const bid = feed.book.get('bid') ?? mid - minTick;
    const ask = Math.max(feed.book.get('ask') ?? mid + minTick, bid + minTick);
    return { bid, ask, minTick };
  }

  private remove(sub: DepthSub): void {
    this.peers.get(sub.peer)?.subs.delete(sub.reqId);
    sub.market.subs.delete(sub);
    if (this.liveCount() === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private start(sub: DepthSub): void {
    if (sub.started) return;
    sub.started = true;
    this.sendView(sub);
  }

  /** The subscriber's rows as inserts, best first (what TWS sends first). */
  private sendView(sub: DepthSub): void {
    for (const side of [DepthSide.BID, DepthSide.ASK] as const) {
      const rows = sub.market.book.side(side);
      const n = Math.min(sub.numRows, rows.length);
      for (let position = 0; position < n; position++) {
        const row = rows[position];
        if (row) this.send(sub, { operation: DepthOperation.INSERT, side, position, price: row.price, size: row.size, marketMaker: row.marketMaker });
      }
      sub.held[side] = n;
    }
  }

  private apply(market: SymbolDepth, op: SimDepthOperation): void {
    market.book.apply(op);
    for (const sub of market.subs) if (sub.started && !sub.halted) this.relay(sub, op);
  }

  /** One book operation as the subscriber's own (see the class comment). */
  private relay(sub: DepthSub, op: SimDepthOperation): void {
    const held = sub.held[op.side];
    if (op.operation === DepthOperation.INSERT) {
      if (op.position >= sub.numRows) return;
      if (held === sub.numRows) {
        // The row pushed out of the view leaves it explicitly: a client need not cut its book itself.
        const gone = sub.market.book.side(op.side)[held];
        if (gone) this.send(sub, { operation: DepthOperation.DELETE, side: op.side, position: held - 1, price: gone.price, size: gone.size, marketMaker: gone.marketMaker });
      } else sub.held[op.side] = held + 1;
      this.send(sub, op);
      return;
    }
    if (op.position >= held) return;
    this.send(sub, op);
    if (op.operation !== DepthOperation.DELETE) return;
    const rows = sub.market.book.side(op.side);
    const next = rows[held - 1];
    if (held === sub.numRows && next) {
      this.send(sub, { operation: DepthOperation.INSERT, side: op.side, position: held - 1, price: next.price, size: next.size, marketMaker: next.marketMaker });
    } else sub.held[op.side] = held - 1;
  }

  private send(sub: DepthSub, op: SimDepthOperation): void {
    const { peer } = sub;
    peer.send(sub.kind === 'L2' ? marketDepthL2Msg(peer.serverVersion, sub.reqId, op, sub.isSmartDepth) : marketDepthMsg(sub.reqId, op));
    const mine = this.peers.get(peer);
    if (mine) mine.updatesSent += 1;
  }

  private error(peer: SimPeer, reqId: number, code: number, text: string): void {
    peer.send(errorMsg(peer.serverVersion, reqId, code, text, this.env.now()));
  }

  /** The market events: one timer while any depth request is live, paused while data does not flow. */
  private arm(): void {
    if (this.timer || this.closed || this.env.rateHz <= 0) return;
    const period = enginePeriodMs(this.env.rateHz);
    const perPeriod = (this.env.rateHz * period) / 1000;
    this.timer = setInterval(() => {
      if (!this.env.dataFlowing()) return;
      for (const market of this.markets.values()) {
        if (market.subs.size === 0) continue;
        market.due += perPeriod;
        while (market.due >= 1) {
          market.due -= 1;
          stepDepth(market.book, this.anchor(market.feed), market.rng, (op) => { this.apply(market, op); });
        }
      }
    }, period);
  }
}
