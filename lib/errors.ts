import { classifyIbCode, IbCode, type IbCodeKind } from './ib-codes.js';

/** The base of every error ib-rx throws or emits; `name` is the class name, `cause` is kept. */
export class IbRxError extends Error {
  static {
    this.prototype.name = 'IbRxError';
  }
}

/** One invalid config field: `path` is dotted (`api.port`), empty for the file as a whole. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

/** Where a {@link ConfigError} came from; `line` / `column` (1-based) for invalid JSON. */
export interface ConfigErrorOptions extends ErrorOptions {
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

/** `api.port: expected an integer 1..65535, got "abc"` (just the message when `path` is empty). */
export function formatConfigProblem(problem: ConfigProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}

/** Invalid config: every problem found, by path, plus the file it came from (if any). */
export class ConfigError extends IbRxError {
  static {
    this.prototype.name = 'ConfigError';
  }
  readonly problems: readonly ConfigProblem[];
  declare readonly file?: string;
  declare readonly line?: number;
  declare readonly column?: number;

  constructor(problems: readonly ConfigProblem[], options: ConfigErrorOptions = {}) {
    const { file, line, column, ...errorOptions } = options;
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const where = file === undefined ? '' : ` in ${file}`;
    const lines = problems.map((problem) => `\n  ${formatConfigProblem(problem)}`).join('');
    super(`invalid ib-rx config${where} (${count}):${lines}`, errorOptions);
    this.problems = problems;
    if (file !== undefined) this.file = file;
    if (line !== undefined) this.line = line;
    if (column !== undefined) this.column = column;
  }
}

/** Data of a {@link ConnectionError}: where, why, and the IB code when there is one (502, 504, 1300 …). */
export interface ConnectionErrorInfo {
  readonly host: string;
  readonly port: number;
  readonly reason: string;
  readonly code?: number | undefined;
  /** Lines appended to the message: what the user should check (see `gatewayChecklist`). */
  readonly help?: string | undefined;
}

/** The socket to TWS / IB Gateway could not be opened or was lost. */
export class ConnectionError extends IbRxError {
  static {
    this.prototype.name = 'ConnectionError';
  }
  readonly host: string;
  readonly port: number;
  readonly reason: string;
  declare readonly code?: number;

  constructor(info: ConnectionErrorInfo, options?: ErrorOptions) {
    const code = info.code === undefined ? '' : ` (IB ${info.code})`;
    const help = info.help === undefined ? '' : `\n${info.help}`;
    super(`connection to TWS at ${info.host}:${info.port} failed: ${info.reason}${code}${help}`, options);
    this.host = info.host;
    this.port = info.port;
    this.reason = info.reason;
    if (info.code !== undefined) this.code = info.code;
  }
}

/** What is known about the request an IB error belongs to. */
export interface IbApiErrorDetails extends ErrorOptions {
  readonly reqId?: number | undefined;
  readonly symbol?: string | undefined;
}

/**
 * An error message from TWS: `code`, the request (`reqId`, `symbol`), TWS's own text (`ibMessage`)
 * and its `kind` from `classifyIbCode` (what ib-rx does about each kind: see `IbCodeKind`).
 */
export class IbApiError extends IbRxError {
  static {
    this.prototype.name = 'IbApiError';
  }
  readonly code: number;
  readonly ibMessage: string;
  declare readonly reqId?: number;
  declare readonly symbol?: string;
  readonly kind: IbCodeKind;

  constructor(code: number, ibMessage: string, details: IbApiErrorDetails = {}, summary?: string) {
    const { reqId, symbol, ...options } = details;
    const info = classifyIbCode(code, reqId);
    const about = [symbol, reqId === undefined ? undefined : `reqId ${reqId}`].filter((part) => part !== undefined);
    const context = about.length > 0 ? ` (${about.join(', ')})` : '';
    super(`${summary ?? `IB error ${code} ${info.name}`}${context}: ${ibMessage}`, options);
    this.code = code;
    this.ibMessage = ibMessage;
    if (reqId !== undefined) this.reqId = reqId;
    if (symbol !== undefined) this.symbol = symbol;
    this.kind = info.kind;
  }
}

/** 200: TWS has no security definition for the contract (that symbol only; don't retry unchanged). */
export class SymbolNotFoundError extends IbApiError {
  static {
    this.prototype.name = 'SymbolNotFoundError';
  }
  constructor(ibMessage: string, details: IbApiErrorDetails = {}) {
    super(IbCode.NO_SECURITY_DEFINITION, ibMessage, details, `no security definition (IB ${IbCode.NO_SECURITY_DEFINITION})`);
  }
}

/** 354 / 10168: the account has no market data subscription for it (delayed data may be available). */
export class NotSubscribedError extends IbApiError {
  static {
    this.prototype.name = 'NotSubscribedError';
  }
  constructor(code: number, ibMessage: string, details: IbApiErrorDetails = {}) {
    super(code, ibMessage, details, `market data not subscribed (IB ${code})`);
  }
}

/**
 * TWS refused or ended a historical data request: 162 (HMDS errors: no data, duration too long
 * for the bar size, a pacing violation that outlasted ib-rx's retries …), 366 (no such query),
 * 321 (invalid request), 10314 (invalid end date). `code` and TWS's own text (`ibMessage`) say
 * which; only that request fails.
 */
export class HistoricalDataError extends IbApiError {
  static {
    this.prototype.name = 'HistoricalDataError';
  }
  constructor(code: number, ibMessage: string, details: IbApiErrorDetails = {}) {
    super(code, ibMessage, details, `historical data request failed (IB ${code})`);
  }
}

/** Details of a {@link MarketDataLinesError}: the local line budget when ib-rx refused the request itself. */
export interface MarketDataLinesDetails extends IbApiErrorDetails {
  readonly inUse?: number | undefined;
  readonly limit?: number | undefined;
}

/**
 * 101: too many market data lines — from TWS, or from ib-rx's own budget (`limits.market_data_lines`,
 * then `inUse` and `limit` are set and no request was sent).
 */
export class MarketDataLinesError extends IbApiError {
  static {
    this.prototype.name = 'MarketDataLinesError';
  }
  declare readonly inUse?: number;
  declare readonly limit?: number;

  constructor(ibMessage: string, details: MarketDataLinesDetails = {}) {
    const { inUse, limit, ...rest } = details;
    super(IbCode.MAX_TICKERS, ibMessage, rest, `max market data lines reached (IB ${IbCode.MAX_TICKERS})`);
    if (inUse !== undefined) this.inUse = inUse;
    if (limit !== undefined) this.limit = limit;
  }

  /** The local budget refused a request: `inUse` of `limit` lines are taken. */
  static budgetExhausted(details: MarketDataLinesDetails & { readonly inUse: number; readonly limit: number }): MarketDataLinesError {
    return new MarketDataLinesError(`${details.inUse} of ${details.limit} market data lines in use (limits.market_data_lines)`, details);
  }
}

/** Which budget a {@link StreamLimitError} hit. */
export type StreamLimitKind = 'tick-by-tick' | 'depth';

/** Details of a {@link StreamLimitError}: the local budget when ib-rx refused the request itself. */
export interface StreamLimitDetails extends IbApiErrorDetails {
  readonly stream: StreamLimitKind;
  readonly inUse?: number | undefined;
  readonly limit?: number | undefined;
}

/**
 * A tick-by-tick (10190) or market depth (309) request over its budget — from TWS, or from ib-rx's
 * own budget (`limits.tick_by_tick_slots` / `limits.depth_requests`; then `inUse` and `limit` are
 * set and no request was sent). Only the subscription that asked for one too many gets it.
 */
export class StreamLimitError extends IbApiError {
  static {
    this.prototype.name = 'StreamLimitError';
  }
  /** Which budget: tick-by-tick slots or depth requests. */
  declare readonly stream: StreamLimitKind;
  declare readonly inUse?: number;
  declare readonly limit?: number;

  constructor(ibMessage: string, details: StreamLimitDetails) {
    const { stream, inUse, limit, ...rest } = details;
    const code = stream === 'depth' ? IbCode.MAX_DEPTH_REQUESTS : IbCode.MAX_TICK_BY_TICK;
    super(code, ibMessage, rest, `max ${stream === 'depth' ? 'market depth' : 'tick-by-tick'} requests reached (IB ${code})`);
    this.stream = stream;
    if (inUse !== undefined) this.inUse = inUse;
    if (limit !== undefined) this.limit = limit;
  }

  /** The local budget refused a request: `inUse` of `limit` are taken. */
  static budgetExhausted(details: StreamLimitDetails & { readonly inUse: number; readonly limit: number }): StreamLimitError {
    const key = details.stream === 'depth' ? 'limits.depth_requests' : 'limits.tick_by_tick_slots';
    return new StreamLimitError(`${details.inUse} of ${details.limit} ${details.stream} requests in use (${key})`, details);
  }
}

/** Details of a {@link ClientIdInUseError}. */
export interface ClientIdInUseDetails extends IbApiErrorDetails {
  readonly clientId?: number | undefined;
}

/** 326: another API client is connected with this client id (choose another `api.client_id`). */
export class ClientIdInUseError extends IbApiError {
  static {
    this.prototype.name = 'ClientIdInUseError';
  }
  declare readonly clientId?: number;

  constructor(ibMessage: string, details: ClientIdInUseDetails = {}) {
    const { clientId, ...rest } = details;
    const which = clientId === undefined ? 'client id' : `client id ${clientId}`;
    super(IbCode.CLIENT_ID_IN_USE, ibMessage, rest, `${which} already in use (IB ${IbCode.CLIENT_ID_IN_USE})`);
    if (clientId !== undefined) this.clientId = clientId;
  }
}

/** Details for {@link ibApiErrorFromCode}. */
export type IbApiErrorFromCodeDetails = ClientIdInUseDetails;

/**
 * The right {@link IbApiError} subclass for a TWS code: 200 → SymbolNotFoundError, 354 / 10168 →
 * NotSubscribedError, 101 → MarketDataLinesError, 309 / 10190 → StreamLimitError, 326 →
 * ClientIdInUseError, else IbApiError.
 */
export function ibApiErrorFromCode(code: number, message: string, details: IbApiErrorFromCodeDetails = {}): IbApiError {
  const { clientId, ...rest } = details;
  switch (code) {
    case IbCode.NO_SECURITY_DEFINITION:
      return new SymbolNotFoundError(message, rest);
    case IbCode.NOT_SUBSCRIBED:
    case IbCode.DELAYED_NOT_ENABLED:
      return new NotSubscribedError(code, message, rest);
    case IbCode.MAX_TICKERS:
      return new MarketDataLinesError(message, rest);
    case IbCode.MAX_DEPTH_REQUESTS:
      return new StreamLimitError(message, { ...rest, stream: 'depth' });
    case IbCode.MAX_TICK_BY_TICK:
      return new StreamLimitError(message, { ...rest, stream: 'tick-by-tick' });
    case IbCode.CLIENT_ID_IN_USE:
      return new ClientIdInUseError(message, { ...rest, clientId });
    default:
      return new IbApiError(code, message, rest);
  }
}

/** Data of a {@link MarketDataTimeoutError}. */
export interface MarketDataTimeoutInfo {
  readonly symbol: string;
  readonly timeoutMs: number;
}

/** No usable market data for `symbol` arrived within `timeoutMs`. */
export class MarketDataTimeoutError extends IbRxError {
  static {
    this.prototype.name = 'MarketDataTimeoutError';
  }
  readonly symbol: string;
  readonly timeoutMs: number;

  constructor(info: MarketDataTimeoutInfo, options?: ErrorOptions) {
    super(`no market data for ${info.symbol} within ${info.timeoutMs} ms`, options);
    this.symbol = info.symbol;
    this.timeoutMs = info.timeoutMs;
  }
}

/** Bytes from the socket that do not follow the TWS protocol (`reason` says what was wrong). */
export class ProtocolError extends IbRxError {
  static {
    this.prototype.name = 'ProtocolError';
  }
  readonly reason: string;
  declare readonly code?: number;

  constructor(reason: string, options: ErrorOptions & { readonly code?: number | undefined } = {}) {
    const { code, ...errorOptions } = options;
    super(`TWS protocol error${code === undefined ? '' : ` (IB ${code})`}: ${reason}`, errorOptions);
    this.reason = reason;
    if (code !== undefined) this.code = code;
  }
}

/** The session (or client) was closed: no new requests; pending ones end with this error. */
export class SessionClosedError extends IbRxError {
  static {
    this.prototype.name = 'SessionClosedError';
  }
  constructor(message = 'the ib-rx session is closed', options?: ErrorOptions) {
    super(message, options);
  }
}

/** Details of an {@link InvalidInputError}. */
export interface InvalidInputDetails extends ErrorOptions {
  /** The argument or field that is wrong (`pattern`, `strike`, `genericTicks` …). */
  readonly field: string;
  /** The value given. */
  readonly value: unknown;
  /** What was expected, in words (`a number above 0`). */
  readonly expected: string;
}

/**
 * Bad input to an ib-rx call, found before anything was sent: `field` names the argument or
 * contract field, `value` is what was given, `expected` says what would do.
 */
export class InvalidInputError extends IbRxError {
  static {
    this.prototype.name = 'InvalidInputError';
  }
  readonly field: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(details: InvalidInputDetails) {
    const { field, value, expected, ...options } = details;
    super(`invalid ${field}: expected ${expected}, got ${describeValue(value)}`, options);
    this.field = field;
    this.value = value;
    this.expected = expected;
  }
}

/** A contract field that cannot be right (`secType`, `right`, `strike`, `lastTradeDateOrContractMonth` …). */
export class InvalidContractError extends InvalidInputError {
  static {
    this.prototype.name = 'InvalidContractError';
  }
}

/** Data of an {@link UnknownOptionError}. */
export interface UnknownOptionInfo {
  /** The call whose options it is (`depth$`, `historicalBars` …). */
  readonly call: string;
  /** The key the call does not take. */
  readonly key: string;
  /** Its value. */
  readonly value: unknown;
  /** Every option the call takes. */
  readonly known: readonly string[];
  /** The known option close to `key` (`rows` for `row`), when exactly one is. */
  readonly suggestion?: string | undefined;
}

/**
 * An options object has a key its call does not take, e.g. `depth$('AAPL', { row: 5 })`: a typo
 * that would otherwise be ignored silently. `field` is that key, `known` lists the call's options
 * and `suggestion` the one it is close to, if any.
 */
export class UnknownOptionError extends InvalidInputError {
  static {
    this.prototype.name = 'UnknownOptionError';
  }
  readonly call: string;
  readonly known: readonly string[];
  declare readonly suggestion?: string;

  constructor(info: UnknownOptionInfo, options?: ErrorOptions) {
    const { call, key, value, known, suggestion } = info;
    super({ field: key, value, expected: `one of the options of ${call}: ${known.join(', ')}`, ...options });
    const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
    this.message = `unknown option ${JSON.stringify(key)} of ${call}${hint}; known options: ${known.join(', ')}`;
    this.call = call;
    this.known = known;
    if (suggestion !== undefined) this.suggestion = suggestion;
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return typeof value;
  }
}

/** One contract matching an ambiguous request (see {@link AmbiguousContractError}). */
export interface ContractCandidate {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: string;
  readonly exchange: string;
  readonly primaryExchange: string | undefined;
  readonly currency: string;
  readonly localSymbol: string | undefined;
  readonly tradingClass: string | undefined;
  readonly longName: string | undefined;
  /** `lastTradeDateOrContractMonth` of a future or option. */
  readonly expiry: string | undefined;
  readonly strike: number | undefined;
  readonly right: 'C' | 'P' | undefined;
  readonly multiplier: number | undefined;
}

/** Data of an {@link AmbiguousContractError}. */
export interface AmbiguousContractInfo {
  /** The request, as a short label (`TWIN`). */
  readonly subject: string;
  readonly candidates: readonly ContractCandidate[];
  /** How to pick one, e.g. `pass primaryExch: 'NASDAQ' or 'NYSE' (or a conId)`. */
  readonly hint: string;
}

/** More than one contract matches a request that must name exactly one (`qualify`): `candidates` lists them. */
export class AmbiguousContractError extends IbRxError {
  static {
    this.prototype.name = 'AmbiguousContractError';
  }
  readonly subject: string;
  readonly candidates: readonly ContractCandidate[];
  readonly hint: string;

  constructor(info: AmbiguousContractInfo, options?: ErrorOptions) {
    super(`${info.subject} is ambiguous: ${info.candidates.length} contracts match; ${info.hint}`, options);
    this.subject = info.subject;
    this.candidates = info.candidates;
    this.hint = info.hint;
  }
}

/** Data of a {@link RequestTimeoutError}. */
export interface RequestTimeoutInfo {
  /** The IB request (`reqContractDetails`, `reqMatchingSymbols`, `reqSecDefOptParams`). */
  readonly request: string;
  /** What it was about (a symbol, a search pattern). */
  readonly subject: string;
  readonly timeoutMs: number;
}

/** A one-shot request (contract details, symbol search, option parameters) had no complete answer within `timeoutMs` of being sent. */
export class RequestTimeoutError extends IbRxError {
  static {
    this.prototype.name = 'RequestTimeoutError';
  }
  readonly request: string;
  readonly subject: string;
  readonly timeoutMs: number;

  constructor(info: RequestTimeoutInfo, options?: ErrorOptions) {
    super(`no answer to ${info.request} for ${info.subject} within ${info.timeoutMs} ms`, options);
    this.request = info.request;
    this.subject = info.subject;
    this.timeoutMs = info.timeoutMs;
  }
}
