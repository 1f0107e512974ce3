import { ClientIdInUseError, ConnectionError, SessionClosedError } from '../../errors.js';

/** Errors that concern the connection rather than one symbol: they end a command with exit 2. */
export function isFatal(error: unknown): boolean {
  return error instanceof ConnectionError || error instanceof ClientIdInUseError || error instanceof SessionClosedError;
}
