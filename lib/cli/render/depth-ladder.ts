import type { DepthLevel, OrderBook } from '../../streams/depth/order-book.js';
import { formatAge, formatPrice, formatVolume, NONE } from './format.js';

const SEPARATOR = ' │ ';

/** `marketMaker` fitted to 6 characters ({@link NONE} in books without market makers). */
const maker = (level: DepthLevel | undefined): string => (level === undefined ? '' : (level.marketMaker ?? NONE).slice(0, 6));

/**
 * The depth ladder of `ib-rx depth`: a status line (symbol, rows, smart or not, STALE, age of the
 * last change), a header, then one line per row, bids left (best first, highest) and asks right
 * (best first, lowest), each with size and market maker; empty cells where a side has fewer rows.
 *
 * ```text
 * AAPL · 3 rows · smart depth · updated 0.2s ago
 *   #  MM         SIZE        BID │ ASK           SIZE  MM
 *   1  NSDQ        300     189.50 │ 189.52         200  ARCA
 * ```
 */
export function renderDepthLadder(book: OrderBook, now: number): string[] {
  const flags = [`${book.rows} rows`, book.smart ? 'smart depth' : 'exchange depth', ...(book.stale ? ['STALE'] : []), `updated ${formatAge(book.time, now)} ago`];
  const lines = [`${book.symbol} · ${flags.join(' · ')}`, `${'#'.padStart(3)}  ${'MM'.padEnd(6)} ${'SIZE'.padStart(8)} ${'BID'.padStart(10)}${SEPARATOR}${'ASK'.padEnd(10)} ${'SIZE'.padStart(8)}  MM`];
  const depth = Math.max(book.bids.length, book.asks.length);
  if (depth === 0) lines.push('  (no rows yet)');
  for (let i = 0; i < depth; i++) {
    const bid = book.bids[i];
    const ask = book.asks[i];
    const left = bid === undefined ? ''.padEnd(6 + 1 + 8 + 1 + 10) : `${maker(bid).padEnd(6)} ${formatVolume(bid.size).padStart(8)} ${formatPrice(bid.price).padStart(10)}`;
    const right = ask === undefined ? '' : `${formatPrice(ask.price).padEnd(10)} ${formatVolume(ask.size).padStart(8)}  ${maker(ask)}`;
    lines.push(`${String(i + 1).padStart(3)}  ${left}${SEPARATOR}${right}`.trimEnd());
  }
  return lines;
}
