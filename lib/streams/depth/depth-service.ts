import { BehaviorSubject, defer, filter, map, scan, takeUntil, tap, type Observable } from 'rxjs';
import { SessionClosedError, StreamLimitError } from '../../errors.js';
import { shareLatest } from '../../operators/share-latest.js';
import { contractKey, contractLabel, normalizeContract, type SymbolOrContract } from '../../requests/contract-key.js';
import type { DepthContext, DepthRequestSpec } from './depth-context.js';
import { foldDepth, initialDepthFold } from './depth-fold.js';
import { checkDepthOptions, type DepthOptions } from './depth-options.js';
import { depthRequest$ } from './depth-request.js';
import { emptyOrderBook, type OrderBook } from './order-book.js';

/** Options of {@link DepthService}. */
export interface DepthServiceOptions {
  /** The session's connection, ids, routing and clock. */
  readonly context: DepthContext;
  /** Emits when the session closes: every book completes. */
  readonly closed$: Observable<unknown>;
  /** Connects the session if it is not connected; `false` once it is closed. */
  readonly open: () => boolean;
  /** Depth requests at a time (`limits.depth_requests`): one more gets `StreamLimitError`. */
  readonly limit: number;
}

/**
 * The session's market depth: `depth$`, one `reqMktDepth` per normalised request (contract, rows,
 * smart) however many subscribers, within the `limits.depth_requests` budget; shares the
 * session's connection, request ids, routing and pacing.
 */
export class DepthService {
  /** Live depth requests (the session stays connected while there are any). Replays; completes on `complete()`. */
  readonly pending$: Observable<number>;
  readonly #options: DepthServiceOptions;
  readonly #books = new Map<string, Observable<OrderBook>>();
  readonly #pending$ = new BehaviorSubject(0);

  constructor(options: DepthServiceOptions) {
    this.#options = options;
    this.pending$ = this.#pending$.asObservable();
  }

  /** The book of a symbol or contract (see `IbSession.depth$`). */
  depth$(input: SymbolOrContract, options: DepthOptions = {}): Observable<OrderBook> {
    return defer(() => {
      const contract = normalizeContract(input);
      const { rows, smart } = checkDepthOptions(options, contract);
      const symbol = contractLabel(contract);
      if (!this.#options.open()) throw new SessionClosedError();
      const key = `${contractKey(contract)}|rows=${rows}|smart=${smart}`;
      const known$ = this.#books.get(key);
      if (known$) return known$;
      const { limit } = this.#options;
      if (this.#books.size >= limit) throw StreamLimitError.budgetExhausted({ stream: 'depth', inUse: this.#books.size, limit, symbol });
      return this.#createBook$(key, { symbol, contract, rows, smart });
    });
  }

  /** The session closed: end `pending$`. */
  complete(): void {
    this.#pending$.complete();
  }

  #createBook$(key: string, spec: DepthRequestSpec): Observable<OrderBook> {
    const forget = (): void => {
      if (this.#books.get(key) !== book$) return;
      this.#books.delete(key);
      this.#count();
    };
    const book$ = depthRequest$(spec, this.#options.context).pipe(
      tap({ error: forget, complete: forget, unsubscribe: forget }),
      scan(foldDepth, initialDepthFold(emptyOrderBook(spec.symbol, spec.rows, spec.smart))),
      filter((fold) => fold.emit),
      map((fold) => fold.book),
      shareLatest(),
      // Every subscriber completes on close; the last one leaving cancels the request.
      takeUntil(this.#options.closed$),
    );
    this.#books.set(key, book$);
    this.#count();
    return book$;
  }

  #count(): void {
    if (!this.#pending$.closed) this.#pending$.next(this.#books.size);
  }
}
