import { defer, filter, from, map, merge, mergeMap, share, type Observable } from 'rxjs';
import type { DataType } from '../config/index.js';
import type { ConnectionState } from '../connection/connection-state.js';
import type { IbEvent, IbEventOf } from '../connection/ib-event.js';
import { ConnectionError, IbApiError, MarketDataTimeoutError, ProtocolError, type IbRxError } from '../errors.js';
import type { LiveSubscription } from '../requests/subscription-registry.js';
import { decodeTick } from '../ticks/decode-tick.js';
import { SizePairing } from '../ticks/size-pairing.js';
import type { HealthSources, OutboundStatus, SessionErrorEvent, StreamEvent } from './health-sources.js';

/** What monitoring reads from a session (`IbSession` has these members); all hot and completing on `close()`. */
export interface MonitorableSession {
  readonly events$: Observable<IbEvent>;
  readonly connectionState$: Observable<ConnectionState>;
  readonly errors$: Observable<IbRxError>;
  /** The live subscriptions after every change (request id, socket, type asked for); replays the current list. */
  readonly subscriptions$: Observable<readonly LiveSubscription[]>;
  /** Messages written and waiting for the pacing budget (`IbSession.outbound$`). */
  readonly outbound$: Observable<OutboundStatus>;
}

interface Requested {
  readonly reqId: number;
  readonly generation: number | undefined;
  readonly dataType: DataType;
}

/**
 * The {@link HealthSources} of a session, derived from its public streams only (no second listener
 * on the client): stream lifecycle from the subscription list changes, each stream's ticks, type in
 * effect and TWS errors from `events$` routed by request id (ticks decoded as `toTicks` does, so
 * a price's size counts once), and the session's connection-level errors.
 * A new request id for a stream is a resubscription unless it is a delayed fallback (same socket,
 * another market data type). Events of ids no live stream uses (cancelled, replaced) are ignored.
 */
export function sessionHealthSources(session: MonitorableSession): HealthSources {
  const events$ = session.events$.pipe(share());
  return {
    connectionState$: session.connectionState$,
    inbound$: events$,
    outbound$: session.outbound$,
    streams$: streamEvents$(session.subscriptions$, events$),
    errors$: merge(
      events$.pipe(
        filter((event): event is IbEventOf<'error'> => event.type === 'error' && event.reqId < 0),
        map((event): SessionErrorEvent => ({ code: event.code, kind: event.info.kind, message: event.message })),
      ),
      session.errors$.pipe(filter((error) => !(error instanceof IbApiError)), map(sessionError)),
    ),
  };
}

function streamEvents$(subscriptions$: Observable<readonly LiveSubscription[]>, events$: Observable<IbEvent>): Observable<StreamEvent> {
  return defer(() => {
    const known = new Map<string, Requested | undefined>();
    const keyOf = new Map<number, string>();
    const pairing = new SizePairing();

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

    const onEvent = (event: IbEvent): StreamEvent | undefined => {
      const key = 'reqId' in event ? keyOf.get(event.reqId) : undefined;
      if (key === undefined) return undefined;
      switch (event.type) {
        case 'marketDataType':
          return event.marketDataType === undefined ? undefined : { type: 'dataType', key, marketDataType: event.marketDataType };
        case 'error':
          return { type: 'error', key, code: event.code, kind: event.info.kind, message: event.message };
        default: {
          const tick = decodeTick(event, pairing);
          return tick === undefined ? undefined : { type: 'tick', key, field: tick.field, time: tick.time };
        }
      }
    };

    return merge(
      subscriptions$.pipe(mergeMap((list) => from(onList(list)))),
      events$.pipe(map(onEvent), filter((event) => event !== undefined)),
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
