import type { IbEvent } from '../lib/connection/ib-event.js';
import { guardedFrames$ } from '../lib/connection/socket-edge.js';
import { rawClient, type BenchClient, type BenchClientOptions } from './baseline-clients.js';

/**
 * (a') raw `IBApi` with ib-rx's tick decoding and nothing else of ib-rx: the frame guard with its
 * tick fast path (`guardedFrames$` + `TickFrameDecoder`, lib/connection) sits between the socket
 * and the client, and a trivial callback counts the `IbEvent`s it decodes (tick frames it declines
 * reach the client's own decoder and listeners, as in (a)). Against (a) it shows what the decoder
 * alone buys; against (d) what the session costs on top of it.
 */
export const rawFastClient = (options: BenchClientOptions): BenchClient =>
  rawClient({ ...options, probe: false }, (api, counted) => {
    const onTickEvent = (event: IbEvent): void => {
      if ('reqId' in event) counted(event.reqId);
    };
    const subscription = guardedFrames$(api, { onTickEvent }).subscribe({ error: () => undefined });
    return () => {
      subscription.unsubscribe();
    };
  });
