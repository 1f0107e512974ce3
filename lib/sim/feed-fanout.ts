import { applyComputationMode, tickOptionComputationMsg, type OptionComputation } from './option-computation.js';
import type { OptionUpdate } from './option-model.js';
import { tickPriceMsg, tickSizeMsg } from './server-messages.js';
import type { SimPeer, SymbolFeed } from './sim-context.js';
import type { SimTick, SymbolBook } from './sim-tick.js';
import { COMPUTATION_TICK_IDS, FIELD_TICK_IDS, PRICE_FIELDS, PRICE_SIZE_FIELD, SIZE_FIELDS, isPriceField, type ComputationKind, type TickField } from './tick-ids.js';

const FIELD_COUNT = PRICE_FIELDS.length + SIZE_FIELDS.length;

/** Sends one tick to one request, with the live or delayed id. */
export const sendTick = (peer: SimPeer, reqId: number, delayed: boolean, tick: SimTick, book: SymbolBook): void => {
  const id = FIELD_TICK_IDS[tick.field][delayed ? 1 : 0];
  peer.send(isPriceField(tick.field) ? tickPriceMsg(reqId, id, tick.value, book.sizeFor(tick)) : tickSizeMsg(reqId, id, tick.value));
  peer.counters.ticksSent += 1;
};

/** Sends one option computation to one request (10 / 11 / 13, delayed 80 / 81 / 83). */
export const sendComputation = (peer: SimPeer, reqId: number, delayed: boolean, kind: ComputationKind, c: OptionComputation): void => {
  peer.send(tickOptionComputationMsg(peer.serverVersion, reqId, COMPUTATION_TICK_IDS[kind][delayed ? 1 : 0], c));
  peer.counters.ticksSent += 1;
};

/** Sends a feed's current state to one request: the book in gateway order, then its computations. */
export const sendSnapshot = (peer: SimPeer, reqId: number, delayed: boolean, feed: SymbolFeed): void => {
  for (const tick of feed.book.snapshot()) sendTick(peer, reqId, delayed, tick, feed.book);
  for (const [kind, c] of feed.option?.computations ?? []) sendComputation(peer, reqId, delayed, kind, c);
};

/** The ticks a kind of contract reports: other fields dropped, a size no longer carried in a price tick. */
export const restrictTicks = (fields: ReadonlySet<TickField>, ticks: readonly SimTick[]): SimTick[] =>
  ticks
    .filter((t) => fields.has(t.field))
    .map((t) => {
      const sizeField = isPriceField(t.field) ? PRICE_SIZE_FIELD[t.field] : undefined;
      return t.size !== undefined && (!sizeField || !fields.has(sizeField)) ? { field: t.field, value: t.value } : t;
    });

/**
 * True when a feed or one of its options has a subscriber (market data, real-time bars, tick-by-tick), or its history was asked for (the
 * engine walks only those: the market of a contract with history keeps moving from then on).
 */
export const isWatched = (feed: SymbolFeed): boolean => {
  if (feed.subscribers.size > 0 || feed.observers.size > 0 || feed.history.wanted) return true;
  for (const option of feed.dependents) if (option.subscribers.size > 0) return true;
  return false;
};

/** Applies ticks to a feed's book and sends them to its started subscribers; options follow a new last price. */
export const fanOut = (feed: SymbolFeed, ticks: readonly SimTick[]): void => {
  let traded = false;
  const reported = feed.fields.size === FIELD_COUNT ? ticks : restrictTicks(feed.fields, ticks);
  for (const tick of reported) {
    feed.book.apply(tick);
    feed.history.record(tick, feed.book);
    if (tick.field === 'last') traded = true;
    for (const sub of feed.subscribers) if (sub.started) sendTick(sub.peer, sub.reqId, sub.delayed, tick, feed.book);
    for (const observer of feed.observers) observer.onTick?.(tick, feed.book);
  }
  if (!traded) return;
  for (const option of feed.dependents) if (option.subscribers.size > 0) refreshOption(option);
};

/** Applies an option update: ticks as any feed's, computations through the mode, stored and sent. */
const fanOutOption = (feed: SymbolFeed, update: OptionUpdate): void => {
  fanOut(feed, update.ticks);
  const state = feed.option;
  if (!state) return;
  for (const { kind, value } of update.computations) {
    const c = applyComputationMode(value, state.mode(), state.sequence++);
    state.computations.set(kind, c);
    for (const sub of feed.subscribers) if (sub.started) sendComputation(sub.peer, sub.reqId, sub.delayed, kind, c);
  }
};

/**
 * Brings an option up to its underlying's last price (the first time: the day so far) and sends
 * what changed to its started subscribers. Nothing happens while the underlying has no price.
 */
export const refreshOption = (feed: SymbolFeed): void => {
  const state = feed.option;
  const und = state?.underlying.book.get('last');
  if (!state || und === undefined) return;
  const update = state.initialized ? state.model.update(und, state.now()) : state.model.initial(und, state.now());
  state.initialized = true;
  fanOutOption(feed, update);
};
