import { defer, EMPTY, filter, from, map, merge, mergeMap, share, type Observable } from 'rxjs';
import type { DataType } from '../config/index.js';
import type { ConnectionState } from '../connection/connection-state.js';
import type { IbEvent, IbEventOf } from '../connection/ib-event.js';
import { ConnectionError, IbApiError, MarketDataTimeoutError, ProtocolError, type IbRxError } from '../errors.js';
import type { LiveSubscription } from '../requests/subscription-registry.js';
import type { HealthCounters, HealthSources, MonitoredInput, OutboundStatus, SessionErrorEvent, StreamEvent } from './health-sources.js';

export type { MonitoredInput };

/** What monitoring reads from a session (`IbSession` has these members); all hot and completing on `close()`. */
export interface MonitorableSession {
  /** Every inbound event: counted (messages in per second); TWS errors are taken from it. */
  readonly events$: Observable<IbEvent>;
  readonly connectionState$: Observable<ConnectionState>;
  readonly errors$: Observable<IbRxError>;
  /** The live subscriptions after every change (request id, socket, type asked for); replays the current list. */
  readonly subscriptions$: Observable<readonly LiveSubscription[]>;
  /** Messages written and waiting for the pacing budget (`IbSession.outbound$`). */
  readonly outbound$: Observable<OutboundStatus>;
  /** Every input the live streams fold, each once, with the stream's key (`IbSession.streamInputs$`). */
  readonly streamInputs$: Observable<MonitoredInput>;
}

interface Requested {
  readonly reqId: number;
  readonly generation: number | undefined;
  readonly dataType: DataType;
}

type ErrorEvent = IbEventOf<'error'>;

/**
 * The {@link HealthSources} of a session, derived from its public streams only (no second listener
 * on the client, no second decoding): stream lifecycle from the subscription list changes; each
 * stream's ticks and type in effect are the session's `streamInputs$` as they are (what the stream
 * itself folded, so a price's size counts once and a replaced request's late ticks never count);
 * a stream's TWS errors come from the `error` events of `events$`, routed by the request id the
 * subscription list names; and the session's connection-level errors.
 * With `counters` (the session's own, see `HealthCounters`), `inputs$` is left out when they
 * give the streams' counters, `inbound$` is empty when they give the inbound count, and the
 * errors come from their `errorEvents$` when given.
 * A new request id for a stream is a resubscription unless it is a delayed fallback (same socket,
 * another market data type). Errors of ids no live stream uses (cancelled, replaced) are ignored.
 *
 * ```text
 * subscriptions$  a--r---------x     a: AAPL waiting, r: AAPL requested as 7, x: AAPL gone
 * events$         ------e-------     e: error 10167 for request 7
 * streams$        A--R--E------X
 * ```
 */
export function sessionHealthSources(session: MonitorableSession, counters?: HealthCounters): HealthSources {
  // `events$` is hot already: counting and the error filter subscribe to it directly (a `share`
  // here would add a Subject hop per inbound message); the rare errors are shared.
  const twsErrors$ = (counters?.errorEvents$ ?? session.events$.pipe(filter((event): event is ErrorEvent => event.type === 'error'))).pipe(share());
  return {
    connectionState$: session.connectionState$,
    inbound$: counters?.inbound === undefined ? session.events$ : EMPTY,
    outbound$: session.outbound$,
    streams$: streamEvents$(session.subscriptions$, twsErrors$),
    inputs$: counters?.stream === undefined ? session.streamInputs$ : undefined,
    counters,
    errors$: merge(
      twsErrors$.pipe(
        filter((event) => event.reqId < 0),
        map((event): SessionErrorEvent => ({ code: event.code, kind: event.info.kind, message: event.message })),
      ),
      session.errors$.pipe(filter((error) => !(error instanceof IbApiError)), map(sessionError)),
    ),
  };
}

function streamEvents$(subscriptions$: Observable<readonly LiveSubscription[]>, errors$: Observable<ErrorEvent>): Observable<StreamEvent> {
  return defer(() => {
    const known = new Map<string, Requested | undefined>();
    const keyOf = new Map<number, string>();

    const onList = (list: readonly LiveSubscription[]): StreamEvent[] => {
      const out: StreamEvent[] = [];
      const live = new Set<string>();
      for (const sub of list) {
        live.add(sub.key);
        if (!known.has(sub.key)) {
          known.set(sub.key, undefined);
          out.push({ type: 'added', key: sub.key, symbol: sub.symbol });
        }
        const last = known.get(sub.key);
        if (sub.reqId === undefined || sub.reqId === last?.reqId) continue;
        const fallback = last !== undefined && last.generation === sub.generation && last.dataType !== sub.dataType;
        if (last !== undefined) keyOf.delete(last.reqId);
        keyOf.set(sub.reqId, sub.key);
        known.set(sub.key, { reqId: sub.reqId, generation: sub.generation, dataType: sub.dataType });
        out.push({ type: 'requested', key: sub.key, reqId: sub.reqId, resubscription: last !== undefined && !fallback });
      }
      for (const [key, last] of known) {
        if (live.has(key)) continue;
        known.delete(key);
        if (last !== undefined) keyOf.delete(last.reqId);
        out.push({ type: 'removed', key });
      }
      return out;
    };

    return merge(
      subscriptions$.pipe(mergeMap((list) => from(onList(list)))),
      errors$.pipe(
        map((event): StreamEvent | undefined => {
          const key = keyOf.get(event.reqId);
          return key === undefined ? undefined : { type: 'error', key, code: event.code, kind: event.info.kind, message: event.message };
        }),
        filter((event) => event !== undefined),
      ),
    );
  });
}

function sessionError(error: IbRxError): SessionErrorEvent {
  const kind = error instanceof ConnectionError ? 'connection'
    : error instanceof ProtocolError ? 'protocol'
      : error instanceof MarketDataTimeoutError ? 'timeout'
        : 'other';
  const code = 'code' in error && typeof error.code === 'number' ? error.code : undefined;
  return { code, kind, message: error.message };
}
