import type { Observable } from 'rxjs';
import type { DataType } from '../config/index.js';
import { contractKey, contractLabel, normalizeContract, type SymbolOrContract } from '../requests/contract-key.js';
import { genericTickList } from '../requests/generic-ticks.js';
import { marketDataRequest$ } from '../requests/market-data-request.js';
import type { MarketDataRequestContext } from '../requests/request-context.js';
import { StreamActivity } from '../monitoring/stream-activity.js';
import type { MarketState, MarketStateInput } from '../state/index.js';
import type { Tick } from '../ticks/tick.js';
import { foldRequest } from './fold-request.js';

/** The shared streams of one subscription key: projections of one folded request. */
export interface MarketDataEntry {
  readonly key: string;
  readonly symbol: string;
  /** The market state; a late subscriber gets the current state at once. */
  readonly state$: Observable<MarketState>;
  /** The ticks alone. */
  readonly ticks$: Observable<Tick>;
  /** What the stream folded so far (counters for `health$`). */
  readonly activity: StreamActivity;
}

/** Options of {@link MarketDataStreams}. */
export interface MarketDataStreamsOptions {
  /** Rows of history per state (`market_data.history`). */
  readonly history: number;
  /** Emits once when the session closes: every stream completes. */
  readonly closed$: Observable<unknown>;
  /** Sees every folded step of every entry once, with its key (the session's `streamInputs$`). */
  readonly onStep?: (key: string, input: MarketStateInput, state: MarketState, changed: boolean) => void;
  /** Called when a stream's type in effect changes, with its key. */
  readonly onTypeChange?: (key: string) => void;
}

/**
 * The sharing key of a market-data subscription (as in `subscriptions$` and `streamInputs$`): the
 * normalised contract's key, plus the generic tick list and the data type when it is not the
 * session's. `genericTicks` is the normalised list (`genericTickList`).
 */
export function marketDataKey(
  contract: SymbolOrContract,
  options: { readonly dataType: DataType; readonly sessionDataType: DataType; readonly genericTicks: string },
): string {
  const { dataType, sessionDataType, genericTicks } = options;
  return `${contractKey(contract)}${genericTicks === '' ? '' : `;genericTicks=${genericTicks}`}${dataType === sessionDataType ? '' : `#${dataType}`}`;
}

/**
 * The session's shared subscriptions by normalised contract key (plus the data type when it is
 * not the session's): every subscriber of one key shares one request and one fold. An entry lives
 * while its request does and is forgotten before the request's error or completion reaches a
 * subscriber, so a `retry()` or `repeat()` gets a fresh entry (looked up at subscribe time).
 */
export class MarketDataStreams {
  readonly #entries = new Map<string, MarketDataEntry>();
  readonly #context: MarketDataRequestContext;
  readonly #options: MarketDataStreamsOptions;

  constructor(context: MarketDataRequestContext, options: MarketDataStreamsOptions) {
    this.#context = context;
    this.#options = options;
  }

  /** The counters of the live stream `key` (undefined when none is live). */
  activity(key: string): StreamActivity | undefined {
    return this.#entries.get(key)?.activity;
  }

  /** Number of keys with a live shared request. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The entry of a symbol or contract (with `genericTicks`, a different request per list), created
   * when no request for its key is live. Throws `InvalidContractError` / `InvalidInputError` for bad input.
   */
  entry(input: SymbolOrContract, dataType: DataType = this.#context.sessionDataType, genericTicks?: readonly number[]): MarketDataEntry {
    const contract = normalizeContract(input);
    const ticks = genericTickList(genericTicks);
    const key = marketDataKey(contract, { dataType, sessionDataType: this.#context.sessionDataType, genericTicks: ticks });
    const existing = this.#entries.get(key);
    if (existing !== undefined) return existing;
    const symbol = contractLabel(contract);
    const forget = (): void => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    };
    const { onStep, onTypeChange, closed$, history } = this.#options;
    const activity = new StreamActivity(onTypeChange === undefined ? undefined : () => { onTypeChange(key); });
    const folded = foldRequest(marketDataRequest$({ key, symbol, contract, dataType, ...(ticks !== '' && { genericTicks: ticks }) }, this.#context), {
      symbol,
      history,
      onStep: onStep === undefined
        ? (input) => { activity.input(input); }
        : (input, state, changed) => { activity.input(input); onStep(key, input, state, changed); },
      end$: closed$,
      onEnd: forget,
    });
    const entry: MarketDataEntry = { key, symbol, state$: folded.state$, ticks$: folded.ticks$, activity };
    this.#entries.set(key, entry);
    return entry;
  }
}
