import type { IBApi } from '@stoqey/ib';
import {
  combineLatest,
  defer,
  EMPTY,
  filter,
  finalize,
  ignoreElements,
  interval,
  map,
  merge,
  mergeMap,
  race,
  repeat,
  share,
  switchMap,
  take,
  tap,
  throwError,
  timer,
} from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';
import { ClientIdInUseError, ConnectionError, IbApiError, ProtocolError } from '../errors.js';
import type { IbRxError } from '../errors.js';
import { IbCode } from '../ib-codes.js';
import { log } from '../log.js';
import { pace } from '../operators/pace.js';
import type { ConnectionInput } from './connection-state.js';
import type { IbEvent } from './ib-event.js';
import { ibEvents$ } from './ib-events.js';
import { connectApi, disconnectApi, guardedFrames$, unthrottleClient } from './socket-edge.js';
import { isUnknownMessageError, unknownMessageNotice } from './unknown-message.js';

/** One queued outgoing message: run `command` on the IBApi of socket `generation`. */
export interface Outgoing {
  readonly command: (api: IBApi) => void;
  readonly generation: number;
}

/** Everything one socket's lifetime needs from its {@link IbConnection}. */
export interface SocketSessionContext {
  readonly host: string;
  readonly port: number;
  readonly clientId: number;
  readonly generation: number;
  readonly attempt: number;
  readonly heartbeatMs: number;
  readonly stallTimeoutMs: number;
  readonly readyTimeoutMs: number;
  readonly stableAfterMs: number;
  readonly maxMessagesPerSecond: number;
  readonly scheduler: SchedulerLike;
  readonly createApi: (o: { host: string; port: number; clientId: number }) => IBApi;
  /** Decode tick messages in the frame guard (`IbConnectionOptions.tickFastPath`). */
  readonly tickFastPath: boolean;
  /** Every message queued through `IbConnection.send` (all generations). */
  readonly outgoing$: Observable<Outgoing>;
  readonly send: (command: (api: IBApi) => void, generation: number) => void;
  readonly emitEvent: (event: IbEvent) => void;
  readonly emitState: (input: ConnectionInput) => void;
  readonly emitReady: (ready: { readonly serverVersion: number; readonly linkRestored: boolean }) => void;
  readonly emitError: (error: IbRxError) => void;
  /** Receives the promise of the socket's full close (for `IbConnection.close()` to await). */
  readonly closing: (done: Promise<void>) => void;
}

/** What a socket session emits: `'stable'` once it has been ready for `stableAfterMs`. */
export type SocketSignal = 'stable';

/**
 * The lifetime of one TWS socket (one fresh IBApi): guard its bytes, forward its events, detect
 * readiness (nextValidId, then market-data farm OK or `readyTimeoutMs`), heartbeat, stall, pace its
 * outgoing messages. It never completes: it errors with the reason the socket ended
 * (`ConnectionError`, `ProtocolError`, `ClientIdInUseError`), so `retryWithBackoff` can open the
 * next one. Unsubscribing disconnects the IBApi and removes every listener and timer.
 *
 * ```text
 * api:     C-S-N--F--------x(disconnected)
 * result:  ----------stable-#ConnectionError
 * ```
 */
export function socketSession$(ctx: SocketSessionContext): Observable<SocketSignal> {
  return defer(() => {
    const { scheduler, generation } = ctx;
    const now = (): number => scheduler.now();
    const api = ctx.createApi({ host: ctx.host, port: ctx.port, clientId: ctx.clientId });
    unthrottleClient(api);
    ctx.emitState({ type: 'connecting', attempt: ctx.attempt, generation, clientId: ctx.clientId });
    log.connection('socket %d: connecting to %s:%d as client %d (attempt %d)', generation, ctx.host, ctx.port, ctx.clientId, ctx.attempt);

    // Stall = before ready: no inbound message for stallTimeoutMs (the handshake hangs); once ready:
    // something was sent (heartbeat, request) and nothing at all came back for stallTimeoutMs.
    // Silence with nothing asked is not a stall (a long pacing queue delays heartbeats).
    let waitingSince: number | undefined = now();
    let serverVersion = 0;
    let ready = false;
    let sawConnected = false;
    let sawDisconnected = false;
    let lastSocketError: { code: number; message: string } | undefined;
    const where = { host: ctx.host, port: ctx.port };

    // Tick events need none of the bookkeeping below: they go straight out (decoded by the fast
    // path in the socket edge, or by the client without it), the rest through `events$`, in order.
    const events$ = ibEvents$(api, { scheduler, onTickEvent: ctx.emitEvent }).pipe(share());
    // Tick messages are decoded in the socket edge and go straight out; every other message comes
    // through the client and `events$`, in order. Without the fast path, ticks come through the
    // client's decoder and go straight out from `ibEvents$`.
    const frames$ = guardedFrames$(api, ctx.tickFastPath ? { onTickEvent: ctx.emitEvent, scheduler } : {}).pipe(
      tap(() => {
        waitingSince = ready ? undefined : now();
      }),
      ignoreElements(),
    );

    const forward$ = events$.pipe(
      tap((event) => {
        if (event.type === 'connected') sawConnected = true;
        if (event.type === 'disconnected') sawDisconnected = true;
        if (event.type === 'server') {
          serverVersion = event.version;
          ctx.emitState({ type: 'connected', generation, serverVersion });
        }
        if (event.type === 'notice') ctx.emitState({ type: 'notice', code: event.code, message: event.message });
        if (event.type === 'error' && event.reqId < 0) {
          if (isUnknownMessageError(event)) {
            ctx.emitEvent(unknownMessageNotice(event));
            return;
          }
          if (event.code === IbCode.UNKNOWN_ID) ctx.emitError(new ProtocolError(event.message, { code: event.code }));
          else if (event.code === IbCode.CONNECT_FAIL) lastSocketError = { code: event.code, message: event.message };
          else if (event.info.kind === 'socket') ctx.emitError(new IbApiError(event.code, event.message));
        }
        ctx.emitEvent(event);
      }),
      ignoreElements(),
    );

    const ended$ = events$.pipe(
      map((event): IbRxError | undefined => {
        if (event.type === 'disconnected') {
          const reason = lastSocketError?.message ?? 'socket closed by TWS';
          return new ConnectionError({ ...where, reason, code: lastSocketError?.code });
        }
        if (event.type === 'notice' && event.code === IbCode.CLIENT_ID_IN_USE) {
          return new ClientIdInUseError(event.message, { clientId: ctx.clientId });
        }
        if (event.type === 'notice' && event.code === IbCode.SOCKET_PORT_RESET) {
          return new ConnectionError({ ...where, reason: event.message, code: event.code });
        }
        return undefined;
      }),
      filter((error) => error !== undefined),
      take(1),
      mergeMap((error) => throwError(() => error)),
    );

    const overdue = (): number => (waitingSince === undefined ? -ctx.stallTimeoutMs : now() - waitingSince);
    const stall$ = defer(() => timer(Math.max(0, ctx.stallTimeoutMs - overdue()), scheduler)).pipe(
      repeat(),
      filter(() => overdue() >= ctx.stallTimeoutMs),
      take(1),
      mergeMap(() => throwError(() => new ConnectionError({ ...where, reason: `stalled: no message for ${ctx.stallTimeoutMs} ms` }))),
    );

    const nextValidId$ = events$.pipe(filter((e) => e.type === 'nextValidId'), take(1));
    const farmOk$ = events$.pipe(filter((e) => e.type === 'notice' && e.code === IbCode.MARKET_DATA_FARM_OK), take(1));
    const ready$ = combineLatest([nextValidId$, race(farmOk$, nextValidId$.pipe(switchMap(() => timer(ctx.readyTimeoutMs, scheduler))))]).pipe(
      take(1),
      tap(() => {
        ready = true;
        waitingSince = undefined;
        ctx.emitState({ type: 'ready', generation });
        log.connection('socket %d: ready (server version %d)', generation, serverVersion);
        ctx.emitReady({ serverVersion, linkRestored: false });
      }),
      switchMap(() =>
        merge(
          interval(ctx.heartbeatMs, scheduler).pipe(tap(() => { ctx.send((a) => { a.reqCurrentTime(); }, generation); })),
          events$.pipe(
            filter((e) => e.type === 'notice' && e.code === IbCode.CONNECTIVITY_RESTORED_DATA_LOST),
            tap(() => { ctx.emitReady({ serverVersion, linkRestored: true }); }),
          ),
          timer(ctx.stableAfterMs, scheduler).pipe(map((): SocketSignal => 'stable')),
        ),
      ),
      filter((signal): signal is SocketSignal => signal === 'stable'),
    );

    const outgoing$ = ctx.outgoing$.pipe(
      filter((message) => message.generation === generation),
      pace({ count: ctx.maxMessagesPerSecond, scheduler }),
      tap((message) => {
        waitingSince ??= now();
        try {
          message.command(api);
        } catch (error: unknown) {
          log.connection('socket %d: outgoing command threw %O', generation, error);
          ctx.emitError(new ConnectionError({ ...where, reason: `sending failed: ${String(error)}` }, { cause: error }));
        }
      }),
      ignoreElements(),
    );

    const connect$ = defer(() => {
      connectApi(api, ctx.clientId);
      return EMPTY;
    });

    return merge(frames$, forward$, ended$, stall$, outgoing$, ready$, connect$).pipe(
      finalize(() => {
        if (sawConnected && !sawDisconnected) ctx.emitEvent({ type: 'disconnected', time: now() });
        log.connection('socket %d: closing (was %s)', generation, ready ? 'ready' : 'not ready');
        ctx.closing(disconnectApi(api));
      }),
    );
  });
}
