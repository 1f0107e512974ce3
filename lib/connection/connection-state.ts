import { IbCode } from '../ib-codes.js';

/**
 * The socket layer: `idle` before `open()` and after `suspend()`; `connecting` (reconnect attempt n — 0 for the first
 * connect or the first after a stable connection —, socket generation g); `connected`
 * (after the handshake; `ready` once nextValidId and farm OK, or the ready timeout, arrived);
 * `disconnected` (why; `retrying: false` when max attempts are used up); `reconnecting` (waiting
 * `delayMs` before reconnect attempt n, n ≥ 1); `closed` after `close()`.
 */
export type SocketState =
  | { readonly status: 'idle' }
  | { readonly status: 'connecting'; readonly attempt: number; readonly generation: number; readonly clientId: number }
  | {
      readonly status: 'connected';
      readonly generation: number;
      readonly clientId: number;
      readonly serverVersion: number;
      readonly ready: boolean;
    }
  | { readonly status: 'disconnected'; readonly reason: string; readonly retrying: boolean }
  | { readonly status: 'reconnecting'; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly status: 'closed' };

/**
 * The link between TWS and IB's servers (request-id -1 notices): `unknown` without a socket, `up`
 * on a new socket, `lost` after 1100, `restored-data-lost` after 1101 (subscriptions must be
 * requested again), `restored-data-kept` after 1102 (nothing to do).
 */
export type LinkState = 'unknown' | 'up' | 'lost' | 'restored-data-lost' | 'restored-data-kept';

/** Which kind of data farm a status notice is about. */
export type FarmKind = 'market-data' | 'historical' | 'sec-def';
/** A farm's last reported status. */
export type FarmStatus = 'ok' | 'broken' | 'inactive' | 'connecting';

/** One data farm as TWS last reported it (`name` as in the notice, e.g. `usfarm`). */
export interface FarmState {
  readonly name: string;
  readonly kind: FarmKind;
  readonly status: FarmStatus;
  /** The notice code that set it (2103, 2104 …). */
  readonly code: number;
}

/** The combined connection state: socket, IB link, data farms (by farm name). Immutable. */
export interface ConnectionState {
  readonly socket: SocketState;
  readonly link: LinkState;
  readonly farms: Readonly<Record<string, FarmState>>;
}

/** What changes the {@link ConnectionState}; fed by `IbConnection` into {@link reduceConnectionState}. */
export type ConnectionInput =
  | { readonly type: 'connecting'; readonly attempt: number; readonly generation: number; readonly clientId: number }
  | { readonly type: 'connected'; readonly generation: number; readonly serverVersion: number }
  | { readonly type: 'ready'; readonly generation: number }
  | { readonly type: 'disconnected'; readonly reason: string; readonly retrying: boolean }
  | { readonly type: 'reconnecting'; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly type: 'notice'; readonly code: number; readonly message: string }
  | { readonly type: 'idle' }
  | { readonly type: 'closed' };

/** The state before `open()` (and after `suspend()`). */
export const INITIAL_CONNECTION_STATE: ConnectionState = { socket: { status: 'idle' }, link: 'unknown', farms: {} };

const farmCodes = new Map<number, { readonly kind: FarmKind; readonly status: FarmStatus }>([
  [IbCode.MARKET_DATA_FARM_BROKEN, { kind: 'market-data', status: 'broken' }],
  [IbCode.MARKET_DATA_FARM_OK, { kind: 'market-data', status: 'ok' }],
  [IbCode.MARKET_DATA_FARM_INACTIVE, { kind: 'market-data', status: 'inactive' }],
  [IbCode.FARM_CONNECTING, { kind: 'market-data', status: 'connecting' }],
  [IbCode.HMDS_FARM_BROKEN, { kind: 'historical', status: 'broken' }],
  [IbCode.HMDS_FARM_OK, { kind: 'historical', status: 'ok' }],
  [IbCode.HMDS_FARM_INACTIVE, { kind: 'historical', status: 'inactive' }],
  [IbCode.SEC_DEF_FARM_BROKEN, { kind: 'sec-def', status: 'broken' }],
  [IbCode.SEC_DEF_FARM_OK, { kind: 'sec-def', status: 'ok' }],
]);

const linkCodes = new Map<number, LinkState>([
  [IbCode.CONNECTIVITY_LOST, 'lost'],
  [IbCode.CONNECTIVITY_RESTORED_DATA_LOST, 'restored-data-lost'],
  [IbCode.CONNECTIVITY_RESTORED_DATA_MAINTAINED, 'restored-data-kept'],
]);

/** The farm name in a status notice: the text after the last `:` (`…connection is OK:usfarm` → `usfarm`). */
export function farmName(message: string, kind: FarmKind): string {
  const colon = message.lastIndexOf(':');
  const name = colon < 0 ? '' : message.slice(colon + 1).trim();
  return name === '' ? kind : name;
}

/** Pure reducer of the connection state (use with `scan`); returns the same object when nothing changed. */
export function reduceConnectionState(state: ConnectionState, input: ConnectionInput): ConnectionState {
  switch (input.type) {
    case 'connecting':
      return { socket: { status: 'connecting', attempt: input.attempt, generation: input.generation, clientId: input.clientId }, link: 'unknown', farms: {} };
    case 'connected': {
      const clientId = state.socket.status === 'connecting' ? state.socket.clientId : -1;
      const socket = { status: 'connected', generation: input.generation, clientId, serverVersion: input.serverVersion, ready: false } as const;
      return { ...state, socket, link: 'up' };
    }
    case 'ready':
      return state.socket.status === 'connected' && state.socket.generation === input.generation && !state.socket.ready
        ? { ...state, socket: { ...state.socket, ready: true } }
        : state;
    case 'disconnected':
      return { socket: { status: 'disconnected', reason: input.reason, retrying: input.retrying }, link: 'unknown', farms: {} };
    case 'reconnecting':
      return { ...state, socket: { status: 'reconnecting', attempt: input.attempt, delayMs: input.delayMs, reason: input.reason } };
    case 'idle':
      return state.socket.status === 'idle' ? state : INITIAL_CONNECTION_STATE;
    case 'closed':
      return { socket: { status: 'closed' }, link: 'unknown', farms: {} };
    case 'notice':
      return reduceNotice(state, input.code, input.message);
  }
}

function reduceNotice(state: ConnectionState, code: number, message: string): ConnectionState {
  const link = linkCodes.get(code);
  if (link !== undefined) return link === state.link ? state : { ...state, link };
  const farm = farmCodes.get(code);
  if (farm === undefined) return state;
  const name = farmName(message, farm.kind);
  return { ...state, farms: { ...state.farms, [name]: { name, kind: farm.kind, status: farm.status, code } } };
}
