import { DepthOperation, DepthSide, type DepthBook, type DepthSideId, type SimDepthLevel, type SimDepthOperation } from './depth-book.js';
import { randomInt, type Prng } from './prng.js';
import { priceText } from './server-messages.js';

/** Where the top of the book must be: the symbol's quote from its price path. */
export interface DepthAnchor {
  readonly bid: number;
  readonly ask: number;
  readonly minTick: number;
}

/** Rows per side the driver keeps the book near, and the most it lets it grow to. */
export const DEPTH_TARGET_ROWS = 60;
export const DEPTH_MAX_ROWS = 80;

/** Venues named in L2 rows (smart depth names the exchange; a market-maker book names the firm). */
const VENUES = ['NSDQ', 'ARCA', 'BATS', 'IEX', 'EDGX', 'NYSE', 'MEMX', 'BYX'] as const;
const LOT = 100;
const MAX_LOTS = 50;
const MAX_GAP_TICKS = 3;
const GAP_TRIES = 4;

/** A price as it travels (the client reads back exactly this number). */
const onWire = (price: number): number => Number(priceText(price));

/** Applies one operation to the book and sends it to the subscribers (the driver reads the book after each). */
export type ApplyDepth = (op: SimDepthOperation) => void;

/** A position in [min, max], more often near the top (books change most near the best prices). */
const nearTop = (rng: Prng, min: number, max: number): number => min + Math.floor((max - min + 1) * rng() ** 2);
const venue = (rng: Prng): string => VENUES[randomInt(rng, 0, VENUES.length - 1)] ?? 'NSDQ';
const size = (rng: Prng): number => randomInt(rng, 1, MAX_LOTS) * LOT;
/** +1 when worse prices are higher (asks), -1 when lower (bids). */
const away = (side: DepthSideId): number => (side === DepthSide.ASK ? 1 : -1);

const op = (operation: SimDepthOperation['operation'], side: DepthSideId, position: number, level: SimDepthLevel): SimDepthOperation => ({
  operation, side, position, price: level.price, size: level.size, marketMaker: level.marketMaker,
});

/** A fresh book: `DEPTH_TARGET_ROWS` rows per side from the anchor outwards, 1–3 ticks apart. */
export const seedDepth = (book: DepthBook, anchor: DepthAnchor, rng: Prng, apply: ApplyDepth): void => {
  for (const side of [DepthSide.BID, DepthSide.ASK] as const) {
    let price = side === DepthSide.BID ? anchor.bid : anchor.ask;
    for (let position = book.side(side).length; position < DEPTH_TARGET_ROWS; position++) {
      apply(op(DepthOperation.INSERT, side, position, { price: onWire(price), size: size(rng), marketMaker: venue(rng) }));
      price += away(side) * anchor.minTick * randomInt(rng, 1, MAX_GAP_TICKS);
    }
  }
};

/**
 * One market event of a depth book: first the top follows the anchor (rows better than the quote
 * are deleted from the top, a new best price is inserted at position 0, shifting the rows below),
 * then one random change: a size update, an insert at an occupied position (a new price between two
 * rows), a delete (shifting the rows below up), or a row added / removed at the far end to keep
 * the side near `DEPTH_TARGET_ROWS`. Positions are drawn more often near the top (as in real books).
 */
export const stepDepth = (book: DepthBook, anchor: DepthAnchor, rng: Prng, apply: ApplyDepth): void => {
  follow(book, DepthSide.BID, onWire(anchor.bid), rng, apply);
  follow(book, DepthSide.ASK, onWire(anchor.ask), rng, apply);
  const side: DepthSideId = rng() < 0.5 ? DepthSide.BID : DepthSide.ASK;
  const rows = book.side(side);
  const r = rng();
  if (r < 0.45 || rows.length < 2) update(rows, side, rng, apply);
  else if (r < 0.7) insertBetween(rows, side, anchor.minTick, rng, apply);
  else if (r < 0.85) deleteAt(rows, side, nearTop(rng, 1, rows.length - 1), apply);
  else if (rows.length < DEPTH_TARGET_ROWS) appendFar(rows, side, anchor.minTick, rng, apply);
  else deleteAt(rows, side, rows.length - 1, apply);
  while (rows.length > DEPTH_MAX_ROWS) deleteAt(rows, side, rows.length - 1, apply);
};

function deleteAt(rows: readonly SimDepthLevel[], side: DepthSideId, position: number, apply: ApplyDepth): void {
  const row = rows[position];
  if (row !== undefined) apply(op(DepthOperation.DELETE, side, position, row));
}

const better = (side: DepthSideId, a: number, b: number): boolean => (side === DepthSide.BID ? a > b : a < b);

function follow(book: DepthBook, side: DepthSideId, best: number, rng: Prng, apply: ApplyDepth): void {
  const rows = book.side(side);
  while (rows[0] !== undefined && better(side, rows[0].price, best)) apply(op(DepthOperation.DELETE, side, 0, rows[0]));
  if (rows[0] === undefined || better(side, best, rows[0].price)) apply(op(DepthOperation.INSERT, side, 0, { price: best, size: size(rng), marketMaker: venue(rng) }));
}

function update(rows: readonly SimDepthLevel[], side: DepthSideId, rng: Prng, apply: ApplyDepth): void {
  if (rows.length === 0) return;
  const position = nearTop(rng, 0, rows.length - 1);
  const row = rows[position] as SimDepthLevel;
  apply(op(DepthOperation.UPDATE, side, position, { ...row, size: size(rng) }));
}

function insertBetween(rows: readonly SimDepthLevel[], side: DepthSideId, tick: number, rng: Prng, apply: ApplyDepth): void {
  for (let attempt = 0; attempt < GAP_TRIES; attempt++) {
    const position = nearTop(rng, 1, rows.length - 1);
    const above = rows[position - 1] as SimDepthLevel;
    const below = rows[position] as SimDepthLevel;
    const price = onWire(above.price + away(side) * tick);
    if (better(side, price, below.price)) {
      apply(op(DepthOperation.INSERT, side, position, { price, size: size(rng), marketMaker: venue(rng) }));
      return;
    }
  }
  update(rows, side, rng, apply);
}

function appendFar(rows: readonly SimDepthLevel[], side: DepthSideId, tick: number, rng: Prng, apply: ApplyDepth): void {
  const last = rows[rows.length - 1] as SimDepthLevel;
  const price = onWire(last.price + away(side) * tick * randomInt(rng, 1, MAX_GAP_TICKS));
  apply(op(DepthOperation.INSERT, side, rows.length, { price, size: size(rng), marketMaker: venue(rng) }));
}
