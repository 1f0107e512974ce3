import { filter, map, merge, Observable, Subscription, switchMap, tap, timer } from 'rxjs';
import { IbRxError, MarketDataTimeoutError } from '../errors.js';
import { log } from '../log.js';
import type { MarketStateInput } from '../state/index.js';
import { startRequestAttempt, type AttemptMemory } from './request-attempt.js';
import type { MarketDataRequestContext, MarketDataRequestSpec } from './request-context.js';
import { StaleSignal } from './with-stale-signal.js';

/** Why a subscription requests (again): on which socket, and whether TWS forgot the old request. */
interface Trigger {
  readonly generation: number;
  /** A new socket or 1101: the old request is gone at TWS, so it is not cancelled. */
  readonly requestLost: boolean;
}

/**
 * One market-data subscription over the life of a session: the market-state inputs (ticks, the
 * type in effect, stale flags) of a contract, continuous across reconnects.
 *
 * ```text
 * ready$        -c-----------r----------l----     c connected, r reconnected, l link-restored (1101)
 * requests       1           2          3         a fresh request id each time (none after 1102)
 * output        --t-t-t--S----t-t-------t-t--     S: stale (socket down); never errors or completes on a reconnect
 * ```
 * - Takes a market-data line on subscribe (`MarketDataLinesError` when the budget is exhausted)
 *   and frees it on unsubscribe, and on error or completion *before* they are delivered (so a
 *   `retry()` in the subscriber's pipeline finds the line free).
 * - Errors with `context.connectionDeadline$`'s error (a `ConnectionError`) when the session has
 *   never had a connection within the first-data timeout.
 * - Every error it delivers is an `IbRxError` (anything else is wrapped, with `cause`).
 * - Requests once per `ready$` emission with a fresh id; after a farm flap (2103 → 2104) it
 *   requests again only if no tick came within `farmResumeGraceMs` of the 2104.
 * - Errors with `MarketDataTimeoutError` when no tick follows the request within
 *   `firstDataTimeoutMs` of it leaving the pacing queue (only until the first tick ever), and with the request's typed
 *   `IbApiError` on a request-fatal answer (see `startRequestAttempt`); the live request is
 *   cancelled (where TWS still has it) before the error is delivered.
 * - Unsubscribing cancels the live request (only on its own, still open socket).
 *
 * Hand-written: a tick goes from the router through the attempt and the stale signal to the
 * subscriber in plain calls (one rxjs subscriber in all); the rare signals (readiness, farm
 * recovery, the deadlines) are rxjs streams and scheduler actions beside that path.
 */
export function marketDataRequest$(spec: MarketDataRequestSpec, context: MarketDataRequestContext): Observable<MarketStateInput> {
  return new Observable<MarketStateInput>((subscriber) => {
    const { registry, scheduler, firstDataTimeoutMs } = context;
    try {
      registry.add(spec);
    } catch (error: unknown) {
      subscriber.error(asIbRxError(error, spec.symbol)); // MarketDataLinesError: nothing taken
      return undefined;
    }
    // The attempts count ticks in `memory.ticks` (no clock read per tick).
    const memory: AttemptMemory = { fallbackLevel: 0, requestLost: false, sentAt: undefined, ticks: 0 };
    let generation: number | undefined;
    let stopAttempt: (() => void) | undefined;
    let deadline: Subscription | undefined;
    /** The triggers and the connection deadline (added after `release` → unsubscribed at once). */
    const watches = new Subscription();
    let triggersDone = false;
    let ended = false;

    /** Lets go of everything (the live request is cancelled unless it ended by itself), then of the line. */
    const release = (): void => {
      if (ended) return;
      ended = true;
      watches.unsubscribe();
      deadline?.unsubscribe();
      stale.stop();
      const stop = stopAttempt;
      stopAttempt = undefined;
      stop?.();
      registry.remove(spec.key);
    };
    const fail = (error: unknown): void => {
      if (ended) return;
      release();
      subscriber.error(asIbRxError(error, spec.symbol));
    };
    /** Completes once the triggers have ended and no attempt or deadline is left. */
    const completeIfDone = (): void => {
      if (ended || !triggersDone || stopAttempt !== undefined || deadline !== undefined) return;
      release();
      subscriber.complete();
    };
    const stale = new StaleSignal(
      { interrupted$: context.interrupted$, staleAfterMs: context.staleAfterMs, scheduler },
      { get closed() { return ended; }, next: (input) => { subscriber.next(input); }, error: fail },
    );

    // Counted from when the request left the pacing queue: re-armed until then; over at the first tick.
    const remainingMs = (): number => (memory.sentAt === undefined ? firstDataTimeoutMs : memory.sentAt + firstDataTimeoutMs - scheduler.now());
    const armDeadline = (): void => {
      deadline?.unsubscribe();
      deadline = scheduler.schedule(() => {
        deadline = undefined;
        if (memory.ticks > 0) completeIfDone();
        else if (memory.sentAt !== undefined && remainingMs() <= 0) fail(new MarketDataTimeoutError({ symbol: spec.symbol, timeoutMs: firstDataTimeoutMs }));
        else armDeadline();
      }, Math.max(0, remainingMs()));
    };
    let attempt = 0;
    let finished = 0;
    const request = (trigger: Trigger): void => {
      memory.requestLost = trigger.requestLost;
      const stop = stopAttempt;
      stopAttempt = undefined;
      stop?.();
      generation = trigger.generation;
      const id = ++attempt;
      const stopThis = startRequestAttempt(spec, trigger.generation, context, memory, {
        next: (input) => { stale.input(input); },
        error: fail,
        complete: () => {
          if (id !== attempt) return;
          finished = id;
          stopAttempt = undefined;
          completeIfDone();
        },
      });
      if (ended) {
        stopThis();
        return;
      }
      if (id === attempt && finished !== id) stopAttempt = stopThis;
      if (memory.ticks === 0) armDeadline();
      else {
        deadline?.unsubscribe();
        deadline = undefined;
      }
    };

    const farmResync$ = context.farmRecovered$.pipe(
      switchMap(() => {
        const ticksBefore = memory.ticks;
        return timer(context.farmResumeGraceMs, scheduler).pipe(filter(() => memory.ticks === ticksBefore));
      }),
      map(() => generation),
      filter((gen): gen is number => gen !== undefined),
      map((gen): Trigger => ({ generation: gen, requestLost: false })),
      tap(() => {
        log.requests('%s silent after the farm came back: requesting again', spec.symbol);
      }),
    );
    const readyTrigger$ = context.ready$.pipe(map((ready): Trigger => ({ generation: ready.generation, requestLost: ready.reason !== 'connected' })));
    watches.add(merge(readyTrigger$, farmResync$).subscribe({
      next: request,
      error: fail,
      complete: () => {
        triggersDone = true;
        completeIfDone();
      },
    }));
    watches.add(context.connectionDeadline$.subscribe({ error: fail }));
    return release;
  });
}

function asIbRxError(error: unknown, symbol: string): IbRxError {
  if (error instanceof IbRxError) return error;
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new IbRxError(`ib-rx: the market data request for ${symbol} failed unexpectedly (${what})`, { cause: error });
}
