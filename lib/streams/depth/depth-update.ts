import type { IbEventOf } from '../../connection/ib-event.js';
import type { DepthOperationName, DepthSideName, DepthUpdate } from './order-book.js';

const OPERATIONS: readonly DepthOperationName[] = ['insert', 'update', 'delete'];
const SIDES: readonly DepthSideName[] = ['ask', 'bid'];

/**
 * A depth event as a named {@link DepthUpdate} (operation 0/1/2 → insert/update/delete, side 0/1 →
 * ask/bid; an empty size → 0; the market maker of L2 rows), or `undefined` for an operation or side
 * TWS does not define (the caller logs and skips it).
 */
export function depthUpdateOf(event: IbEventOf<'updateMktDepth'> | IbEventOf<'updateMktDepthL2'>): DepthUpdate | undefined {
  const operation = OPERATIONS[event.operation];
  const side = SIDES[event.side];
  if (operation === undefined || side === undefined) return undefined;
  const { position, price, time } = event;
  const size = event.size ?? 0;
  return event.type === 'updateMktDepthL2'
    ? { operation, side, position, price, size, marketMaker: event.marketMaker, time }
    : { operation, side, position, price, size, time };
}
