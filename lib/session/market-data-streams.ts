import { filter, finalize, share, takeUntil, type Observable } from 'rxjs';
import type { DataType } from '../config/index.js';
import { contractKey, contractLabel, normalizeContract, type SymbolOrContract } from '../requests/contract-key.js';
import { marketDataRequest$ } from '../requests/market-data-request.js';
import type { MarketDataRequestContext } from '../requests/request-context.js';
import { shareLatest } from '../requests/share-latest.js';
import { marketState, type MarketState, type MarketStateInput } from '../state/index.js';
import type { Tick } from '../ticks/tick.js';

/** The shared streams of one subscription key. */
export interface MarketDataEntry {
  readonly key: string;
  readonly symbol: string;
  /** Ticks, type-in-effect and stale inputs of the one shared request. */
  readonly inputs$: Observable<MarketStateInput>;
  /** The market state; a late subscriber gets the current state at once. */
  readonly state$: Observable<MarketState>;
  /** The ticks alone. */
  readonly ticks$: Observable<Tick>;
}

/**
 * The session's shared subscriptions by normalised contract key (plus the data type when it is
 * not the session's): every subscriber of one key shares one request. An entry lives while its
 * request does; the next subscriber after that gets a fresh one (looked up at subscribe time).
 */
export class MarketDataStreams {
  readonly #entries = new Map<string, MarketDataEntry>();
  readonly #context: MarketDataRequestContext;
  readonly #history: number;
  readonly #closed$: Observable<unknown>;

  /**
   * @param context what requests need from the session.
   * @param history rows of history per state (`market_data.history`).
   * @param closed$ emits once when the session closes: every stream completes.
   */
  constructor(context: MarketDataRequestContext, history: number, closed$: Observable<unknown>) {
    this.#context = context;
    this.#history = history;
    this.#closed$ = closed$;
  }

  /** Number of keys with a live shared request. */
  get size(): number {
    return this.#entries.size;
  }

  /** The entry of a symbol or contract, created when no request for its key is live. */
  entry(input: SymbolOrContract, dataType: DataType = this.#context.sessionDataType): MarketDataEntry {
    const contract = normalizeContract(input);
    const suffix = dataType === this.#context.sessionDataType ? '' : `#${dataType}`;
    const key = `${contractKey(contract)}${suffix}`;
    const existing = this.#entries.get(key);
    if (existing !== undefined) return existing;
    const symbol = contractLabel(contract);
    const inputs$: Observable<MarketStateInput> = marketDataRequest$({ key, symbol, contract, dataType }, this.#context).pipe(
      takeUntil(this.#closed$),
      finalize(() => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      }),
      share(),
    );
    const entry: MarketDataEntry = {
      key,
      symbol,
      inputs$,
      state$: inputs$.pipe(marketState({ symbol, history: this.#history }), shareLatest()),
      ticks$: inputs$.pipe(filter((input): input is Tick => input.type === 'tick')),
    };
    this.#entries.set(key, entry);
    return entry;
  }
}
