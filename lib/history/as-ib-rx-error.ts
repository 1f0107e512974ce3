import { IbRxError } from '../errors.js';

/** `error` if it is an `IbRxError`, else an `IbRxError` saying what failed unexpectedly (the original as `cause`). */
export function asIbRxError(error: unknown, what: string): IbRxError {
  if (error instanceof IbRxError) return error;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new IbRxError(`ib-rx: ${what} failed unexpectedly (${text})`, { cause: error });
}
