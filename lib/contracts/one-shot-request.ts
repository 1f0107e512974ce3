import type { IBApi } from '@stoqey/ib';
import { catchError, concat, defer, filter, map, merge, Observable, of, retry, switchMap, take, takeWhile, timer, toArray, type SchedulerLike } from 'rxjs';
import type { IbEvent } from '../connection/ib-event.js';
import { IbApiError, ibApiErrorFromCode, RequestTimeoutError } from '../errors.js';
import { log } from '../log.js';
import type { ReadySignal, SendCommand } from '../requests/request-context.js';
import type { SpacingGate } from './spacing-gate.js';

/** What a one-shot request needs from its session (a subset of the market-data request context, plus the timeout). */
export interface OneShotContext {
  /** Replays the current readiness (only while that socket is alive) and emits each new one. */
  readonly ready$: Observable<ReadySignal>;
  /** Errors with a `ConnectionError` when the session never had a connection within the timeout; else completes. */
  readonly connectionDeadline$: Observable<never>;
  /** The events of one request id. */
  readonly route$: (reqId: number) => Observable<IbEvent>;
  readonly nextReqId: () => number;
  readonly send: SendCommand;
  readonly scheduler: SchedulerLike;
  /** No complete answer within this long after the request left the pacing queue → `RequestTimeoutError`. */
  readonly timeoutMs: number;
  /** Non-fatal request errors (pacing) for the session's `errors$`. */
  readonly report: (error: IbApiError) => void;
}

/** What one event of a request contributes to its answer: rows, and whether the answer is complete. */
export interface AnswerPart<Row> {
  readonly rows: readonly Row[];
  readonly end: boolean;
}

/** One request-and-answer exchange with TWS: what to send, and how its events read. */
export interface OneShotSpec<Row> {
  /** The IB request, for logs and errors (`reqContractDetails`). */
  readonly request: string;
  /** What it is about, for logs and errors (`AAPL`, a search pattern). */
  readonly subject: string;
  /** Sends the request under `reqId`. */
  readonly send: (api: IBApi, reqId: number) => void;
  /**
   * One event of the request → its part of the answer (`{ rows: [row], end: false }` for a row,
   * `{ rows: [], end: true }` for the end marker, `{ rows, end: true }` for a one-message answer), or
   * `undefined` (not part of the answer). Error events are read by `oneShotRequest$` itself.
   */
  readonly read: (event: IbEvent) => AnswerPart<Row> | undefined;
  /** Requests go through this gate (IB's one-per-second limit of `reqMatchingSymbols`). */
  readonly gate?: SpacingGate;
}

/** What one attempt emits: the moment its message left, then the answer. */
type Step<Row> = { readonly type: 'sent' } | { readonly type: 'answer'; readonly rows: readonly Row[] };
const SENT = { type: 'sent' } as const;
const isSent = <Row>(step: Step<Row>): boolean => step.type === 'sent';

/** A gated request TWS refused for pacing (100): asked again through the gate, at most this often. */
const PACED_RETRIES = 3;

/** TWS refused a gated request for pacing: the attempt ends with this and is asked again through the gate. */
class PacedOut extends Error {
  constructor(readonly ibError: IbApiError) {
    super(ibError.message);
  }
}

/**
 * A one-shot request (contract details, symbol search, option parameters) as a cold Observable:
 * emits the whole answer once (every row up to the end marker), then completes.
 *
 * ```text
 * ready$     -r--------s-------      r: connected, s: reconnected
 * sent           1         2         a fresh request id each time; a drop before the answer re-sends
 * answer                     -(A|)   the rows of the attempt that got its end marker
 * ```
 * - Waits for a ready socket; sends with a fresh request id (through `spec.gate`, if any), the
 *   route opened before the message leaves.
 * - Re-sends with a fresh id on every new ready (reconnect, 1101) until answered; rows of an
 *   abandoned attempt are dropped, so an answer is never half old, half new.
 * - Errors with `RequestTimeoutError` when the answer is not complete within `timeoutMs` of the
 *   message leaving the pacing queue (restarted for a re-send); with the `ConnectionError` of
 *   `connectionDeadline$`; with the request's typed `IbApiError` (200 → `SymbolNotFoundError`) on a
 *   request-fatal answer. Pacing warnings (100) are reported; the request goes on, except a gated
 *   one (`reqMatchingSymbols`), which TWS drops: it is asked again through the gate (so at least its
 *   interval later), at most 3 times, then errors with that `IbApiError` (100). Arrival times at
 *   TWS jitter, so a request spaced exactly by the gate can still arrive a little early.
 * - Unsubscribing stops listening (TWS has no cancel for these); a message still in the pacing
 *   queue is then not sent.
 */
export function oneShotRequest$<Row>(spec: OneShotSpec<Row>, context: OneShotContext): Observable<readonly Row[]> {
  const attempt$ = (generation: number): Observable<Step<Row>> => {
    const steps$ = attemptSteps$(spec, context, generation);
    const { gate } = spec;
    if (gate === undefined) return steps$;
    return defer(() => gate.through$(steps$, isSent)).pipe(
      retry({
        count: PACED_RETRIES,
        delay: (error: unknown) => {
          if (!(error instanceof PacedOut)) throw error;
          log.requests('%s %s: refused for pacing; asking again through the gate', spec.request, spec.subject);
          return of(true);
        },
      }),
      catchError((error: unknown) => {
        throw error instanceof PacedOut ? error.ibError : error;
      }),
    );
  };
  return merge(context.ready$.pipe(switchMap((ready) => attempt$(ready.generation))), context.connectionDeadline$).pipe(
    filter((step): step is Extract<Step<Row>, { type: 'answer' }> => step.type === 'answer'),
    map((step) => step.rows),
    take(1),
  );
}

/** One attempt on socket `generation`: `sent` when the message leaves, then the answer (or an error). */
function attemptSteps$<Row>(spec: OneShotSpec<Row>, context: OneShotContext, generation: number): Observable<Step<Row>> {
  return defer(() => {
    const reqId = context.nextReqId();
    const answer$ = context.route$(reqId).pipe(
      map((event) => readEvent(spec, context, reqId, event)),
      filter((part) => part !== undefined),
      takeWhile((part) => !part.end, true),
      toArray(),
      filter((parts) => parts.at(-1)?.end === true), // the route ended without the end marker: no answer
      map((parts): Step<Row> => ({ type: 'answer', rows: parts.flatMap((part) => part.rows) })),
    );
    const sent$ = new Observable<Step<Row>>((subscriber) => {
      log.requests('%s %d %s on socket %d', spec.request, reqId, spec.subject, generation);
      context.send((api) => {
        if (subscriber.closed) return; // abandoned while queued: don't ask
        spec.send(api, reqId);
        subscriber.next(SENT);
        subscriber.complete();
      }, generation);
    });
    const deadline$ = timer(context.timeoutMs, context.scheduler).pipe(
      map((): never => {
        throw new RequestTimeoutError({ request: spec.request, subject: spec.subject, timeoutMs: context.timeoutMs });
      }),
    );
    // The route is subscribed first: no answer can come before it listens.
    return merge(answer$, sent$.pipe(switchMap((sent) => concat(of(sent), deadline$)))).pipe(takeWhile((step) => step.type !== 'answer', true));
  });
}

/** An event of the request: its part of the answer or nothing; throws the typed error of a request-fatal code. */
function readEvent<Row>(spec: OneShotSpec<Row>, context: OneShotContext, reqId: number, event: IbEvent): AnswerPart<Row> | undefined {
  if (event.type !== 'error') return spec.read(event);
  const { code, message, info } = event;
  log.requests('%s %d %s: IB %d %s', spec.request, reqId, spec.subject, code, message);
  if (info.action === 'fail-request') throw ibApiErrorFromCode(code, message, { reqId, symbol: spec.subject });
  if (info.kind !== 'pacing') return undefined;
  const error = new IbApiError(code, message, { reqId, symbol: spec.subject });
  context.report(error);
  if (spec.gate !== undefined) throw new PacedOut(error);
  return undefined;
}
