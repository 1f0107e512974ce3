import { classifyIbCode, IbCode } from '../ib-codes.js';
import type { ErrorEvent, NoticeEvent } from './ib-event.js';

/**
 * `@stoqey/ib` 1.6.10's texts for a message id it has no decoder for (a newer gateway's message):
 * "No parser implementation found for token: undefined (999)." and then, for the fields it left,
 * "Decoding error on undefined: unprocessed data left on queue (…)". Both come as error 505 with
 * request id -1.
 */
const UNKNOWN_MESSAGE = /^(No parser implementation found for token|Decoding error on undefined:)/;

/** True for the client's 505 errors about a message id it cannot decode. */
export function isUnknownMessageError(event: ErrorEvent): boolean {
  return event.code === IbCode.UNKNOWN_ID && event.reqId < 0 && UNKNOWN_MESSAGE.test(event.message);
}

/**
 * The notice ib-rx reports instead of that error: the message is skipped, nothing else happens
 * (no reconnect, the stream goes on). `info.kind` is `advisory`, `info.action` is `none`.
 */
export function unknownMessageNotice(event: ErrorEvent): NoticeEvent {
  const info = classifyIbCode(event.code, event.reqId);
  return {
    type: 'notice',
    code: event.code,
    message: event.message,
    time: event.time,
    info: { ...info, kind: 'advisory', action: 'none', description: 'unknown message id from TWS: skipped' },
  };
}
