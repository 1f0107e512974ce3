import * as errors from '../errors.js';
import { IbRxError } from '../errors.js';
import { RemoteConnectionError, RemoteProtocolError, RemoteServerConflictError } from './remote-errors.js';

/** An error as it travels: its class name, message and own data fields (`code`, `symbol`, `candidates` …). */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

type ErrorClass = abstract new (...args: never[]) => IbRxError;

/** Every ib-rx error class by name: lib/errors.ts and the remote ones. */
const CLASSES: ReadonlyMap<string, ErrorClass> = new Map<string, ErrorClass>([
  ...(Object.values(errors) as unknown[])
    .filter((value): value is ErrorClass => typeof value === 'function' && (value === IbRxError || (value as { prototype?: unknown }).prototype instanceof IbRxError))
    .map((value): [string, ErrorClass] => [(value.prototype as IbRxError).name, value]),
  ...[RemoteConnectionError, RemoteServerConflictError, RemoteProtocolError].map((value): [string, ErrorClass] => [value.prototype.name, value]),
]);

const NOT_FIELDS: ReadonlySet<string> = new Set(['name', 'message', 'stack', 'cause']);

/** An error as a {@link WireError}: any value; non-errors become `IbRxError` with their text. */
export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'IbRxError', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) if (!NOT_FIELDS.has(key) && value !== undefined) fields[key] = value;
  return { name: error.name, message: error.message, fields };
}

/**
 * The error a {@link WireError} describes, as an instance of its ib-rx class (a
 * `SymbolNotFoundError` stays one: `instanceof`, `code`, `symbol` and the message as the server
 * had them). An unknown class name becomes an `IbRxError` with the same message. The stack says
 * the error came from the ib-rx server.
 */
export function fromWireError(wire: WireError): IbRxError {
  const target = CLASSES.get(wire.name) ?? IbRxError;
  const error = Object.create(target.prototype as object) as IbRxError;
  Object.defineProperty(error, 'message', { value: wire.message, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(error, 'stack', { value: `${wire.name}: ${wire.message}\n    at the ib-rx server (over NATS)`, writable: true, configurable: true, enumerable: false });
  Object.assign(error, wire.fields);
  return error;
}

/** True when `value` has the shape of a {@link WireError}. */
export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const { name, message, fields } = value as Record<string, unknown>;
  return typeof name === 'string' && typeof message === 'string' && typeof fields === 'object' && fields !== null;
}
