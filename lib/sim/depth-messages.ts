import type { SimDepthOperation } from './depth-book.js';
import { DepthServerVersion } from './depth-requests.js';
import type { Field } from './frame.js';
import { priceText } from './server-messages.js';

/** Server message ids of depth updates (`@stoqey/ib`'s IN_MSG_ID). */
export const DepthMsg = { MARKET_DEPTH: 12, MARKET_DEPTH_L2: 13 } as const;

const VERSION = 1;

/** updateMktDepth `12|1|reqId|position|operation|side|price|size` (one exchange, no market makers). */
export const marketDepthMsg = (reqId: number, op: SimDepthOperation): Field[] => [
  DepthMsg.MARKET_DEPTH, VERSION, reqId, op.position, op.operation, op.side, priceText(op.price), op.size,
];

/** updateMktDepthL2 `13|1|reqId|position|marketMaker|operation|side|price|size|[isSmartDepth from 146]`. */
export const marketDepthL2Msg = (serverVersion: number, reqId: number, op: SimDepthOperation, isSmartDepth: boolean): Field[] => {
  const fields: Field[] = [DepthMsg.MARKET_DEPTH_L2, VERSION, reqId, op.position, op.marketMaker, op.operation, op.side, priceText(op.price), op.size];
  if (serverVersion >= DepthServerVersion.SMART_DEPTH) fields.push(isSmartDepth);
  return fields;
};
