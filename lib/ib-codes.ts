import { match, P } from 'ts-pattern';

/**
 * The TWS / IB Gateway message and error codes ib-rx acts on, by name. Use these names instead of
 * bare numbers anywhere in ib-rx; `classifyIbCode` says what each one means and what ib-rx does.
 */
export const IbCode = {
  // link between TWS / Gateway and IB's servers (request id -1, `info` event)
  CONNECTIVITY_LOST: 1100,
  CONNECTIVITY_RESTORED_DATA_LOST: 1101,
  CONNECTIVITY_RESTORED_DATA_MAINTAINED: 1102,
  SOCKET_PORT_RESET: 1300,
  TWS_SERVER_BROKEN: 2110,
  // data farms (request id -1)
  MARKET_DATA_FARM_BROKEN: 2103,
  MARKET_DATA_FARM_OK: 2104,
  HMDS_FARM_BROKEN: 2105,
  HMDS_FARM_OK: 2106,
  HMDS_FARM_INACTIVE: 2107,
  MARKET_DATA_FARM_INACTIVE: 2108,
  FARM_CONNECTING: 2119,
  SEC_DEF_FARM_BROKEN: 2157,
  SEC_DEF_FARM_OK: 2158,
  // per request
  NO_SECURITY_DEFINITION: 200,
  NOT_SUBSCRIBED: 354,
  DELAYED_NOT_ENABLED: 10168,
  DELAYED_DATA_DISPLAYED: 10167,
  SUBSCRIPTION_NEEDED: 10089,
  PARTLY_NOT_SUBSCRIBED: 10090,
  COMPETING_SESSION: 10197,
  MAX_TICKERS: 101,
  PACING_VIOLATION: 100,
  DUPLICATE_TICKER_ID: 322,
  CANT_FIND_ID: 300,
  // the client socket (raised by @stoqey/ib itself, see its ErrorCode)
  CLIENT_ID_IN_USE: 326,
  ALREADY_CONNECTED: 501,
  CONNECT_FAIL: 502,
  UPDATE_TWS: 503,
  NOT_CONNECTED: 504,
  UNKNOWN_ID: 505,
  UNSUPPORTED_VERSION: 506,
  BAD_LENGTH: 507,
  BAD_MESSAGE: 508,
  FAIL_SEND: 509,
} as const;

/** One of the names in {@link IbCode}, e.g. `'NOT_SUBSCRIBED'`. */
export type IbCodeName = keyof typeof IbCode;

/**
 * What a code is: `status` (farm notices), `system` (link to IB's servers), `advisory` (data keeps
 * flowing), `entitlement` (market data permissions), `request-fatal` (the request is dead),
 * `pacing` (too many messages), `socket` (the client socket or handshake).
 */
export type IbCodeKind = 'status' | 'system' | 'advisory' | 'entitlement' | 'request-fatal' | 'pacing' | 'socket';

/**
 * What ib-rx does about a code:
 * - `none`: log it; nothing else changes.
 * - `mark-stale`: keep sockets and subscriptions, mark the affected streams stale.
 * - `clear-stale`: the link is back with subscriptions intact; nothing to request again.
 * - `resubscribe-all`: request every live subscription again (fresh request ids).
 * - `farm-broken` / `farm-ok`: a data farm went down / came back (connection-state farm layer).
 * - `fallback-delayed`: switch the request to delayed data and request it again (once).
 * - `fail-request`: end that request's stream with a typed error.
 * - `ignore-after-cancel`: harmless when it follows our own cancel; otherwise log.
 * - `throttle`: slow down outgoing messages (TWS may disconnect next).
 * - `reconnect`: drop the socket and reconnect with backoff.
 * - `fail-connection`: connecting again unchanged will not help; fail with a typed error.
 */
export type IbCodeAction =
  | 'none'
  | 'mark-stale'
  | 'clear-stale'
  | 'resubscribe-all'
  | 'farm-broken'
  | 'farm-ok'
  | 'fallback-delayed'
  | 'fail-request'
  | 'ignore-after-cancel'
  | 'throttle'
  | 'reconnect'
  | 'fail-connection';

/** The classification of one code: its name (or `'UNKNOWN'`), kind, action and a short description. */
export interface IbCodeInfo {
  readonly code: number;
  readonly name: IbCodeName | 'UNKNOWN';
  readonly kind: IbCodeKind;
  readonly action: IbCodeAction;
  readonly description: string;
}

type Row = Pick<IbCodeInfo, 'kind' | 'action' | 'description'>;
const row = (kind: IbCodeKind, action: IbCodeAction, description: string): Row => ({ kind, action, description });

const names = new Map<number, IbCodeName>(
  (Object.entries(IbCode) as [IbCodeName, number][]).map(([name, code]) => [code, name]),
);

/** The constant's name for a code, or `undefined` when ib-rx has no name for it. */
export function ibCodeName(code: number): IbCodeName | undefined {
  return names.get(code);
}

/**
 * Classifies a TWS code into kind + action. Unknown codes: 2100–2999 are IB's warnings, so
 * `advisory` / `none`; any other unknown code is `request-fatal` / `fail-request` when it belongs
 * to a request (`reqId` ≥ 0 or not given) and `system` / `none` for request id -1 (log it only).
 */
export function classifyIbCode(code: number, reqId?: number): IbCodeInfo {
  const { kind, action, description } = match<number, Row>(code)
    .with(IbCode.CONNECTIVITY_LOST, () => row('system', 'mark-stale', 'connectivity between TWS and IB lost'))
    .with(IbCode.TWS_SERVER_BROKEN, () => row('system', 'mark-stale', 'connectivity between TWS and server broken; restores automatically'))
    .with(IbCode.CONNECTIVITY_RESTORED_DATA_LOST, () => row('system', 'resubscribe-all', 'connectivity restored, data lost: request every subscription again'))
    .with(IbCode.CONNECTIVITY_RESTORED_DATA_MAINTAINED, () => row('system', 'clear-stale', 'connectivity restored, data maintained'))
    .with(IbCode.SOCKET_PORT_RESET, () => row('system', 'reconnect', 'TWS socket port reset: connect again'))
    .with(P.union(IbCode.MARKET_DATA_FARM_BROKEN, IbCode.HMDS_FARM_BROKEN, IbCode.SEC_DEF_FARM_BROKEN), () => row('status', 'farm-broken', 'a data farm connection is broken'))
    .with(P.union(IbCode.MARKET_DATA_FARM_OK, IbCode.HMDS_FARM_OK, IbCode.SEC_DEF_FARM_OK), () => row('status', 'farm-ok', 'a data farm connection is OK'))
    .with(P.union(IbCode.HMDS_FARM_INACTIVE, IbCode.MARKET_DATA_FARM_INACTIVE), () => row('status', 'none', 'a data farm is inactive but available on demand'))
    .with(IbCode.FARM_CONNECTING, () => row('status', 'none', 'a data farm is connecting'))
    .with(IbCode.NO_SECURITY_DEFINITION, () => row('request-fatal', 'fail-request', 'no security definition for the contract (do not retry unchanged)'))
    .with(P.union(IbCode.NOT_SUBSCRIBED, IbCode.DELAYED_NOT_ENABLED), () => row('entitlement', 'fallback-delayed', 'market data not subscribed; delayed data may be available'))
    .with(IbCode.DELAYED_DATA_DISPLAYED, () => row('advisory', 'none', 'not subscribed: delayed market data is displayed'))
    .with(IbCode.SUBSCRIPTION_NEEDED, () => row('advisory', 'none', 'additional subscription needed for API data; delayed data available'))
    .with(IbCode.PARTLY_NOT_SUBSCRIBED, () => row('advisory', 'none', 'part of the requested market data is not subscribed'))
    .with(IbCode.COMPETING_SESSION, () => row('entitlement', 'mark-stale', 'no market data during a competing live session'))
    .with(IbCode.MAX_TICKERS, () => row('request-fatal', 'fail-request', 'max number of tickers (market data lines) reached'))
    .with(IbCode.PACING_VIOLATION, () => row('pacing', 'throttle', 'max rate of messages per second exceeded'))
    .with(IbCode.DUPLICATE_TICKER_ID, () => row('request-fatal', 'fail-request', 'duplicate ticker id / error processing request'))
    .with(IbCode.CANT_FIND_ID, () => row('advisory', 'ignore-after-cancel', "can't find the request id (harmless after our own cancel)"))
    .with(IbCode.CLIENT_ID_IN_USE, () => row('socket', 'fail-connection', 'client id already in use'))
    .with(IbCode.ALREADY_CONNECTED, () => row('socket', 'none', 'already connected'))
    .with(P.union(IbCode.CONNECT_FAIL, IbCode.NOT_CONNECTED), () => row('socket', 'reconnect', 'not connected to TWS'))
    .with(P.union(IbCode.UPDATE_TWS, IbCode.UNSUPPORTED_VERSION), () => row('socket', 'fail-connection', 'TWS version not supported by the client'))
    .with(P.union(IbCode.UNKNOWN_ID, IbCode.BAD_LENGTH, IbCode.BAD_MESSAGE), () => row('socket', 'reconnect', 'unreadable message from the socket'))
    .with(IbCode.FAIL_SEND, () => row('socket', 'reconnect', 'failed to send a message to TWS'))
    .with(P.number.between(2100, 2999), () => row('advisory', 'none', 'unknown IB warning'))
    .otherwise(() =>
      reqId !== undefined && reqId < 0
        ? row('system', 'none', 'unknown IB message without a request')
        : row('request-fatal', 'fail-request', 'unknown IB error for a request'),
    );
  return { code, name: ibCodeName(code) ?? 'UNKNOWN', kind, action, description };
}
