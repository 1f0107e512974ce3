import { once } from 'node:events';
import type { Socket as NetSocket } from 'node:net';
import type { IBApi } from '@stoqey/ib';
import { Observable } from 'rxjs';
import { ProtocolError } from '../errors.js';
import { log } from '../log.js';
import { FrameGuard } from './frame-guard.js';

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

/**
 * Puts a {@link FrameGuard} between the TCP socket of `api` and its decoder, for as long as the
 * result is subscribed. Emits the number of valid frames each time some reached the decoder (the
 * liveness signal for stall detection). Errors with a `ProtocolError` when a frame is rejected or
 * the client's decoder throws (the exception is contained here: it never reaches the socket's
 * event handler, so it can't become an uncaught exception); from then on, and after unsubscribe,
 * every inbound byte is discarded, so the client's reader can never loop on a bad length.
 * Subscribe before `api.connect()`; call it once per IBApi.
 *
 * ```text
 * socket bytes:  [ok][ok][ok][80 00 00 00 …]
 * result:        1---2-------#ProtocolError('frame length … outside 4..16777215')
 * ```
 */
export function guardedFrames$(api: IBApi): Observable<number> {
  return new Observable<number>((subscriber) => {
    const socket = internalsOf(api);
    const original = socket.onData;
    const guard = new FrameGuard();
    const discard = (): void => undefined;
    socket.onData = (data: Buffer): void => {
      const { frames, count, violation } = guard.push(data);
      if (count > 0) {
        try {
          original.call(socket, frames);
        } catch (error: unknown) {
          socket.onData = discard;
          const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          subscriber.error(new ProtocolError(`the client's decoder threw ${what}`, { cause: error }));
          return;
        }
        subscriber.next(count);
      }
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

/**
 * Disconnects `api` and resolves once its TCP socket is fully closed (no handle left). Safe to call
 * on an IBApi that never connected or is already disconnected. Never rejects.
 */
export async function disconnectApi(api: IBApi): Promise<void> {
  const client = internalsOf(api).client;
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
