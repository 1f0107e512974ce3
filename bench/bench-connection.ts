import type { Contract, IBApi } from '@stoqey/ib';
import { BehaviorSubject, Subject } from 'rxjs';
import { EventFanout } from '../lib/connection/event-fanout.js';
import { INITIAL_CONNECTION_STATE, reduceConnectionState, type ConnectionInput, type ConnectionState } from '../lib/connection/connection-state.js';
import type { ConnectionReady, OutboundStatus } from '../lib/connection/ib-connection.js';
import type { IbEvent, IbEventOf } from '../lib/connection/ib-event.js';
import type { IbRxError } from '../lib/errors.js';
import type { SessionConnection } from '../lib/session/session-options.js';

/**
 * A connection without a socket, for in-process session benchmarks (`IbSession`'s
 * `createConnection` hook): `ready()` makes socket 1 ready, `emit()` delivers an event as the
 * socket edge would, and the request ids of `reqMktData` are kept by symbol.
 */
export class BenchConnection implements SessionConnection {
  /** Request id of each symbol's live `reqMktData`. */
  readonly reqIds = new Map<string, number>();
  /** The same multicast as `IbConnection`'s. */
  readonly #events = new EventFanout<IbEvent>();
  #received = 0;
  readonly #state$ = new BehaviorSubject<ConnectionState>(INITIAL_CONNECTION_STATE);
  readonly #ready$ = new Subject<ConnectionReady>();
  readonly #errors$ = new Subject<IbRxError>();
  readonly #outbound$ = new BehaviorSubject<OutboundStatus>({ sent: 0, queued: 0 });
  readonly #errorEvents = new EventFanout<IbEventOf<'error'>>();
  readonly events$ = this.#events.events$;
  readonly errorEvents$ = this.#errorEvents.events$;
  readonly state$ = this.#state$.asObservable();
  readonly ready$ = this.#ready$.asObservable();
  readonly errors$ = this.#errors$.asObservable();
  readonly outbound$ = this.#outbound$.asObservable();

  get state(): ConnectionState {
    return this.#state$.value;
  }

  open(): void {
    // Connected by `ready()`.
  }

  suspend(): Promise<void> {
    this.#input({ type: 'idle' });
    return Promise.resolve();
  }

  send(command: (api: IBApi) => void): void {
    const api = {
      reqMktData: (reqId: number, contract: Contract) => { this.reqIds.set(contract.symbol ?? '', reqId); },
      cancelMktData: (reqId: number) => {
        for (const [symbol, id] of this.reqIds) if (id === reqId) this.reqIds.delete(symbol);
      },
      reqMarketDataType: () => undefined,
    };
    command(api as unknown as IBApi);
  }

  close(): Promise<void> {
    this.#input({ type: 'closed' });
    this.#events.complete();
    this.#errorEvents.complete();
    this.#ready$.complete();
    this.#errors$.complete();
    this.#outbound$.complete();
    this.#state$.complete();
    return Promise.resolve();
  }

  /** Socket 1 connected and ready. */
  ready(): void {
    this.#input({ type: 'connecting', attempt: 0, generation: 1, clientId: 0 });
    this.#input({ type: 'connected', generation: 1, serverVersion: 193 });
    this.#input({ type: 'ready', generation: 1 });
    this.#ready$.next({ generation: 1, reason: 'connected', serverVersion: 193, clientId: 0 });
  }

  /** Events emitted so far (as `IbConnection.received`). */
  get received(): number {
    return this.#received;
  }

  /** One inbound event, as the socket edge hands it on. */
  emit(event: IbEvent): void {
    this.#received++;
    this.#events.next(event);
    if (event.type === 'error') this.#errorEvents.next(event);
  }

  #input(input: ConnectionInput): void {
    this.#state$.next(reduceConnectionState(this.#state$.value, input));
  }
}
