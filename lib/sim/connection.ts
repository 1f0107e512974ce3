import type { Socket } from 'node:net';
import { NO_REQ_ID, SimCode, simCodeText } from './codes.js';
import { MalformedRequestError, parseClientRequest, type ClientRequest } from './client-requests.js';
import { requestContractDetails, requestMatchingSymbols, requestSecDefOptParams } from './contract-requests.js';
import type { Field } from './frame.js';
import { FrameReader, FramingError, type ClientFrame } from './frame-reader.js';
import { connectionTimeText, negotiateVersion, parseVersionRange } from './handshake.js';
import { simLog } from './log.js';
import { MarketDataType, cancelMarketData, removeSubscription, requestMarketData, sendNotice } from './market-data.js';
import { Outbox } from './outbox.js';
import {
  currentTimeInMillisMsg,
  currentTimeMsg,
  errorMsg,
  managedAccountsMsg,
  nextValidIdMsg,
} from './server-messages.js';
import type { BarSubscription, SimContext, SimPeer, Subscription } from './sim-context.js';
import { newClientCounters, type SimClientStats } from './stats.js';

/** Frames kept while the server is stalled (processed on resume). */
const MAX_STALLED_FRAMES = 10_000;

/** One client connection: handshake, requests, outgoing messages. */
export class SimConnection implements SimPeer {
  serverVersion = 0;
  clientId: number | undefined;
  /** True after startApi was accepted. */
  started = false;
  marketDataType: number = MarketDataType.REALTIME;
  matchingSymbolsAt = Number.NEGATIVE_INFINITY;
  readonly counters = newClientCounters();
  readonly subscriptions = new Map<number, Subscription>();
  readonly bars = new Map<number, BarSubscription>();
  readonly outbox: Outbox;
  private readonly reader = new FrameReader();
  private stalledFrames: ClientFrame[] | undefined;

  constructor(
    readonly id: number,
    readonly socket: Socket,
    private readonly ctx: SimContext,
    private readonly onClosed: (conn: SimConnection) => void,
  ) {
    this.outbox = new Outbox(socket, this.counters);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.onData(chunk);
    });
    socket.on('error', (err) => {
      simLog('connection %d socket error: %s', id, err.message);
    });
    socket.on('close', () => {
      this.outbox.close();
      for (const sub of [...this.subscriptions.values()]) removeSubscription(sub);
      ctx.historical.forget(this);
      ctx.streams.forget(this);
      ctx.depth.forget(this);
      onClosed(this);
    });
  }

  get open(): boolean {
    return !this.socket.destroyed;
  }

  send(fields: readonly Field[]): void {
    this.outbox.send(fields);
  }

  /** Stops answering (frames are kept) and sending, or picks up again and handles what was kept. */
  setStalled(stalled: boolean): void {
    this.outbox.muted = stalled;
    if (stalled) {
      this.stalledFrames ??= [];
      return;
    }
    const kept = this.stalledFrames ?? [];
    this.stalledFrames = undefined;
    for (const frame of kept) this.handle(frame);
  }

  private onData(chunk: Buffer): void {
    let frames: ClientFrame[];
    try {
      frames = this.reader.push(chunk);
    } catch (err) {
      if (!(err instanceof FramingError)) throw err;
      simLog('connection %d: %s — closing', this.id, err.message);
      this.socket.destroy();
      return;
    }
    for (const frame of frames) {
      if (this.stalledFrames) {
        if (this.stalledFrames.length < MAX_STALLED_FRAMES) this.stalledFrames.push(frame);
      } else this.handle(frame);
    }
  }

  private handle(frame: ClientFrame): void {
    if (this.socket.destroyed) return;
    if (frame.kind === 'hello') {
      this.hello(frame.versionText);
      return;
    }
    let request: ClientRequest;
    try {
      request = parseClientRequest(frame.fields, this.serverVersion);
    } catch (err) {
      if (!(err instanceof MalformedRequestError)) throw err;
      this.counters.otherMessages += 1;
      simLog('connection %d: malformed message %o (%s)', this.id, frame.fields, err.message);
      return;
    }
    if (request.type === 'startApi') this.startApi(request.clientId);
    else if (!this.started) simLog('connection %d: %s before startApi ignored', this.id, request.type);
    else this.dispatch(request);
  }

  private hello(versionText: string): void {
    const range = parseVersionRange(versionText);
    const version = range && negotiateVersion(range, this.ctx.options.maxServerVersion);
    if (version === undefined) {
      simLog('connection %d: no common version with %s — closing', this.id, versionText);
      this.socket.destroy();
      return;
    }
    this.serverVersion = version;
    simLog('connection %d: client %s → server version %d', this.id, versionText, version);
    this.send([version, connectionTimeText(new Date(this.ctx.now()))]);
  }

  private startApi(clientId: number): void {
    if (this.started) return;
    this.clientId = clientId;
    if (this.ctx.clientIdTaken(clientId, this)) {
      simLog('connection %d: client id %d in use — 326 and close', this.id, clientId);
      this.send(errorMsg(this.serverVersion, NO_REQ_ID, SimCode.CLIENT_ID_IN_USE, simCodeText.clientIdInUse, this.ctx.now()));
      this.outbox.flush();
      this.socket.end();
      return;
    }
    this.started = true;
    simLog('connection %d: startApi client id %d', this.id, clientId);
    this.send(managedAccountsMsg(this.ctx.options.accounts));
    this.send(nextValidIdMsg(this.ctx.nextOrderId()));
    const farmOk = this.ctx.dataFlowing();
    sendNotice(this.ctx, this, farmOk ? SimCode.MARKET_DATA_FARM_OK : SimCode.MARKET_DATA_FARM_BROKEN, farmOk ? simCodeText.farmOk : simCodeText.farmBroken);
    const [hmdsCode, hmdsText] = this.ctx.historical.notice();
    sendNotice(this.ctx, this, hmdsCode, hmdsText);
    sendNotice(this.ctx, this, SimCode.SEC_DEF_FARM_OK, simCodeText.secDefOk);
  }

  private dispatch(request: Exclude<ClientRequest, { type: 'startApi' }>): void {
    const { ctx, counters } = this;
    switch (request.type) {
      case 'reqMktData':
        counters.reqMktData += 1;
        requestMarketData(ctx, this, request);
        return;
      case 'cancelMktData':
        counters.cancelMktData += 1;
        cancelMarketData(ctx, this, request.reqId);
        return;
      case 'reqMarketDataType':
        counters.reqMarketDataType += 1;
        this.marketDataType = request.marketDataType;
        return;
      case 'reqContractDetails':
        requestContractDetails(ctx, this, request.reqId, request.contract);
        return;
      case 'reqMatchingSymbols':
        requestMatchingSymbols(ctx, this, request.reqId, request.pattern);
        return;
      case 'reqSecDefOptParams':
        requestSecDefOptParams(ctx, this, request);
        return;
      case 'reqHistoricalData':
        ctx.historical.requestBars(this, request);
        return;
      case 'cancelHistoricalData':
        ctx.historical.cancelBars(this, request.reqId);
        return;
      case 'reqHeadTimestamp':
        ctx.historical.requestHeadTimestamp(this, request);
        return;
      case 'cancelHeadTimestamp':
        ctx.historical.cancelHeadTimestamp(this, request.reqId);
        return;
      case 'reqMktDepth':
        ctx.depth.request(this, request);
        return;
      case 'cancelMktDepth':
        ctx.depth.cancel(this, request);
        return;
      case 'reqRealTimeBars':
      case 'cancelRealTimeBars':
      case 'reqTickByTickData':
      case 'cancelTickByTickData':
        ctx.streams.request(this, request);
        return;
      case 'reqCurrentTime':
        counters.reqCurrentTime += 1;
        this.send(currentTimeMsg(Math.floor(ctx.now() / 1000)));
        return;
      case 'reqCurrentTimeInMillis':
        counters.reqCurrentTime += 1;
        this.send(currentTimeInMillisMsg(ctx.now()));
        return;
      case 'reqIds':
        counters.otherMessages += 1;
        this.send(nextValidIdMsg(ctx.nextOrderId()));
        return;
      case 'reqManagedAccts':
        counters.otherMessages += 1;
        this.send(managedAccountsMsg(ctx.options.accounts));
        return;
      case 'unknown':
        counters.otherMessages += 1;
        simLog('connection %d: message id %d not simulated — ignored', this.id, request.msgId);
        return;
    }
  }

  /** A copy of this connection's counters. */
  stats(): SimClientStats {
    const c = this.counters;
    return {
      connectionId: this.id,
      clientId: this.clientId,
      serverVersion: this.serverVersion === 0 ? undefined : this.serverVersion,
      open: this.open,
      reqMktData: c.reqMktData,
      cancelMktData: c.cancelMktData,
      reqMarketDataType: c.reqMarketDataType,
      marketDataType: this.marketDataType,
      reqContractDetails: c.reqContractDetails,
      reqMatchingSymbols: c.reqMatchingSymbols,
      reqSecDefOptParams: c.reqSecDefOptParams,
      pacingViolations: c.pacingViolations,
      reqHistoricalData: c.reqHistoricalData,
      cancelHistoricalData: c.cancelHistoricalData,
      reqHeadTimestamp: c.reqHeadTimestamp,
      historicalPacingViolations: c.historicalPacingViolations,
      reqCurrentTime: c.reqCurrentTime,
      otherMessages: c.otherMessages,
      requests: [...c.requests],
      cancels: [...c.cancels],
      contractRequests: [...c.contractRequests],
      historicalRequests: [...c.historicalRequests],
      subscriptions: [...this.subscriptions.values()].map((s) => ({ reqId: s.reqId, symbol: s.feed.contract.symbol, delayed: s.delayed })),
      barSubscriptions: [...this.bars.values()].map((b) => ({
        reqId: b.reqId, symbol: b.feed.contract.symbol, barSize: b.query.barSize.text, whatToShow: b.query.whatToShow, useRTH: b.query.useRTH,
      })),
      ...this.ctx.depth.statsOf(this),
      ...this.ctx.streams.statsOf(this),
      ticksSent: c.ticksSent,
      messagesSent: c.messages,
      bytesSent: c.bytes,
    };
  }
}
