import { NO_REQ_ID, SimCode, simCodeText } from './codes.js';
import type { ClientRequest } from './client-requests.js';
import {
  errorMsg,
  marketDataTypeMsg,
  tickGenericMsg,
  tickPriceMsg,
  tickReqParamsMsg,
  tickSizeMsg,
  tickSnapshotEndMsg,
  tickStringMsg,
} from './server-messages.js';
import type { SimContext, SimPeer, Subscription, SymbolFeed } from './sim-context.js';
import type { SimTick, SymbolBook } from './sim-tick.js';
import { pushBounded, type SimRequestRecord } from './stats.js';
import { FIELD_TICK_IDS, TickId, isPriceField } from './tick-ids.js';

/** Market data types (reqMarketDataType / marketDataType). */
export const MarketDataType = { REALTIME: 1, FROZEN: 2, DELAYED: 3, DELAYED_FROZEN: 4 } as const;
const MIN_TICK = 0.01;

type MktDataRequest = Extract<ClientRequest, { type: 'reqMktData' }>;

/** Sends one tick to one request, with the live or delayed id. */
export const sendTick = (peer: SimPeer, reqId: number, delayed: boolean, tick: SimTick, book: SymbolBook): void => {
  const id = FIELD_TICK_IDS[tick.field][delayed ? 1 : 0];
  peer.send(isPriceField(tick.field) ? tickPriceMsg(reqId, id, tick.value, book.sizeFor(tick)) : tickSizeMsg(reqId, id, tick.value));
  peer.counters.ticksSent += 1;
};

/** The opening sequence of a request, like a live gateway: 58, 81, 46, 45, then the book. */
const sendOpening = (ctx: SimContext, peer: SimPeer, reqId: number, delayed: boolean, feed: SymbolFeed): void => {
  peer.send(marketDataTypeMsg(reqId, delayed ? MarketDataType.DELAYED : MarketDataType.REALTIME));
  peer.send(tickReqParamsMsg(reqId, MIN_TICK));
  const epochS = String(Math.floor(ctx.now() / 1000));
  peer.send(tickStringMsg(reqId, delayed ? TickId.DELAYED_LAST_TIMESTAMP : TickId.LAST_TIMESTAMP, epochS));
  peer.send(tickGenericMsg(reqId, delayed ? TickId.DELAYED_HALTED : TickId.HALTED, '0.0'));
  peer.counters.ticksSent += 2;
  for (const tick of feed.book.snapshot()) sendTick(peer, reqId, delayed, tick, feed.book);
};

/** Sends the opening ticks of a subscription that waited for the data to flow again. */
export const startSubscription = (ctx: SimContext, sub: Subscription): void => {
  if (sub.started) return;
  sub.started = true;
  sendOpening(ctx, sub.peer, sub.reqId, sub.delayed, sub.feed);
};

/** Sends ticks of a symbol to all its started subscribers. */
export const fanOut = (feed: SymbolFeed, ticks: readonly SimTick[]): void => {
  for (const tick of ticks) {
    feed.book.apply(tick);
    for (const sub of feed.subscribers) if (sub.started) sendTick(sub.peer, sub.reqId, sub.delayed, tick, feed.book);
  }
};

const fail = (ctx: SimContext, peer: SimPeer, reqId: number, code: number, text: string): number => {
  peer.send(errorMsg(peer.serverVersion, reqId, code, text, ctx.now()));
  return code;
};

/** Decides the answer to reqMktData: an error code, or delayed / live data. */
const admit = (ctx: SimContext, peer: SimPeer, req: MktDataRequest): SimRequestRecord['outcome'] => {
  const { reqId, contract } = req;
  const streaming = !req.snapshot && !req.regulatorySnapshot;
  if (peer.subscriptions.has(reqId)) return fail(ctx, peer, reqId, SimCode.DUPLICATE_TICKER_ID, simCodeText.duplicateTickerId(reqId));
  const inst = ctx.resolve(contract.symbol, contract.conId, contract.secType);
  if (!inst) return fail(ctx, peer, reqId, SimCode.NO_SECURITY_DEFINITION, simCodeText.noSecurityDefinition);
  const permission = ctx.permission(inst.symbol);
  const wantsDelayed = peer.marketDataType === MarketDataType.DELAYED || peer.marketDataType === MarketDataType.DELAYED_FROZEN;
  if (permission === 'unsubscribed' || (permission === 'delayed-only' && !wantsDelayed)) {
    return fail(ctx, peer, reqId, SimCode.NOT_SUBSCRIBED, simCodeText.notSubscribed(inst.symbol));
  }
  if (streaming && ctx.linesInUse() >= ctx.options.tickerLimit) return fail(ctx, peer, reqId, SimCode.MAX_TICKERS, simCodeText.maxTickers);
  return permission === 'delayed-only' ? 'delayed' : 'live';
};

/** reqMktData: errors like TWS, else the opening sequence and (streaming) a subscription. */
export const requestMarketData = (ctx: SimContext, peer: SimPeer, req: MktDataRequest): void => {
  const outcome = admit(ctx, peer, req);
  const symbol = req.contract.symbol.toUpperCase();
  const snapshot = req.snapshot || req.regulatorySnapshot;
  pushBounded(peer.counters.requests, { reqId: req.reqId, symbol, snapshot, marketDataType: peer.marketDataType, outcome });
  if (typeof outcome === 'number') return;
  const inst = ctx.resolve(req.contract.symbol, req.contract.conId, req.contract.secType);
  if (!inst) return;
  const feed = ctx.feed(inst);
  const delayed = outcome === 'delayed';
  if (delayed) fail(ctx, peer, req.reqId, SimCode.DELAYED_DATA_DISPLAYED, simCodeText.delayedDisplayed);
  if (snapshot) {
    sendOpening(ctx, peer, req.reqId, delayed, feed);
    peer.send(tickSnapshotEndMsg(req.reqId));
    return;
  }
  const sub: Subscription = { peer, reqId: req.reqId, feed, delayed, started: false };
  peer.subscriptions.set(req.reqId, sub);
  feed.subscribers.add(sub);
  if (ctx.dataFlowing()) startSubscription(ctx, sub);
};

/** cancelMktData: forget the subscription, or error 300 for an id that is not live. */
export const cancelMarketData = (ctx: SimContext, peer: SimPeer, reqId: number): void => {
  pushBounded(peer.counters.cancels, reqId);
  const sub = peer.subscriptions.get(reqId);
  if (!sub) {
    fail(ctx, peer, reqId, SimCode.CANT_FIND_ID, simCodeText.cantFindId(reqId));
    return;
  }
  removeSubscription(sub);
};

/** Forgets one subscription server-side. */
export const removeSubscription = (sub: Subscription): void => {
  sub.peer.subscriptions.delete(sub.reqId);
  sub.feed.subscribers.delete(sub);
};

/** A status notice (request id -1) to one connection. */
export const sendNotice = (ctx: SimContext, peer: SimPeer, code: number, text: string): void => {
  peer.send(errorMsg(peer.serverVersion, NO_REQ_ID, code, text, ctx.now()));
};
