import type { Contract } from '@stoqey/ib';
import { BehaviorSubject, type Observable } from 'rxjs';
import type { DataType } from '../config/index.js';
import { MarketDataLinesError } from '../errors.js';

/** One live market-data subscription as the session sees it. */
export interface LiveSubscription {
  /** The sharing key (see `contractKey`). */
  readonly key: string;
  readonly symbol: string;
  readonly contract: Contract;
  /** The request id in use at TWS, `undefined` while waiting for a connection. */
  readonly reqId: number | undefined;
  /** The socket generation `reqId` was sent on. */
  readonly generation: number | undefined;
  /** The market data type requested (after any delayed fallback). */
  readonly dataType: DataType;
}

/**
 * The session's market-data lines: one entry per shared subscription, with the request id in use.
 * It enforces the local line budget (`limits.market_data_lines`): `add` throws a
 * `MarketDataLinesError` saying how many lines are in use instead of letting TWS answer 101.
 */
export class SubscriptionRegistry {
  readonly #entries = new Map<string, LiveSubscription>();
  readonly #list$ = new BehaviorSubject<readonly LiveSubscription[]>([]);
  /** The line budget. */
  readonly limit: number;
  /** The list after every change (a line taken or freed, a new request id); replays the current list; completes on `complete()`. */
  readonly list$: Observable<readonly LiveSubscription[]> = this.#list$.asObservable();

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Ends `list$` (the session closed). */
  complete(): void {
    this.#list$.complete();
  }

  #changed(): void {
    if (!this.#list$.closed) this.#list$.next(this.list());
  }

  /** Lines in use (live shared subscriptions, requested or waiting). */
  get size(): number {
    return this.#entries.size;
  }

  /** Takes a line for `key`; throws `MarketDataLinesError` when all `limit` lines are in use. */
  add(entry: Pick<LiveSubscription, 'key' | 'symbol' | 'contract' | 'dataType'>): void {
    if (this.#entries.has(entry.key)) throw new Error(`ib-rx: ${entry.key} is already registered`);
    if (this.#entries.size >= this.limit) {
      throw MarketDataLinesError.budgetExhausted({ inUse: this.#entries.size, limit: this.limit, symbol: entry.symbol });
    }
    this.#entries.set(entry.key, { ...entry, reqId: undefined, generation: undefined });
    this.#changed();
  }

  /** Records the request now serving `key`. */
  setRequest(key: string, reqId: number, generation: number, dataType: DataType): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.set(key, { ...entry, reqId, generation, dataType });
    this.#changed();
  }

  /** Forgets `reqId` for `key` if it is still the one in use (the request ended). */
  clearRequest(key: string, reqId: number): void {
    const entry = this.#entries.get(key);
    if (entry?.reqId !== reqId) return;
    this.#entries.set(key, { ...entry, reqId: undefined, generation: undefined });
    this.#changed();
  }

  /** Frees the line of `key`. */
  remove(key: string): void {
    if (this.#entries.delete(key)) this.#changed();
  }

  /** Every live subscription, in subscription order. */
  list(): readonly LiveSubscription[] {
    return [...this.#entries.values()];
  }
}
