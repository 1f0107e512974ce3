// Raw IbEvents for request specs (tick builders come from spec/support/fixtures.ts).
import type { IbEvent } from '../../lib/connection/ib-event.js';
import { dataTypeFromId } from '../../lib/config/index.js';
import type { ReadySignal } from '../../lib/requests/request-context.js';
import { classifyIbCode } from '../../lib/ib-codes.js';

/** TWS's answer `code` about request `reqId`. */
export function ibError(reqId: number, code: number, message = `IB says ${code}`): IbEvent {
  return { type: 'error', reqId, code, message, info: classifyIbCode(code, reqId), time: 0 };
}

/** TWS's per-request `marketDataType` message. */
export function marketDataType(reqId: number, id: 1 | 2 | 3 | 4): IbEvent {
  return { type: 'marketDataType', reqId, marketDataType: dataTypeFromId(id), marketDataTypeId: id, time: 0 };
}

/** A ready signal of socket `generation`. */
export function ready(generation: number, reason: ReadySignal['reason'] = generation === 1 ? 'connected' : 'reconnected'): ReadySignal {
  return { generation, reason };
}
