import { applyDepthUpdate } from './apply-depth-update.js';
import { emptyOrderBook, type DepthUpdate, type OrderBook } from './order-book.js';

/** What a depth request feeds its book: a row change, "cleared and asked again", or the connection-wide interruption. */
export type DepthInput =
  | { readonly type: 'update'; readonly update: DepthUpdate }
  | { readonly type: 'clear'; readonly time: number }
  | { readonly type: 'interrupted'; readonly interrupted: boolean };

/** The book and what decides its `stale` flag; `emit` says whether the last input made a book to emit. */
export interface DepthFold {
  readonly book: OrderBook;
  readonly interrupted: boolean;
  /** Cleared and asked again, or interrupted; no row since. */
  readonly awaiting: boolean;
  /** A book was emitted already (nothing is emitted before the first row). */
  readonly started: boolean;
  readonly emit: boolean;
}

/** The fold's start: an empty book, nothing emitted. */
export function initialDepthFold(book: OrderBook): DepthFold {
  return { book, interrupted: false, awaiting: false, started: false, emit: false };
}

/**
 * One input into the book (the reducer behind `depth$`'s `scan`):
 *
 * ```text
 * inputs   -u--u--i--c--I--u--     u: update, i / I: interrupted true / false, c: clear
 * books    -B--B--S--E-----B--     S: same rows, stale; E: empty, stale; B: stale false again
 * ```
 * Nothing is emitted before the first row. `stale` = interrupted, or interrupted / cleared and no
 * row since (after an interruption the socket's or the link's return comes before the clear of a
 * lost request, so the old rows must not look fresh in between; after a 1102 the next row ends it).
 */
export function foldDepth(fold: DepthFold, input: DepthInput): DepthFold {
  switch (input.type) {
    case 'update': {
      const { interrupted } = fold;
      const moved = applyDepthUpdate(fold.book, input.update);
      const book = moved.stale === interrupted ? moved : Object.freeze({ ...moved, stale: interrupted });
      // A literal, not a spread: this runs per update.
      return { book, interrupted, awaiting: false, started: fold.started || book !== fold.book, emit: book !== fold.book };
    }
    case 'clear': {
      const { symbol, rows, smart } = fold.book;
      const book = Object.freeze({ ...emptyOrderBook(symbol, rows, smart, input.time), stale: true });
      return { ...fold, book, awaiting: true, emit: fold.started };
    }
    case 'interrupted': {
      // An interruption may have cost the request (a new socket, 1101: the clear comes a moment
      // after the interruption ends): the rows stay stale until a row proves the request alive.
      const awaiting = input.interrupted || fold.awaiting;
      const stale = input.interrupted || awaiting;
      const book = stale === fold.book.stale ? fold.book : Object.freeze({ ...fold.book, stale });
      return { ...fold, book, interrupted: input.interrupted, awaiting, emit: fold.started && book !== fold.book };
    }
  }
}
