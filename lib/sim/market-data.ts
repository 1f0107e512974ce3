import { NO_REQ_ID, SimCode, simCodeText } from './codes.js';
import type { ClientRequest, RequestedContract } from './client-requests.js';
import { refreshOption, sendSnapshot } from './feed-fanout.js';
import {
  errorMsg,
  marketDataTypeMsg,
  tickGenericMsg,
  tickReqParamsMsg,
  tickSnapshotEndMsg,
  tickStringMsg,
} from './server-messages.js';
import type { SimContext, SimPeer, Subscription, SymbolFeed } from './sim-context.js';
import type { SimContract } from './sim-contract.js';
import { pushBounded } from './bounded-list.js';
import type { SimRequestRecord } from './stats.js';
import { TickId } from './tick-ids.js';

/** Market data types (reqMarketDataType / marketDataType). */
export const MarketDataType = { REALTIME: 1, FROZEN: 2, DELAYED: 3, DELAYED_FROZEN: 4 } as const;

type MktDataRequest = Extract<ClientRequest, { type: 'reqMktData' }>;

/** The opening sequence of a request, like a live gateway: 58, 81, 46, 45, then the book (and option computations). */
const sendOpening = (ctx: SimContext, peer: SimPeer, reqId: number, delayed: boolean, feed: SymbolFeed): void => {
  peer.send(marketDataTypeMsg(reqId, delayed ? MarketDataType.DELAYED : MarketDataType.REALTIME));
  peer.send(tickReqParamsMsg(reqId, feed.contract.minTick));
  const epochS = String(Math.floor(ctx.now() / 1000));
  peer.send(tickStringMsg(reqId, delayed ? TickId.DELAYED_LAST_TIMESTAMP : TickId.LAST_TIMESTAMP, epochS));
  peer.send(tickGenericMsg(reqId, delayed ? TickId.DELAYED_HALTED : TickId.HALTED, '0.0'));
  peer.counters.ticksSent += 2;
  sendSnapshot(peer, reqId, delayed, feed);
};

/** An option nobody watched has stale quotes: bring it up to its underlying first. */
const catchUp = (feed: SymbolFeed): void => {
  if (!feed.option) return;
  for (const sub of feed.subscribers) if (sub.started) return;
  refreshOption(feed);
};

/** Sends the opening ticks of a subscription that waited for the data to flow again. */
export const startSubscription = (ctx: SimContext, sub: Subscription): void => {
  if (sub.started) return;
  catchUp(sub.feed);
  sub.started = true;
  sendOpening(ctx, sub.peer, sub.reqId, sub.delayed, sub.feed);
};

const fail = (ctx: SimContext, peer: SimPeer, reqId: number, code: number, text: string): number => {
  peer.send(errorMsg(peer.serverVersion, reqId, code, text, ctx.now()));
  return code;
};

/** The one contract a request names; else error 200 (unknown, or ambiguous as TWS words it). */
export const resolveOne = (ctx: SimContext, peer: SimPeer, reqId: number, requested: RequestedContract): SimContract | number => {
  const matches = ctx.lookup(requested);
  const [only] = matches;
  if (only && matches.length === 1) return only;
  const text = matches.length === 0 ? simCodeText.noSecurityDefinition : simCodeText.ambiguousContract(requested.symbol || requested.localSymbol);
  return fail(ctx, peer, reqId, SimCode.NO_SECURITY_DEFINITION, text);
};

/** Decides the answer to reqMktData: an error code, or delayed / live data of one contract. */
const admit = (ctx: SimContext, peer: SimPeer, req: MktDataRequest): { outcome: SimRequestRecord['outcome']; contract?: SimContract } => {
  const { reqId } = req;
  const streaming = !req.snapshot && !req.regulatorySnapshot;
  if (peer.subscriptions.has(reqId)) return { outcome: fail(ctx, peer, reqId, SimCode.DUPLICATE_TICKER_ID, simCodeText.duplicateTickerId(reqId)) };
  const contract = resolveOne(ctx, peer, reqId, req.contract);
  if (typeof contract === 'number') return { outcome: contract };
  const permission = ctx.permission(contract.symbol);
  const wantsDelayed = peer.marketDataType === MarketDataType.DELAYED || peer.marketDataType === MarketDataType.DELAYED_FROZEN;
  if (permission === 'unsubscribed' || (permission === 'delayed-only' && !wantsDelayed)) {
    return { outcome: fail(ctx, peer, reqId, SimCode.NOT_SUBSCRIBED, simCodeText.notSubscribed(contract.symbol)) };
  }
  if (streaming && ctx.linesInUse() >= ctx.options.tickerLimit) return { outcome: fail(ctx, peer, reqId, SimCode.MAX_TICKERS, simCodeText.maxTickers) };
  return { outcome: permission === 'delayed-only' ? 'delayed' : 'live', contract };
};

/** reqMktData: errors like TWS, else the opening sequence and (streaming) a subscription. */
export const requestMarketData = (ctx: SimContext, peer: SimPeer, req: MktDataRequest): void => {
  const { outcome, contract } = admit(ctx, peer, req);
  const symbol = (req.contract.symbol || contract?.symbol || '').toUpperCase();
  const snapshot = req.snapshot || req.regulatorySnapshot;
  pushBounded(peer.counters.requests, { reqId: req.reqId, symbol, snapshot, marketDataType: peer.marketDataType, outcome });
  if (typeof outcome === 'number' || !contract) return;
  const feed = ctx.feed(contract);
  const delayed = outcome === 'delayed';
  if (delayed) fail(ctx, peer, req.reqId, SimCode.DELAYED_DATA_DISPLAYED, simCodeText.delayedDisplayed);
  if (snapshot) {
    catchUp(feed);
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
