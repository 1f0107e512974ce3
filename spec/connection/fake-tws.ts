/**
 * Test double for `IbConnection` specs on virtual time: a scripted TWS behind fake IBApis (no
 * socket, no wall clock). The seam is `IbConnectionOptions.createApi`: everything from the IBApi
 * inwards is real ib-rx code (socket session, frame guard, events, pacing, backoff).
 */
import { EventEmitter } from 'node:events';
import { EventName, type IBApi } from '@stoqey/ib';
import type { SchedulerLike } from 'rxjs';
import { IbCode } from '../../lib/ib-codes.js';
import { currentTimeFrame, serverVersionFrame } from './frames.js';

/** The server version the fake TWS announces. */
export const FAKE_SERVER_VERSION = 193;

/** TWS's texts for the notices the fake sends. */
const text = {
  farmOk: 'Market data farm connection is OK:usfarm',
  clientIdInUse: 'Unable to connect as the client id is already in use. Retry with a unique client id.',
} as const;

/** The `@stoqey/ib` internals `socket-edge.ts` reaches into (see `ClientSocketInternals` there). */
interface FakeInternals {
  readonly socket: { onData: (data: Buffer) => void; send: (tokens: unknown[]) => void };
  rateLimiter: (tokens: unknown[]) => void;
}

type SocketStatus = 'idle' | 'open' | 'closed';

/** One request method call the client made: its name and virtual time. */
export interface FakeRequest {
  readonly name: string;
  readonly time: number;
}

/**
 * One client (one socket) as `IbConnection` sees it: the IBApi EventEmitter plus the two internals
 * the socket edge uses (`controller.socket.onData`, which the frame guard replaces, and
 * `controller.rateLimiter`, which `unthrottleClient` replaces). A message from TWS arrives as a real
 * frame through `onData`, so the frame guard sees and counts it (stall detection relies on that);
 * this fake's stand-in for the client's decoder then emits the event scripted for that frame.
 * What happens to the socket itself (refused, closed) is emitted directly, as the client does.
 *
 * It has no TCP socket (`controller.socket.client` is absent), so `disconnectApi` only calls
 * `disconnect()` when `isConnected`: here `isConnected` is true from `connect()` until the socket
 * closes (for the real client it turns true at the handshake, but then its TCP socket makes
 * `disconnectApi` disconnect a socket that is still connecting, which is what this mirrors).
 */
export class FakeIbApi extends EventEmitter {
  /** Each `connect()` call: the client id and the virtual time. */
  readonly connects: { readonly clientId: number; readonly time: number }[] = [];
  /** Request methods called, in order. */
  readonly requests: FakeRequest[] = [];
  /** Calls of `disconnect()` on an open socket. */
  disconnects = 0;
  readonly controller: FakeInternals;
  #status: SocketStatus = 'idle';
  #handshake = true;
  readonly #inbox: (() => void)[] = [];
  readonly #tws: FakeTws;
  readonly #clientId: number;

  constructor(tws: FakeTws, clientId: number) {
    super();
    this.#tws = tws;
    this.#clientId = clientId;
    this.controller = {
      socket: { onData: (data) => { this.#decode(data); }, send: () => undefined },
      rateLimiter: () => undefined,
    };
  }

  /** See the class comment. Throws when the TWS is set to `brokenApiState`. */
  get isConnected(): boolean {
    if (this.#tws.brokenApiState) throw new Error('fake: IBApi state unreadable');
    return this.#status === 'open';
  }

  /** `true` until the socket closed (by either side). */
  get open(): boolean {
    return this.#status === 'open';
  }

  connect(clientId?: number): this {
    if (this.#status !== 'idle') return this;
    this.#status = 'open';
    const id = clientId ?? this.#clientId;
    this.connects.push({ clientId: id, time: this.#tws.scheduler.now() });
    this.#tws.accept(this, id);
    return this;
  }

  disconnect(): this {
    if (this.#status !== 'open') return this;
    this.disconnects++;
    this.close();
    return this;
  }

  reqCurrentTime(): this {
    this.#request('reqCurrentTime');
    if (this.#tws.answersHeartbeat) this.#tws.later(() => { this.receive(EventName.currentTime, 1_767_000_000); });
    return this;
  }

  reqMarketDataType(): this {
    this.#request('reqMarketDataType');
    return this;
  }

  /** TWS → client: one message (a frame through `onData`, then `name` emitted with `args`). */
  receive(name: EventName, ...args: unknown[]): void {
    if (this.#status !== 'open') return;
    const frame = this.#handshake ? serverVersionFrame() : currentTimeFrame();
    this.#handshake = false;
    this.#inbox.push(() => this.emit(name, ...args));
    this.controller.socket.onData(frame);
  }

  /** The handshake answer: the client emits `connected` and `server` for its one frame. */
  handshake(): void {
    if (this.#status !== 'open') return;
    this.#handshake = false;
    this.#inbox.push(() => {
      this.emit(EventName.connected);
      this.emit(EventName.server, FAKE_SERVER_VERSION, '20260101 12:00:00 UTC');
    });
    this.controller.socket.onData(serverVersionFrame());
  }

  /** The connect was refused: the client's 502 error, then its `disconnected`. */
  refuse(): void {
    if (this.#status !== 'open') return;
    this.emit(EventName.error, new Error('connect ECONNREFUSED 127.0.0.1:7497'), IbCode.CONNECT_FAIL, -1);
    this.close();
  }

  /** The socket closed (by TWS or by `disconnect()`): the client emits `disconnected`. */
  close(): void {
    if (this.#status !== 'open') return;
    this.#status = 'closed';
    this.emit(EventName.disconnected);
  }

  /** IBApi listeners still attached. */
  listenerTotal(): number {
    return this.eventNames().reduce((n, name) => n + this.listenerCount(name), 0);
  }

  #request(name: string): void {
    this.requests.push({ name, time: this.#tws.scheduler.now() });
  }

  // The client's decoder, as far as this fake goes: one scripted event per frame let through.
  #decode(data: Buffer): void {
    for (let at = 0; at + 4 <= data.length; at += 4 + data.readUInt32BE(at)) this.#inbox.shift()?.();
  }
}

/**
 * A scripted TWS on `scheduler`: each `connect()` gets the handshake after `latencyMs`, then (one
 * `latencyMs` later) managedAccounts, nextValidId and market data farm OK (2104) — or 326 and a
 * closed socket for a taken client id, 502 + closed while `refusing`, nothing at all while
 * `silent`. `reqCurrentTime` is answered after `latencyMs` while `answersHeartbeat`. Flip the
 * public fields at any virtual time.
 */
export class FakeTws {
  /** Every IBApi created, in order (one per connection attempt). */
  readonly apis: FakeIbApi[] = [];
  /** Refuse connects (502, then the socket closes). */
  refusing = false;
  /** Send market data farm OK (2104) after nextValidId. */
  farmOk = true;
  /** Answer `reqCurrentTime`. */
  answersHeartbeat = true;
  /** Accept connects but never answer (a hanging handshake). */
  silent = false;
  /** Client ids another client holds: 326, then TWS closes the socket. */
  readonly taken = new Set<number>();
  /** Make `isConnected` throw (an IBApi `disconnectApi` cannot handle). */
  brokenApiState = false;
  readonly scheduler: SchedulerLike;
  readonly latencyMs: number;

  constructor(scheduler: SchedulerLike, latencyMs = 1) {
    this.scheduler = scheduler;
    this.latencyMs = latencyMs;
  }

  /** For `IbConnectionOptions.createApi`. */
  readonly createApi = (o: { readonly clientId: number }): IBApi => {
    const api = new FakeIbApi(this, o.clientId);
    this.apis.push(api);
    return api as unknown as IBApi;
  };

  /** The newest socket if it is open. */
  get live(): FakeIbApi | undefined {
    const last = this.apis.at(-1);
    return last?.open === true ? last : undefined;
  }

  /** TWS closes the open socket. */
  drop(): void {
    this.live?.close();
  }

  /** A request-id -1 message (`info` event) on the open socket. */
  notice(code: number, message = `notice ${code}`): void {
    this.live?.receive(EventName.info, message, code);
  }

  /** Runs `work` after `latencyMs`. */
  later(work: () => void): void {
    this.scheduler.schedule(work, this.latencyMs);
  }

  /** Called by `FakeIbApi.connect`. */
  accept(api: FakeIbApi, clientId: number): void {
    this.later(() => {
      if (this.silent) return;
      if (this.refusing) {
        api.refuse();
        return;
      }
      api.handshake();
      this.later(() => {
        if (this.taken.has(clientId)) {
          api.receive(EventName.info, text.clientIdInUse, IbCode.CLIENT_ID_IN_USE);
          api.close();
          return;
        }
        api.receive(EventName.managedAccounts, 'DU1234567');
        api.receive(EventName.nextValidId, 1);
        if (this.farmOk) api.receive(EventName.info, text.farmOk, IbCode.MARKET_DATA_FARM_OK);
      });
    });
  }
}
