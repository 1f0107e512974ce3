import type { DepthLevel, DepthUpdate, OrderBook } from './order-book.js';

/**
 * The book after one depth update, by TWS's rules — the pure reducer behind `depth$`:
 * - `insert` at a position puts the row there and shifts the rows from that position down (an
 *   insert at an occupied position is the normal case, not an update); the side is then cut to
 *   `book.rows`; an insert at or beyond `rows` changes nothing, one beyond the end appends;
 * - `update` replaces the row at the position (at the end: appends);
 * - `delete` removes the row at the position and shifts the rows below up (beyond the end: nothing).
 *
 * ```text
 * bids   [10.02 | 10.01 | 10.00]     insert 10.015 at 1  →  [10.02 | 10.015 | 10.01]   (rows = 3)
 * bids   [10.02 | 10.01 | 10.00]     delete at 0         →  [10.01 | 10.00]
 * ```
 * Immutable and O(rows): the changed side is a new array (typed readonly; not frozen, which costs
 * V8 about ten times the update itself) of frozen rows, the other side is shared; the result is a
 * new frozen book with `time = update.time` (the same book when nothing changes). Leaves the
 * book's `stale` flag alone.
 *
 * @example
 * const book = updates.reduce(applyDepthUpdate, emptyOrderBook('AAPL', 10, true));
 */
export function applyDepthUpdate(book: OrderBook, update: DepthUpdate): OrderBook {
  const rows = update.side === 'bid' ? book.bids : book.asks;
  const next = changed(rows, update, book.rows);
  if (next === rows) return book;
  const bids = update.side === 'bid' ? next : book.bids;
  const asks = update.side === 'ask' ? next : book.asks;
  // A literal, not a spread: this runs per update.
  return Object.freeze({ symbol: book.symbol, bids, asks, time: update.time, rows: book.rows, smart: book.smart, stale: book.stale });
}

function changed(rows: readonly DepthLevel[], update: DepthUpdate, limit: number): readonly DepthLevel[] {
  const { position } = update;
  const length = rows.length;
  if (!Number.isInteger(position) || position < 0) return rows;
  switch (update.operation) {
    case 'insert': {
      if (position >= limit) return rows;
      const at = Math.min(position, length);
      const out = rows.slice(0, at);
      out.push(levelOf(update));
      const end = Math.min(length, limit - 1);
      for (let i = at; i < end; i++) out.push(rows[i] as DepthLevel);
      return out;
    }
    case 'update': {
      if (position > length || position >= limit) return rows;
      const out = rows.slice();
      out[position] = levelOf(update);
      return out;
    }
    case 'delete': {
      if (position >= length) return rows;
      const out = rows.slice(0, position);
      for (let i = position + 1; i < length; i++) out.push(rows[i] as DepthLevel);
      return out;
    }
  }
}

function levelOf(update: DepthUpdate): DepthLevel {
  return Object.freeze(update.marketMaker === undefined
    ? { price: update.price, size: update.size }
    : { price: update.price, size: update.size, marketMaker: update.marketMaker });
}
