/** The two sides of a depth book, as TWS numbers them in depth messages. */
export const DepthSide = { ASK: 0, BID: 1 } as const;

/** Depth operations, as TWS numbers them: insert shifts the rows below down, delete shifts them up. */
export const DepthOperation = { INSERT: 0, UPDATE: 1, DELETE: 2 } as const;

/** A side of the book: 0 ask, 1 bid. */
export type DepthSideId = (typeof DepthSide)[keyof typeof DepthSide];
/** An operation: 0 insert, 1 update, 2 delete. */
export type DepthOperationId = (typeof DepthOperation)[keyof typeof DepthOperation];

/** One row of a simulated depth book. `marketMaker` travels in L2 messages only. */
export interface SimDepthLevel {
  readonly price: number;
  readonly size: number;
  readonly marketMaker: string;
}

/** One operation on a simulated depth book (an insert or update carries the row's values; a delete ignores them). */
export interface SimDepthOperation {
  readonly operation: DepthOperationId;
  readonly side: DepthSideId;
  readonly position: number;
  readonly price: number;
  readonly size: number;
  readonly marketMaker: string;
}

/** A copy of a symbol's depth book, best first on each side. */
export interface SimDepthSnapshot {
  readonly bids: readonly SimDepthLevel[];
  readonly asks: readonly SimDepthLevel[];
}

/** Why an operation cannot be applied (its position is outside the side), or `undefined` when it can. */
export const depthOperationProblem = (rows: number, op: SimDepthOperation): string | undefined => {
  const { position } = op;
  const operation: number = op.operation; // a caller without types may pass anything
  if (!Number.isInteger(position) || position < 0) return `position ${position} is not an integer ≥ 0`;
  if (operation === DepthOperation.INSERT) return position <= rows ? undefined : `insert at ${position} beyond the ${rows} rows of the side`;
  if (operation !== DepthOperation.UPDATE && operation !== DepthOperation.DELETE) return `operation ${String(operation)} is not 0 (insert), 1 (update) or 2 (delete)`;
  return position < rows ? undefined : `${operation === DepthOperation.UPDATE ? 'update' : 'delete'} at ${position} of a side with ${rows} rows`;
};

/**
 * The simulator's own depth book of one symbol (every subscriber sees its top rows): operations
 * apply by position exactly as TWS defines them. Prices are not checked for order here; the
 * depth driver keeps them best first.
 */
export class DepthBook {
  readonly bids: SimDepthLevel[] = [];
  readonly asks: SimDepthLevel[] = [];

  side(side: DepthSideId): SimDepthLevel[] {
    return side === DepthSide.BID ? this.bids : this.asks;
  }

  /** Applies one operation (throws RangeError when its position is out of range). */
  apply(op: SimDepthOperation): void {
    const rows = this.side(op.side);
    const problem = depthOperationProblem(rows.length, op);
    if (problem !== undefined) throw new RangeError(`depth operation: ${problem}`);
    const level: SimDepthLevel = { price: op.price, size: op.size, marketMaker: op.marketMaker };
    if (op.operation === DepthOperation.INSERT) rows.splice(op.position, 0, level);
    else if (op.operation === DepthOperation.UPDATE) rows[op.position] = level;
    else rows.splice(op.position, 1);
  }

  snapshot(): SimDepthSnapshot {
    return { bids: this.bids.map((l) => ({ ...l })), asks: this.asks.map((l) => ({ ...l })) };
  }
}
