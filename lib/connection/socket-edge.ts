import { once } from 'node:events';
import type { Socket as NetSocket } from 'node:net';
import type { IBApi } from '@stoqey/ib';
import { asyncScheduler, firstValueFrom, fromEvent, Observable, race, timer, type SchedulerLike } from 'rxjs';
import { ProtocolError } from '../errors.js';
import { log } from '../log.js';
import { FrameGuard, type FrameViolation } from './frame-guard.js';
import type { IbEvent } from './ib-event.js';
import { TickFrameDecoder } from './tick-frames.js';

/**
 * The parts of `@stoqey/ib` 1.6.10's internals ib-rx reaches into at runtime (not in its typings):
 * `IBApi.controller.socket` is the client's `Socket` wrapper; its TCP `'data'` handler calls
 * `this.onData(chunk)` by name, so replacing `onData` on the instance intercepts every inbound byte
 * before the client's reader sees it. `client` is the `net.Socket` once `connect()` ran.
 */
interface ClientSocketInternals {
  onData: (data: Buffer) => void;
  client?: NetSocket;
}

function internalsOf(api: IBApi): ClientSocketInternals {
  const socket: unknown = (api as unknown as { controller?: { socket?: unknown } }).controller?.socket;
  if (typeof socket !== 'object' || socket === null || typeof (socket as { onData?: unknown }).onData !== 'function') {
    throw new ProtocolError('unsupported @stoqey/ib version: IBApi.controller.socket.onData not found (ib-rx needs 1.6.10)');
  }
  return socket as ClientSocketInternals;
}

/** Options of {@link guardedFrames$}. */
export interface GuardedFramesOptions {
  /**
   * When given, the hot tick messages (tickPrice 1, tickSize 2, tickGeneric 45, tickString 46 in
   * TWS's plain layout, see `TickFrameDecoder`) are decoded right here and their `IbEvent`s handed
   * to this function, in stream order with the client's own events; the client never sees those
   * frames (its `tickPrice` / `tickSize` / … listeners stay silent for them). At a server version
   * the fast path was not verified for (`TICK_FAST_PATH_SERVER_VERSIONS`) every frame goes to the client.
   */
  readonly onTickEvent?: (event: IbEvent) => void;
  /** Clock for those events' `time`, read once per socket chunk (default `asyncScheduler`). */
  readonly scheduler?: SchedulerLike;
}

/**
 * Puts a {@link FrameGuard} between the TCP socket of `api` and its decoder, for as long as the
 * result is subscribed. Emits the number of valid frames each time some arrived (the liveness
 * signal for stall detection). Errors with a `ProtocolError` when a frame is rejected or
 * the client's decoder throws (the exception is contained here: it never reaches the socket's
 * event handler, so it can't become an uncaught exception); from then on, and after unsubscribe,
 * every inbound byte is discarded, so the client's reader can never loop on a bad length.
 * With `onTickEvent`, tick messages bypass the client's decoder (see {@link GuardedFramesOptions}).
 * Subscribe before `api.connect()`; call it once per IBApi.
 *
 * ```text
 * socket bytes:  [ok][ok][ok][80 00 00 00 …]
 * result:        1---2-------#ProtocolError('frame length … outside 4..16777215')
 * ```
 */
export function guardedFrames$(api: IBApi, options: GuardedFramesOptions = {}): Observable<number> {
  return new Observable<number>((subscriber) => {
    const socket = internalsOf(api);
    const original = socket.onData;
    const { onTickEvent } = options;
    const scheduler = options.scheduler ?? asyncScheduler;
    // Made at the first frame after the handshake, for the server version it announced.
    let decoder: TickFrameDecoder | undefined;
    let chunkTime = 0;
    // Once unsubscribed (possibly by an event earlier in the same chunk, even of the same message),
    // nothing more is emitted, as when the client's listeners are gone.
    const emit = (event: IbEvent): void => {
      if (!subscriber.closed) onTickEvent?.(event);
    };
    const intercept =
      onTickEvent === undefined
        ? undefined
        : (data: Buffer, start: number, end: number, serverVersion: number): boolean => {
            if (subscriber.closed) return false;
            decoder ??= new TickFrameDecoder({ serverVersion });
            return decoder.decode(data, start, end, chunkTime, emit);
          };
    const guard = new FrameGuard(intercept === undefined ? {} : { intercept });
    const toClient = (frames: Buffer): void => {
      original.call(socket, frames);
    };
    const discard = (): void => undefined;
    socket.onData = (data: Buffer): void => {
      let result: { readonly frames: number; readonly violation: FrameViolation | undefined };
      try {
        if (intercept !== undefined) chunkTime = scheduler.now();
        result = guard.feed(data, toClient);
      } catch (error: unknown) {
        socket.onData = discard;
        const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        subscriber.error(new ProtocolError(`the client's decoder threw ${what}`, { cause: error }));
        return;
      }
      if (result.frames > 0) subscriber.next(result.frames);
      const { violation } = result;
      if (violation !== undefined) {
        socket.onData = discard;
        subscriber.error(new ProtocolError(`${violation.reason}: ${violation.detail}`));
      }
    };
    return () => {
      socket.onData = discard;
    };
  });
}

/**
 * Connects `api` (as client `clientId`) with Nagle's algorithm off on its TCP socket:
 * `@stoqey/ib` leaves it on, so a small request written while an earlier one is unacknowledged
 * (reqMktData right after cancelMktData) waits for TWS's delayed ACK, ~40 ms.
 */
export function connectApi(api: IBApi, clientId: number): void {
  api.connect(clientId);
  internalsOf(api).client?.setNoDelay(true);
}

/**
 * Replaces the client's internal rate limiter (`function-rate-limit`, 4 messages per 100 ms, one
 * 100 ms `setTimeout` per message) with a direct send: ib-rx paces every outgoing message itself
 * (`IbConnection.send` → `pace`), so the second limiter only added latency and timers that outlive
 * `close()`. Call once, before connecting.
 */
export function unthrottleClient(api: IBApi): void {
  const controller = (api as unknown as { controller?: { rateLimiter?: unknown; socket?: { send?: unknown } } }).controller;
  const socket = controller?.socket;
  if (controller === undefined || typeof controller.rateLimiter !== 'function' || socket === undefined || typeof socket.send !== 'function') {
    throw new ProtocolError('unsupported @stoqey/ib version: IBApi.controller.rateLimiter not found (ib-rx needs 1.6.10)');
  }
  const send = socket.send as (tokens: unknown[]) => void;
  controller.rateLimiter = (tokens: unknown[]): void => {
    send.call(socket, tokens);
  };
}

/** How long `disconnectApi` waits for the peer to close after our FIN before it destroys the socket. */
const DISCONNECT_LINGER_MS = 250;

/**
 * Disconnects `api` gracefully (FIN, then up to `lingerMs` for the peer to close, then destroy) and
 * resolves once its TCP socket is fully closed (no handle left). Safe to call on an IBApi that
 * never connected or is already disconnected. Never rejects.
 */

export async function disconnectApi(api: IBApi, lingerMs = DISCONNECT_LINGER_MS): Promise<void> {
  const client = internalsOf(api).client;
  if (client !== undefined && !client.destroyed && client.writable && !client.connecting) {
    // A graceful close first: FIN after what was written (the cancels of `close()`), then wait
    // briefly for the peer to close too. The client's own disconnect() destroys at once, which
    // resets the connection while the peer may still have our last messages unread.
    client.end();
    await firstValueFrom(race(fromEvent(client, 'close'), timer(lingerMs)), { defaultValue: undefined });
  }
  if (api.isConnected || (client !== undefined && !client.destroyed)) {
    try {
      api.disconnect();
    } catch (error: unknown) {
      log.connection('disconnect threw %O', error);
    }
  }
  if (client !== undefined && !client.closed) {
    client.destroy();
    await once(client, 'close').catch(() => undefined);
  }
}
