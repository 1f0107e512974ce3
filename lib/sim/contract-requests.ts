import { SimCode, simCodeText } from './codes.js';
import type { ClientRequest, RequestedContract } from './client-requests.js';
import { reportedExchange } from './contract-match.js';
import { contractDetailsMsg } from './contract-details-message.js';
import { secDefOptParamEndMsg, secDefOptParamMsg, symbolSamplesMsg } from './contract-messages.js';
import { contractDetailsEndMsg, errorMsg } from './server-messages.js';
import type { SimContext, SimPeer } from './sim-context.js';
import { pushBounded } from './bounded-list.js';
import type { SimContractRequestKind } from './stats.js';

type SecDefOptParamsRequest = Extract<ClientRequest, { type: 'reqSecDefOptParams' }>;

const record = (peer: SimPeer, kind: SimContractRequestKind, reqId: number, query: string, answer: { rows: number } | { error: number }): void => {
  pushBounded(peer.counters.contractRequests, { kind, reqId, query, ...answer });
};

const fail = (ctx: SimContext, peer: SimPeer, reqId: number, code: number, text: string): void => {
  peer.send(errorMsg(peer.serverVersion, reqId, code, text, ctx.now()));
};

/** `AAPL STK SMART USD`, `conId:265598`: a request's contract for the stats. */
export const describeRequest = (q: RequestedContract): string =>
  q.conId > 0
    ? `conId:${q.conId}`
    : [q.symbol || q.localSymbol, q.secType, q.lastTradeDateOrContractMonth, q.strike > 0 ? q.strike : '', q.right, q.exchange, q.primaryExch, q.currency]
        .filter((part) => part !== '')
        .join(' ');

/**
 * reqContractDetails: one contractData per matching contract (any secType), then
 * contractDataEnd; no match → error 200 for that request and no End, as TWS.
 */
export const requestContractDetails = (ctx: SimContext, peer: SimPeer, reqId: number, q: RequestedContract): void => {
  peer.counters.reqContractDetails += 1;
  const matches = ctx.lookup(q);
  if (matches.length === 0) {
    fail(ctx, peer, reqId, SimCode.NO_SECURITY_DEFINITION, simCodeText.noSecurityDefinition);
    record(peer, 'contractDetails', reqId, describeRequest(q), { error: SimCode.NO_SECURITY_DEFINITION });
    return;
  }
  const today = new Date(ctx.marketNow());
  for (const c of matches) peer.send(contractDetailsMsg(peer.serverVersion, reqId, c, reportedExchange(c, q), today));
  peer.send(contractDetailsEndMsg(reqId));
  record(peer, 'contractDetails', reqId, describeRequest(q), { rows: matches.length });
};

/**
 * reqMatchingSymbols: symbolSamples with up to 16 stocks / indices / forex pairs whose symbol
 * starts with the pattern or whose name contains it. With `matchingSymbolsPacing` a request sooner
 * than the interval after the last answered one gets error 100 (or nothing).
 */
export const requestMatchingSymbols = (ctx: SimContext, peer: SimPeer, reqId: number, pattern: string): void => {
  peer.counters.reqMatchingSymbols += 1;
  const { matchingSymbolsIntervalMs: interval, matchingSymbolsViolation } = ctx.options;
  const now = ctx.now();
  if (interval > 0 && now - peer.matchingSymbolsAt < interval) {
    peer.counters.pacingViolations += 1;
    const error = matchingSymbolsViolation === 'error' ? SimCode.MAX_RATE_EXCEEDED : 0;
    if (error !== 0) fail(ctx, peer, reqId, error, simCodeText.maxRateExceeded('reqMatchingSymbols', interval));
    record(peer, 'matchingSymbols', reqId, pattern, { error });
    return;
  }
  peer.matchingSymbolsAt = now;
  const samples = ctx.universe.search(pattern).map((contract) => ({ contract, derivativeSecTypes: ctx.universe.derivativeSecTypes(contract) }));
  peer.send(symbolSamplesMsg(peer.serverVersion, reqId, samples));
  record(peer, 'matchingSymbols', reqId, pattern, { rows: samples.length });
};

/**
 * reqSecDefOptParams: one row per exchange and trading class of the options on the underlying
 * `underlyingConId` (only `futFopExchange`'s rows when it names one), then the End. An unknown
 * conId, or one whose symbol / secType differ from the request's, gets the End alone — no error.
 */
export const requestSecDefOptParams = (ctx: SimContext, peer: SimPeer, req: SecDefOptParamsRequest): void => {
  peer.counters.reqSecDefOptParams += 1;
  const underlying = ctx.universe.get(req.underlyingConId);
  const same = (a: string, b: string): boolean => a === '' || a.toUpperCase() === b;
  const rows = underlying && same(req.underlyingSymbol, underlying.symbol) && same(req.underlyingSecType, underlying.secType)
    ? ctx.universe.optionParams(underlying.conId).filter((p) => same(req.futFopExchange, p.exchange))
    : [];
  for (const row of rows) peer.send(secDefOptParamMsg(req.reqId, row));
  peer.send(secDefOptParamEndMsg(req.reqId));
  const query = [req.underlyingSymbol, req.underlyingSecType, req.underlyingConId, req.futFopExchange].filter((p) => p !== '').join(' ');
  record(peer, 'secDefOptParams', req.reqId, query, { rows: rows.length });
};
