import { BarUpdater } from './bar-updates.js';
import { SimCode, simCodeText } from './codes.js';
import { describeRequest } from './contract-requests.js';
import { headTimestamp } from './head-timestamps.js';
import { buildHistoricalAnswer } from './historical-answer.js';
import { WHAT_TO_SHOW } from './historical-bars.js';
import { historicalDataMsgs, headTimestampMsg } from './historical-messages.js';
import type { HmdsState, ResolvedHistoricalOptions } from './historical-options.js';
import { HistoricalPacer, type PacedRequest, type PacingRule } from './historical-pacing.js';
import { checkHistoricalRequest, queryName, type HistoricalQuery } from './historical-query.js';
import { HistoricalQueue } from './historical-queue.js';
import type { HeadTimestampRequest, HistoricalDataRequest } from './historical-request-parsers.js';
import { historicalText } from './historical-texts.js';
import { FORMAT_DATE_EPOCH, formatIbDateTime } from './ib-dates.js';
import type { RequestedContract } from './request-cursor.js';
import { errorMsg } from './server-messages.js';
import type { SimPeer, SymbolFeed } from './sim-context.js';
import type { SimContract } from './sim-contract.js';
import { pushBounded } from './bounded-list.js';
import type { SimHistoricalRequestRecord } from './stats.js';
import { sessionCalendar } from './trading-sessions.js';

/** What the historical service needs from the simulator. */
export interface HistoricalEnv {
  /** Wall clock (pacing windows), ms. */
  now(): number;
  /** Market clock (bar times), ms. */
  marketNow(): number;
  lookup(contract: RequestedContract): readonly SimContract[];
  feed(contract: SimContract): SymbolFeed;
  /** False while the link to IB is lost (1100) or the server is stalled: requests wait. */
  linkUp(): boolean;
  /** False while market data does not flow (also pauses keepUpToDate updates). */
  dataFlowing(): boolean;
  /** Sends a status notice (request id -1) to every started connection. */
  notify(code: number, text: string): void;
}

const HMDS_NOTICES: Readonly<Record<HmdsState, readonly [number, string]>> = {
  ok: [SimCode.HMDS_FARM_OK, simCodeText.hmdsOk],
  broken: [SimCode.HMDS_FARM_BROKEN, simCodeText.hmdsBroken],
  inactive: [SimCode.HMDS_FARM_INACTIVE, simCodeText.hmdsInactive],
};

/** Weight of a request in the pacing windows: IB counts BID_ASK twice. */
const pacingWeight = (whatToShow: string): number => (whatToShow === 'BID_ASK' ? 2 : 1);
const SECOND_MS = 1000;

type Outcome = { readonly bars: number } | { readonly error: number; readonly pacingRule?: PacingRule };

/** Appends a historical request and its outcome to the connection's records. */
const record = (peer: SimPeer, base: Omit<SimHistoricalRequestRecord, 'bars' | 'error' | 'pacingRule'>, outcome: Outcome): void => {
  pushBounded<SimHistoricalRequestRecord>(peer.counters.historicalRequests, { ...base, ...outcome });
};

/**
 * reqHistoricalData, cancelHistoricalData, reqHeadTimestamp and the HMDS farm, as TWS answers
 * them: checks (TWS's codes), pacing (HistoricalPacer), answers from each contract's FeedHistory,
 * keepUpToDate streams (BarUpdater). Requests wait (HistoricalQueue) while the HMDS farm is broken
 * or the link is lost; an inactive farm wakes up (2106) on the next request.
 */
export class HistoricalService {
  private readonly pacer: HistoricalPacer;
  private readonly updater: BarUpdater;
  private readonly queue: HistoricalQueue;
  private state: HmdsState;

  constructor(
    private readonly options: ResolvedHistoricalOptions,
    private readonly env: HistoricalEnv,
  ) {
    this.state = options.hmds;
    this.pacer = new HistoricalPacer(options.pacing);
    this.queue = new HistoricalQueue(options.latencyMs, () => env.linkUp() && this.state !== 'broken');
    this.updater = new BarUpdater(options.updateIntervalMs, {
      marketNow: () => env.marketNow(),
      flowing: () => env.linkUp() && env.dataFlowing() && this.state !== 'broken',
      style: options.dateStyle,
    });
  }

  get hmds(): HmdsState {
    return this.state;
  }

  /** The notice a new connection gets for the HMDS farm (2106, 2105 or 2107). */
  notice(): readonly [number, string] {
    return HMDS_NOTICES[this.state];
  }

  /** Moves the HMDS farm to a state, tells every client, and answers waiting requests when it is back. */
  setHmds(state: HmdsState): void {
    this.state = state;
    const [code, text] = HMDS_NOTICES[state];
    this.env.notify(code, text);
    this.queue.flush();
  }

  /** Answers the requests that waited for the HMDS farm or the link. */
  flush(): void {
    this.queue.flush();
  }

  private fail(peer: SimPeer, reqId: number, code: number, text: string): void {
    peer.send(errorMsg(peer.serverVersion, reqId, code, text, this.env.now()));
  }

  /** The one contract a request names; else 200 (unknown, or ambiguous as TWS words it). */
  private resolve(peer: SimPeer, reqId: number, requested: RequestedContract): SimContract | undefined {
    const matches = this.env.lookup(requested);
    const [only] = matches;
    if (only && matches.length === 1) return only;
    const text = matches.length === 0 ? simCodeText.noSecurityDefinition : simCodeText.ambiguousContract(requested.symbol || requested.localSymbol);
    this.fail(peer, reqId, SimCode.NO_SECURITY_DEFINITION, text);
    return undefined;
  }

  /** Queues an answer; an inactive farm wakes up first. */
  private schedule(peer: SimPeer, reqId: number, answer: () => void, drop: () => void): void {
    if (this.state === 'inactive') this.setHmds('ok');
    this.queue.add(peer, reqId, answer, drop);
  }

  /** reqHistoricalData: checks, pacing, then bars (and a live stream with keepUpToDate). */
  requestBars(peer: SimPeer, req: HistoricalDataRequest): void {
    peer.counters.reqHistoricalData += 1;
    const base = {
      kind: 'historicalData', reqId: req.reqId, query: describeRequest(req.contract), barSize: req.barSize, duration: req.duration,
      whatToShow: req.whatToShow, endDateTime: req.endDateTime, useRTH: req.useRTH, keepUpToDate: req.keepUpToDate,
    } as const;
    const refuse = (code: number, text: string, pacingRule?: PacingRule): void => {
      this.fail(peer, req.reqId, code, text);
      record(peer, base, pacingRule ? { error: code, pacingRule } : { error: code });
    };
    if (peer.bars.has(req.reqId) || this.queue.has(peer, req.reqId)) {
      refuse(SimCode.DUPLICATE_TICKER_ID, simCodeText.duplicateTickerId(req.reqId));
      return;
    }
    const contract = this.resolve(peer, req.reqId, req.contract);
    if (!contract) {
      record(peer, base, { error: SimCode.NO_SECURITY_DEFINITION });
      return;
    }
    const query = checkHistoricalRequest(req, contract, this.env.marketNow());
    if ('code' in query) {
      refuse(query.code, query.text);
      return;
    }
    const paced: PacedRequest = {
      identity: [contract.conId, req.contract.exchange, query.endDateTime, req.duration, query.barSize.text, query.whatToShow, req.useRTH].join('|'),
      key: [contract.conId, req.contract.exchange, query.whatToShow].join('|'),
      weight: pacingWeight(query.whatToShow),
      small: query.barSize.unit === 'intraday' && query.barSize.seconds <= this.options.pacing.smallBarMaxSeconds,
    };
    const rule = this.pacer.check(this.env.now(), paced, peer.bars.size + this.queue.count(peer));
    if (rule) {
      peer.counters.historicalPacingViolations += 1;
      refuse(SimCode.HISTORICAL_DATA_ERROR, historicalText.pacingViolation, rule);
      return;
    }
    this.pacer.accept(this.env.now(), paced);
    this.schedule(peer, req.reqId, () => {
      record(peer, base, this.answerBars(peer, req.reqId, query));
    }, () => {
      record(peer, base, { error: SimCode.HISTORICAL_DATA_ERROR });
    });
  }

  private answerBars(peer: SimPeer, reqId: number, query: HistoricalQuery): Outcome {
    const feed = this.env.feed(query.contract);
    const now = this.env.marketNow();
    feed.history.start(now, feed.book);
    feed.history.markWanted();
    if (query.impliedZone) this.fail(peer, reqId, SimCode.IMPLIED_TIME_ZONE, historicalText.impliedTimeZone);
    const answer = buildHistoricalAnswer(feed.history, query, now, this.options.dateStyle);
    if (!answer) {
      this.fail(peer, reqId, SimCode.HISTORICAL_DATA_ERROR, historicalText.noData(queryName(query.contract, '', query.whatToShow)));
      return { error: SimCode.HISTORICAL_DATA_ERROR };
    }
    for (const msg of historicalDataMsgs(peer.serverVersion, reqId, answer.start, answer.end, answer.rows)) peer.send(msg);
    if (query.keepUpToDate) this.updater.add({ peer, reqId, feed, query, lastSlot: answer.last });
    return { bars: answer.rows.length };
  }

  /** cancelHistoricalData: a live or waiting request ends with 162 "…query cancelled"; an unknown id gets 366. */
  cancelBars(peer: SimPeer, reqId: number): void {
    peer.counters.cancelHistoricalData += 1;
    const live = peer.bars.get(reqId);
    if (live) this.updater.remove(live);
    else if (!this.queue.cancel(peer, reqId)) {
      this.fail(peer, reqId, SimCode.NO_HISTORICAL_QUERY, historicalText.noHistoricalQuery(reqId));
      return;
    }
    this.fail(peer, reqId, SimCode.HISTORICAL_DATA_ERROR, historicalText.cancelled(reqId));
  }

  /** reqHeadTimestamp: the contract's earliest data, per formatDate (epoch seconds for 2). */
  requestHeadTimestamp(peer: SimPeer, req: HeadTimestampRequest): void {
    peer.counters.reqHeadTimestamp += 1;
    const base = {
      kind: 'headTimestamp', reqId: req.reqId, query: describeRequest(req.contract), barSize: '', duration: '',
      whatToShow: req.whatToShow, endDateTime: '', useRTH: req.useRTH, keepUpToDate: false,
    } as const;
    const contract = this.resolve(peer, req.reqId, req.contract);
    if (!contract) {
      record(peer, base, { error: SimCode.NO_SECURITY_DEFINITION });
      return;
    }
    if (!WHAT_TO_SHOW[req.whatToShow.trim().toUpperCase()]) {
      this.fail(peer, req.reqId, SimCode.VALIDATION_ERROR, historicalText.invalidWhatToShow(req.whatToShow));
      record(peer, base, { error: SimCode.VALIDATION_ERROR });
      return;
    }
    const head = headTimestamp(contract);
    const text = req.formatDate === FORMAT_DATE_EPOCH
      ? String(Math.floor(head / SECOND_MS))
      : formatIbDateTime(head, sessionCalendar(contract, req.useRTH).zone, this.options.dateStyle);
    this.schedule(peer, req.reqId, () => {
      peer.send(headTimestampMsg(req.reqId, text));
      record(peer, base, { bars: 1 });
    }, () => undefined);
  }

  /** cancelHeadTimestamp: forgets a waiting one (no message). */
  cancelHeadTimestamp(peer: SimPeer, reqId: number): void {
    this.queue.cancel(peer, reqId);
  }

  /** Forgets a connection's live and waiting requests (socket closed, or 1101: the client must ask again). */
  forget(peer: SimPeer): void {
    this.updater.removePeer(peer);
    this.queue.clear(peer);
  }

  /** Live keepUpToDate requests over all connections. */
  get liveCount(): number {
    return this.updater.size;
  }

  /** Clears every timer. */
  close(): void {
    this.updater.close();
    this.queue.clear();
  }
}
