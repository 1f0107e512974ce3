/** One row of an order book: a price, the size shown there, and who shows it (L2 books only). */
export interface DepthLevel {
  readonly price: number;
  /** As TWS sends it (not rescaled; US stocks often in round lots … as the exchange reports). */
  readonly size: number;
  /** The market maker (or, for smart depth, the exchange) of the row; absent in books of one exchange without market makers. */
  readonly marketMaker?: string;
}

/**
 * A market depth book, immutable: each change makes a new book (frozen, with frozen rows; the
 * side arrays are new per change, typed readonly and never changed after emission; the untouched
 * side's array is shared). Bids highest first, asks lowest first, each at most `rows`.
 */
export interface OrderBook {
  /** The contract's label (`AAPL`). */
  readonly symbol: string;
  /** Best (highest) first. */
  readonly bids: readonly DepthLevel[];
  /** Best (lowest) first. */
  readonly asks: readonly DepthLevel[];
  /** Scheduler time (epoch ms) of the last change. */
  readonly time: number;
  /** Rows kept per side (the `rows` asked for). */
  readonly rows: number;
  /** Whether the book is aggregated across exchanges (smart depth). */
  readonly smart: boolean;
  /**
   * `true` from an interruption (socket down, IB's link lost, farm broken; the rows are the last
   * known ones) or a re-request (reconnect, 1101, 316 / 317: the book is cleared) until the next
   * row arrives.
   */
  readonly stale: boolean;
}

/** Which side of the book a depth update changes. */
export type DepthSideName = 'bid' | 'ask';
/** What a depth update does at its position: insert (rows below shift down), update, delete (rows below shift up). */
export type DepthOperationName = 'insert' | 'update' | 'delete';

/** One row change of a depth book (TWS's `updateMktDepth` / `updateMktDepthL2`, named). */
export interface DepthUpdate {
  readonly operation: DepthOperationName;
  readonly side: DepthSideName;
  /** The row (0 = best). */
  readonly position: number;
  readonly price: number;
  readonly size: number;
  readonly marketMaker?: string;
  /** Scheduler time (epoch ms) it arrived. */
  readonly time: number;
}

const NO_LEVELS: readonly DepthLevel[] = [];

/** An empty book of `rows` rows per side. */
export function emptyOrderBook(symbol: string, rows: number, smart: boolean, time = 0): OrderBook {
  return Object.freeze({ symbol, bids: NO_LEVELS, asks: NO_LEVELS, time, rows, smart, stale: false });
}
