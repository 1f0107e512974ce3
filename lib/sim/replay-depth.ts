import { DepthOperation, DepthSide, type DepthSideId, type SimDepthLevel, type SimDepthOperation, type SimDepthSnapshot } from './depth-book.js';
import type { ReplayDepthLevel, ReplayDepthRecord } from './replay-format.js';

/**
 * The depth operations that turn `book` into the recorded one, per side: the rows both have are
 * updated in place where they differ, then the recorded rows beyond the book's are inserted at the
 * end, or the book's rows beyond the recorded ones deleted from the end. Applying them in order
 * leaves the book equal to the record (a row without a market maker gets `''`).
 */
export function depthOperationsTo(book: SimDepthSnapshot, recorded: Pick<ReplayDepthRecord, 'bids' | 'asks'>): SimDepthOperation[] {
  return [...sideOperations(DepthSide.BID, book.bids, recorded.bids), ...sideOperations(DepthSide.ASK, book.asks, recorded.asks)];
}

function sideOperations(side: DepthSideId, current: readonly SimDepthLevel[], target: readonly ReplayDepthLevel[]): SimDepthOperation[] {
  const ops: SimDepthOperation[] = [];
  const row = (operation: SimDepthOperation['operation'], position: number, level: ReplayDepthLevel): SimDepthOperation => ({
    operation, side, position, price: level.price, size: level.size, marketMaker: level.marketMaker ?? '',
  });
  const common = Math.min(current.length, target.length);
  for (let i = 0; i < common; i++) {
    const now = current[i];
    const want = target[i];
    if (!now || !want) continue;
    if (now.price !== want.price || now.size !== want.size || now.marketMaker !== (want.marketMaker ?? '')) ops.push(row(DepthOperation.UPDATE, i, want));
  }
  for (let i = common; i < target.length; i++) {
    const want = target[i];
    if (want) ops.push(row(DepthOperation.INSERT, i, want));
  }
  for (let i = current.length - 1; i >= target.length; i--) ops.push({ operation: DepthOperation.DELETE, side, position: i, price: 0, size: 0, marketMaker: '' });
  return ops;
}
