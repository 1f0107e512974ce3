import type { WhatToShow as IbWhatToShow } from '@stoqey/ib';
import { defer, Observable, retry, timer, type Subscription } from 'rxjs';
import type { Bar } from '../bars/bar.js';
import { IbApiError, RequestTimeoutError } from '../errors.js';
import { log } from '../log.js';
import { backoffCeiling } from '../operators/backoff-delay.js';
import { ibBarSizeSetting } from './bar-size.js';
import { historicalError, isPacingViolation } from './historical-codes.js';
import { chainBars, historicalBar } from './historical-bar.js';
import type { HistoricalRequestSpec, HistoryContext } from './history-context.js';
import type { HistoricalPacingRules } from './pacing-rules.js';
import type { PacingTicket } from './pacing-verdict.js';

/** What an attempt emits: the moment its request left, TWS's answer, then (keepUpToDate) the updates. */
export type AttemptStep =
  | { readonly type: 'sent' }
  | { readonly type: 'history'; readonly bars: readonly Bar[] }
  | { readonly type: 'update'; readonly bar: Bar };

/** What a request keeps across its attempts. */
export interface AttemptMemory {
  /** TWS forgot the current request (1101, new socket): replacing it needs no cancel. */
  requestLost: boolean;
}

/** formatDate 2: intraday bar times in epoch seconds (daily and longer bars stay `yyyyMMdd`). */
const FORMAT_DATE_EPOCH = 2;
const SENT: AttemptStep = { type: 'sent' };
const isSent = (step: AttemptStep): boolean => step.type === 'sent';

/** How the governor sees a request of `spec` with `duration`. */
export function pacingTicket(spec: HistoricalRequestSpec, duration: string, rules: HistoricalPacingRules): PacingTicket {
  const { query } = spec;
  return {
    identity: [spec.contractKey, query.endDateTime, duration, query.barSize.barSize, query.whatToShow, String(query.useRTH)].join('|'),
    key: `${spec.contractKey}|${query.whatToShow}`,
    weight: query.whatToShow === 'BID_ASK' ? 2 : 1,
    small: query.barSize.unit === 'intraday' && query.barSize.seconds <= rules.smallBarMaxSeconds,
  };
}

/**
 * One `reqHistoricalData` on socket `generation`, through the session's governor, with a fresh
 * request id per try:
 *
 * ```text
 * governor       ----a                        a: admitted (the pacing rules allow it)
 * attempt            s---(h)--u--u-->         s: sent, h: the answer's bars, u: keepUpToDate updates
 * 162 pacing         s---#  …wait…  s--h|     reported on errors$, retried after 2 s, 4 s, … (maxRetries)
 * ```
 * - Answer rows are collected until the end marker and emitted as one `history` step (each bar's
 *   end cut at the next one's start); without keepUpToDate the attempt then completes.
 * - Errors: `HistoricalDataError` (162, 321, 366, 10314), the typed `IbApiError` of other
 *   request-fatal codes (200 → `SymbolNotFoundError`), `RequestTimeoutError` when no complete
 *   answer came within `context.timeoutMs` of the request leaving the pacing queue, `ProtocolError`
 *   for an unreadable bar time. A 162 pacing violation is retried (see above), 100 reported.
 * - Unsubscribing before the answer, or from a keepUpToDate stream, sends `cancelHistoricalData`
 *   (only while its socket is open and TWS still knows the request).
 */
export function historicalAttempt$(
  spec: HistoricalRequestSpec, duration: () => string, generation: number, context: HistoryContext, memory: AttemptMemory,
): Observable<AttemptStep> {
  const { rules, scheduler } = context;
  return defer(() => {
    const asked = duration();
    return context.governor.through$(attemptSteps$(spec, asked, generation, context, memory), pacingTicket(spec, asked, rules), isSent);
  }).pipe(
    retry({
      count: rules.maxRetries,
      delay: (error: unknown, count: number) => {
        if (!isPacingViolation(error)) throw error;
        context.report(error);
        const waitMs = backoffCeiling(count - 1, { initialDelayMs: rules.retryDelayMs, maxDelayMs: rules.maxRetryDelayMs });
        log.requests('reqHistoricalData %s: pacing violation at TWS; asking again in %d ms', spec.symbol, waitMs);
        return timer(waitMs, scheduler);
      },
    }),
  );
}

/** One try: route, send, collect the answer, pass updates; cancel on unsubscribe while the request is open at TWS. */
function attemptSteps$(spec: HistoricalRequestSpec, duration: string, generation: number, context: HistoryContext, memory: AttemptMemory): Observable<AttemptStep> {
  const { query, contract, symbol } = spec;
  return new Observable<AttemptStep>((subscriber) => {
    const reqId = context.nextReqId();
    memory.requestLost = false;
    let rows: Bar[] = [];
    let sent = false;
    let open = true;
    let deadline: Subscription | undefined;
    const fail = (error: unknown): void => {
      subscriber.error(error);
    };
    const route = context.route$(reqId).subscribe({
      next: (event) => {
        try {
          switch (event.type) {
            case 'historicalData':
              rows.push(historicalBar(event, query.barSize));
              return;
            case 'historicalDataEnd': {
              const bars = chainBars(rows);
              rows = [];
              deadline?.unsubscribe();
              if (!query.keepUpToDate) open = false; // answered: nothing left to cancel
              subscriber.next({ type: 'history', bars });
              if (!query.keepUpToDate) subscriber.complete();
              return;
            }
            case 'historicalDataUpdate':
              subscriber.next({ type: 'update', bar: historicalBar(event, query.barSize) });
              return;
            case 'error': {
              log.requests('reqHistoricalData %d %s: IB %d %s', reqId, symbol, event.code, event.message);
              const error = historicalError(event, symbol);
              if (error !== undefined) {
                open = false;
                fail(error);
              } else if (event.info.kind === 'pacing') context.report(new IbApiError(event.code, event.message, { reqId, symbol }));
              return;
            }
            default:
              return;
          }
        } catch (error: unknown) {
          fail(error);
        }
      },
      error: fail,
      complete: () => {
        subscriber.complete();
      },
    });
    log.requests('reqHistoricalData %d %s %s %s %s on socket %d', reqId, symbol, duration, query.barSize.barSize, query.whatToShow, generation);
    if (!subscriber.closed) {
      context.send((api) => {
        if (subscriber.closed) return; // abandoned while queued: don't ask
        api.reqHistoricalData(
          reqId, contract, query.endDateTime, duration, ibBarSizeSetting(query.barSize.barSize), query.whatToShow as IbWhatToShow,
          query.useRTH, FORMAT_DATE_EPOCH, query.keepUpToDate,
        );
        sent = true;
        subscriber.next(SENT);
        deadline = timer(context.timeoutMs, context.scheduler).subscribe({
          next: () => { fail(new RequestTimeoutError({ request: 'reqHistoricalData', subject: symbol, timeoutMs: context.timeoutMs })); },
          error: fail,
        });
      }, generation);
    }
    return () => {
      route.unsubscribe();
      deadline?.unsubscribe();
      if (sent && open && !memory.requestLost && context.isAlive(generation)) {
        log.requests('cancelHistoricalData %d %s on socket %d', reqId, symbol, generation);
        context.send((api) => api.cancelHistoricalData(reqId), generation);
      }
    };
  });
}
