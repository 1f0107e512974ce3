// A SessionConnection made of Subjects: drive ready / state / events by hand, read what was sent.
import type { Contract, IBApi } from '@stoqey/ib';
import { BehaviorSubject, Subject } from 'rxjs';
import { INITIAL_CONNECTION_STATE, reduceConnectionState, type ConnectionInput, type ConnectionState } from '../../lib/connection/connection-state.js';
import type { ConnectionReady } from '../../lib/connection/ib-connection.js';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import type { IbRxError } from '../../lib/errors.js';
import type { SessionConnection } from '../../lib/session/session-options.js';

export class FakeConnection implements SessionConnection {
  readonly sent: string[] = [];
  opened = 0;
  suspended = 0;
  closed = 0;
  readonly #events$ = new Subject<IbEvent>();
  readonly #state$ = new BehaviorSubject<ConnectionState>(INITIAL_CONNECTION_STATE);
  readonly #ready$ = new Subject<ConnectionReady>();
  readonly #errors$ = new Subject<IbRxError>();
  readonly events$ = this.#events$.asObservable();
  readonly state$ = this.#state$.asObservable();
  readonly ready$ = this.#ready$.asObservable();
  readonly errors$ = this.#errors$.asObservable();
  readonly #outbound$ = new BehaviorSubject({ sent: 0, queued: 0 });
  readonly outbound$ = this.#outbound$.asObservable();

  get state(): ConnectionState {
    return this.#state$.value;
  }

  #open = false;

  /** Counts real opens: like IbConnection, open() is idempotent until suspend(). */
  open(): void {
    if (this.#open) return;
    this.#open = true;
    this.opened++;
  }

  suspend(): Promise<void> {
    this.#open = false;
    this.suspended++;
    this.input({ type: 'idle' });
    return Promise.resolve();
  }

  send(command: (api: IBApi) => void, generation?: number): void {
    const socket = this.state.socket;
    if (socket.status !== 'connected' || (generation !== undefined && generation !== socket.generation)) return;
    const line = (text: string): void => { this.sent.push(`g${socket.generation} ${text}`); };
    const api = {
      reqMktData: (reqId: number, contract: Contract) => { line(`req ${reqId} ${contract.symbol ?? '?'}`); },
      cancelMktData: (reqId: number) => { line(`cancel ${reqId}`); },
      reqMarketDataType: (type: number) => { line(`type ${type}`); },
    };
    command(api as unknown as IBApi);
  }

  close(): Promise<void> {
    this.closed++;
    this.input({ type: 'closed' });
    this.#events$.complete();
    this.#ready$.complete();
    this.#errors$.complete();
    this.#outbound$.complete();
    this.#state$.complete();
    return Promise.resolve();
  }

  /** Socket `generation` connected and ready: state, then the ready signal. */
  ready(generation: number, reason: ConnectionReady['reason'] = generation === 1 ? 'connected' : 'reconnected'): void {
    if (reason !== 'link-restored') {
      this.input({ type: 'connecting', attempt: 0, generation, clientId: 0 });
      this.input({ type: 'connected', generation, serverVersion: 193 });
      this.input({ type: 'ready', generation });
    }
    this.#ready$.next({ generation, reason, serverVersion: 193, clientId: 0 });
  }

  drop(): void {
    this.input({ type: 'disconnected', reason: 'dropped', retrying: true });
  }

  emit(event: IbEvent): void {
    this.#events$.next(event);
  }

  input(input: ConnectionInput): void {
    this.#state$.next(reduceConnectionState(this.#state$.value, input));
  }
}
