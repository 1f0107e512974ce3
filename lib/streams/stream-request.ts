import type { IBApi } from '@stoqey/ib';
import { defer, merge, Observable, switchMap, tap, timer } from 'rxjs';
import type { IbEvent } from '../connection/ib-event.js';
import { IbApiError } from '../errors.js';
import { log } from '../log.js';
import type { StreamContext } from './stream-context.js';

/** One kind of streaming request: how to ask, how to cancel, what its events mean. */
export interface StreamRequestSpec<T> {
  /** For logs: `reqRealTimeBars AAPL TRADES`. */
  readonly label: string;
  /** Sends the request with `reqId`. */
  readonly request: (api: IBApi, reqId: number) => void;
  /** Sends its cancel. */
  readonly cancel: (api: IBApi, reqId: number) => void;
  /**
   * One routed event → a value to emit, an `IbApiError` that ends the stream (the request is dead
   * at TWS: no cancel), or `undefined` (nothing; advisory codes are the caller's to report).
   */
  readonly interpret: (event: IbEvent) => T | IbApiError | undefined;
  /** Called when a request id takes over on socket `generation` (the registry's bookkeeping). */
  readonly onRequest?: (reqId: number, generation: number) => void;
  /** Called when a request id is done (cancelled, lost or failed). */
  readonly onEnd?: (reqId: number) => void;
  /** How long a new request must wait before it may be sent (a rule like tick-by-tick's 15 s); default none. */
  readonly delayMs?: () => number;
  /** Called when a request actually leaves (after any wait and the pacing queue). */
  readonly onSent?: () => void;
}

/** What one subscription keeps across its requests. */
interface Memory {
  /** TWS forgot the current request (1101, new socket): replacing it needs no cancel. */
  requestLost: boolean;
}

/**
 * A streaming request over the life of a session: asked on every ready signal with a fresh
 * request id, its events interpreted, cancelled on unsubscribe.
 *
 * ```text
 * ready$        -c----------r--------l-----     c connected, r reconnected, l link restored (1101)
 * requests       1          2        3          a fresh id each time (no cancel for a lost request)
 * output        --v--v--v-------v-v-----v--     v: what `interpret` made of the events
 * ```
 * - Errors with the request's `IbApiError` (request-fatal answer), with whatever `interpret`
 *   throws, and with `connectionDeadline$`'s `ConnectionError` when the session never connects.
 * - Unsubscribing sends the cancel, but only once the request left, while its socket is alive and
 *   TWS still knows it.
 * - `spec.delayMs` can hold a request back (on the scheduler) until a rule allows it.
 */
export function streamRequest$<T>(spec: StreamRequestSpec<T>, context: StreamContext): Observable<T> {
  return defer(() => {
    const memory: Memory = { requestLost: false };
    const attempts$ = context.ready$.pipe(
      tap((ready) => {
        memory.requestLost = ready.reason !== 'connected';
      }),
      switchMap((ready) => {
        const waitMs = spec.delayMs?.() ?? 0;
        const request$ = attempt$(spec, ready.generation, context, memory);
        if (waitMs <= 0) return request$;
        log.requests('%s waits %d ms before it may be sent', spec.label, waitMs);
        return timer(waitMs, context.scheduler).pipe(switchMap(() => request$));
      }),
    );
    return merge(attempts$, context.connectionDeadline$);
  });
}

/** One request with a fresh id on socket `generation`: route first, then send; cancel on unsubscribe while it is open. */
function attempt$<T>(spec: StreamRequestSpec<T>, generation: number, context: StreamContext, memory: Memory): Observable<T> {
  return new Observable<T>((subscriber) => {
    const reqId = context.nextReqId();
    memory.requestLost = false;
    let sent = false;
    let open = true;
    spec.onRequest?.(reqId, generation);
    const route = context.route$(reqId).subscribe({
      next: (event) => {
        let value: T | IbApiError | undefined;
        try {
          value = spec.interpret(event);
        } catch (error: unknown) {
          subscriber.error(error);
          return;
        }
        if (value === undefined) return;
        if (value instanceof IbApiError) {
          open = false;
          log.requests('%s (%d): IB %d %s', spec.label, reqId, value.code, value.message);
          subscriber.error(value);
          return;
        }
        subscriber.next(value);
      },
      error: (error: unknown) => {
        subscriber.error(error);
      },
      complete: () => {
        subscriber.complete();
      },
    });
    log.requests('%s as %d on socket %d', spec.label, reqId, generation);
    if (!subscriber.closed) {
      context.send((api) => {
        if (subscriber.closed) return; // abandoned while queued: don't ask
        spec.request(api, reqId);
        sent = true;
        spec.onSent?.();
      }, generation);
    }
    return () => {
      route.unsubscribe();
      if (sent && open && !memory.requestLost && context.isAlive(generation)) {
        log.requests('cancel %s (%d) on socket %d', spec.label, reqId, generation);
        context.send((api) => { spec.cancel(api, reqId); }, generation);
      }
      spec.onEnd?.(reqId);
    };
  });
}
