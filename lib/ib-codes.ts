import { match, P } from 'ts-pattern';

/**
 * The TWS / IB Gateway message and error codes ib-rx acts on, by name. Use these names instead of
 * bare numbers anywhere in ib-rx; `classifyIbCode` classifies a code, and {@link IbCodeKind} says what
 * ib-rx does about each kind.
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
  MAX_DEPTH_REQUESTS: 309,
  DEPTH_HALTED: 316,
  DEPTH_RESET: 317,
  MAX_TICK_BY_TICK: 10190,
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
 * What a code is, and what ib-rx does about it. Apart from `IbCodeInfo.action` (read by the
 * market-data request), ib-rx reacts to the code itself, in the places named here:
 * - `status`: data farm notices (2103–2108, 2119, 2157, 2158). They set `ConnectionState.farms`;
 *   while a market-data farm is broken (2103, until its 2104) the session marks market data stale;
 *   a 2104 lets a new socket be ready before `readyTimeoutMs`. Nothing is requested again.
 * - `system`: the link between TWS and IB's servers (request id -1). 1100 sets the state's `link`
 *   to `'lost'` (socket kept, market data stale); 1101 makes `IbConnection.ready$` emit
 *   `'link-restored'`, and the session requests every subscription again; 1102 ends the stale
 *   mark and requests nothing; 1300 ends the socket and reconnects. 2110 and unknown codes without
 *   a request are only passed on (as `notice` events).
 * - `advisory`: data keeps flowing (10167, 10089, 10090, 300, unknown 2100–2999): logged, the
 *   request goes on.
 * - `entitlement`: 354 / 10168 (`action: 'fallback-delayed'`); 10197 (competing live session) is
 *   reported on the session's `errors$` and the request goes on.
 * - `request-fatal` (`action: 'fail-request'`): 200, 101, 309, 322, 10190 and unknown codes of a
 *   request. 309 (depth) and 10190 (tick-by-tick) become a `StreamLimitError`.
 * - 316 / 317 (`advisory` here): the depth request clears its book and requests it again.
 * - `pacing`: 100 is reported on the session's `errors$`; the request goes on (ib-rx paces every
 *   message it sends, see `limits.max_messages_per_s`, and does not slow down further).
 * - `socket`: raised by the client for its own socket (request id -1). 502 becomes the reason of
 *   the `ConnectionError` when the socket then closes (reconnect with backoff); 326 ends the socket
 *   with a `ClientIdInUseError` and reconnects (see `IbConnectionOptions.clientIdInUse`); 505 is a
 *   `ProtocolError` on `IbConnection.errors$` (or, for an unknown message id, only a notice); the
 *   others are reported there as an `IbApiError` and do not end the socket by themselves; when the
 *   client closes it (503, 506 during the handshake), ib-rx reconnects as after any drop.
 */
export type IbCodeKind = 'status' | 'system' | 'advisory' | 'entitlement' | 'request-fatal' | 'pacing' | 'socket';

/**
 * What a market-data request does when TWS answers it with the code (the request layer reads it;
 * see {@link IbCodeKind} for what ib-rx does about codes that concern the whole connection):
 * - `fallback-delayed` (354, 10168): request it again with the next delayed market data type, or
 *   end the stream with a `NotSubscribedError` when none is left.
 * - `fail-request` (every `request-fatal` code): end the request's stream with its typed error.
 * - `none`: the request goes on; the code is logged (and some are reported, see {@link IbCodeKind}).
 */
export type IbCodeAction = 'none' | 'fallback-delayed' | 'fail-request';

/** The classification of one code: its name (or `'UNKNOWN'`), kind, request action and a short description. */
export interface IbCodeInfo {
  readonly code: number;
  readonly name: IbCodeName | 'UNKNOWN';
  readonly kind: IbCodeKind;
  readonly action: IbCodeAction;
  readonly description: string;
}

type Row = Pick<IbCodeInfo, 'kind' | 'action' | 'description'>;
const row = (kind: IbCodeKind, description: string, action: IbCodeAction = 'none'): Row => ({ kind, action, description });

const names = new Map<number, IbCodeName>(
  (Object.entries(IbCode) as [IbCodeName, number][]).map(([name, code]) => [code, name]),
);

/** The constant's name for a code, or `undefined` when ib-rx has no name for it. */
export function ibCodeName(code: number): IbCodeName | undefined {
  return names.get(code);
}

/**
 * Classifies a TWS code into kind + request action. Unknown codes: 2100–2999 are IB's warnings, so
 * `advisory` / `none`; any other unknown code is `request-fatal` / `fail-request` when it belongs
 * to a request (`reqId` ≥ 0 or not given) and `system` / `none` for request id -1 (passed on only).
 */
export function classifyIbCode(code: number, reqId?: number): IbCodeInfo {
  const { kind, action, description } = match<number, Row>(code)
    .with(IbCode.CONNECTIVITY_LOST, () => row('system', 'connectivity between TWS and IB lost'))
    .with(IbCode.TWS_SERVER_BROKEN, () => row('system', 'connectivity between TWS and server broken; restores automatically'))
    .with(IbCode.CONNECTIVITY_RESTORED_DATA_LOST, () => row('system', 'connectivity restored, data lost: every subscription must be requested again'))
    .with(IbCode.CONNECTIVITY_RESTORED_DATA_MAINTAINED, () => row('system', 'connectivity restored, data maintained'))
    .with(IbCode.SOCKET_PORT_RESET, () => row('system', 'TWS socket port reset: connect again'))
    .with(P.union(IbCode.MARKET_DATA_FARM_BROKEN, IbCode.HMDS_FARM_BROKEN, IbCode.SEC_DEF_FARM_BROKEN), () => row('status', 'a data farm connection is broken'))
    .with(P.union(IbCode.MARKET_DATA_FARM_OK, IbCode.HMDS_FARM_OK, IbCode.SEC_DEF_FARM_OK), () => row('status', 'a data farm connection is OK'))
    .with(P.union(IbCode.HMDS_FARM_INACTIVE, IbCode.MARKET_DATA_FARM_INACTIVE), () => row('status', 'a data farm is inactive but available on demand'))
    .with(IbCode.FARM_CONNECTING, () => row('status', 'a data farm is connecting'))
    .with(IbCode.NO_SECURITY_DEFINITION, () => row('request-fatal', 'no security definition for the contract (do not retry unchanged)', 'fail-request'))
    .with(P.union(IbCode.NOT_SUBSCRIBED, IbCode.DELAYED_NOT_ENABLED), () => row('entitlement', 'market data not subscribed; delayed data may be available', 'fallback-delayed'))
    .with(IbCode.DELAYED_DATA_DISPLAYED, () => row('advisory', 'not subscribed: delayed market data is displayed'))
    .with(IbCode.SUBSCRIPTION_NEEDED, () => row('advisory', 'additional subscription needed for API data; delayed data available'))
    .with(IbCode.PARTLY_NOT_SUBSCRIBED, () => row('advisory', 'part of the requested market data is not subscribed'))
    .with(IbCode.COMPETING_SESSION, () => row('entitlement', 'no market data during a competing live session'))
    .with(IbCode.MAX_TICKERS, () => row('request-fatal', 'max number of tickers (market data lines) reached', 'fail-request'))
    .with(IbCode.MAX_DEPTH_REQUESTS, () => row('request-fatal', 'max number of market depth requests reached', 'fail-request'))
    .with(IbCode.MAX_TICK_BY_TICK, () => row('request-fatal', 'max number of tick-by-tick requests reached', 'fail-request'))
    .with(P.union(IbCode.DEPTH_HALTED, IbCode.DEPTH_RESET), () => row('advisory', 'market depth halted or reset: the book is cleared and requested again'))
    .with(IbCode.PACING_VIOLATION, () => row('pacing', 'max rate of messages per second exceeded'))
    .with(IbCode.DUPLICATE_TICKER_ID, () => row('request-fatal', 'duplicate ticker id / error processing request', 'fail-request'))
    .with(IbCode.CANT_FIND_ID, () => row('advisory', "can't find the request id (harmless after our own cancel)"))
    .with(IbCode.CLIENT_ID_IN_USE, () => row('socket', 'client id already in use'))
    .with(IbCode.ALREADY_CONNECTED, () => row('socket', 'already connected'))
    .with(P.union(IbCode.CONNECT_FAIL, IbCode.NOT_CONNECTED), () => row('socket', 'not connected to TWS'))
    .with(P.union(IbCode.UPDATE_TWS, IbCode.UNSUPPORTED_VERSION), () => row('socket', 'TWS version not supported by the client'))
    .with(P.union(IbCode.UNKNOWN_ID, IbCode.BAD_LENGTH, IbCode.BAD_MESSAGE), () => row('socket', 'unreadable message from the socket'))
    .with(IbCode.FAIL_SEND, () => row('socket', 'failed to send a message to TWS'))
    .with(P.number.between(2100, 2999), () => row('advisory', 'unknown IB warning'))
    .otherwise(() =>
      reqId !== undefined && reqId < 0
        ? row('system', 'unknown IB message without a request')
        : row('request-fatal', 'unknown IB error for a request', 'fail-request'),
    );
  return { code, name: ibCodeName(code) ?? 'UNKNOWN', kind, action, description };
}
